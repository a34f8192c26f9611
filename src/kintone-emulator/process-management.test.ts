// Process management (facts sheet §3.10): statuses and assignees on records, status actions
// (revision +2), the assignee rule, bulk status changes, and the feature being disabled.
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  passwordAuthorization,
  startTestEmulator,
  type TestEmulator,
} from './test-support/emulator-test-kit.js';
import { expectKintoneError } from './test-support/expect-kintone-error.js';

let kit: TestEmulator;
let app: number;

beforeAll(async () => {
  kit = await startTestEmulator({
    seed: {
      users: [
        { code: 'alice', name: 'Alice', password: 'alice-password' },
        { code: 'bob', name: 'Bob', password: 'bob-password' },
      ],
    },
  });
  app = await createTestApp(
    kit.client,
    'Tickets',
    {
      subject: { type: 'SINGLE_LINE_TEXT', code: 'subject', label: 'Subject' },
      handler: { type: 'USER_SELECT', code: 'handler', label: 'Handler' },
    },
    {
      processManagement: {
        app: 0,
        enable: true,
        states: {
          Open: {
            name: 'Open',
            index: '0',
            assignee: {
              type: 'ONE',
              entities: [{ entity: { type: 'FIELD_ENTITY', code: 'handler' } }],
            },
          },
          Working: {
            name: 'Working',
            index: '1',
            assignee: { type: 'ONE', entities: [{ entity: { type: 'USER', code: 'bob' } }] },
          },
          Done: { name: 'Done', index: '2', assignee: { type: 'ONE', entities: [] } },
        },
        actions: [
          { name: 'Start', from: 'Open', to: 'Working' },
          { name: 'Finish', from: 'Working', to: 'Done' },
        ],
      },
    },
  );
});
afterAll(async () => {
  await kit.emulator.close();
});

describe('process management', () => {
  it('gives new records the first status and its assignees, and lists the fields as enabled', async () => {
    const { client } = kit;
    const { id } = await client.record.addRecord({
      app,
      record: { handler: { value: [{ code: 'alice' }] } },
    });
    const { record } = await client.record.getRecord({ app, id });
    expect(record['Status']).toEqual({ type: 'STATUS', value: 'Open' });
    expect(record['Assignee']).toEqual({
      type: 'STATUS_ASSIGNEE',
      value: [{ code: 'alice', name: 'Alice' }],
    });
    const fields = await client.app.getFormFields({ app });
    expect(fields.properties['Status']).toMatchObject({ type: 'STATUS', enabled: true });
  });

  it('moves a record along an action, adds 2 to the revision and assigns the next users', async () => {
    const { client } = kit;
    const { id } = await client.record.addRecord({
      app,
      record: { handler: { value: [{ code: 'alice' }] } },
    });
    const alice = new KintoneRestAPIClient({
      baseUrl: kit.emulator.url,
      auth: { username: 'alice', password: 'alice-password' },
    });
    const result = await alice.record.updateRecordStatus({ app, id, action: 'Start', revision: 1 });
    expect(result).toEqual({ revision: '3' });
    const { record } = await client.record.getRecord({ app, id });
    expect(record['Status']?.value).toBe('Working');
    expect(record['Assignee']?.value).toEqual([{ code: 'bob', name: 'Bob' }]);
    expect(record['Updated_by']?.value).toEqual({ code: 'alice', name: 'Alice' });

    await expectKintoneError(
      alice.record.updateRecordStatus({ app, id, action: 'Finish' }),
      403,
      'GAIA_NT01',
    );
    await expectKintoneError(
      client.record.updateRecordStatus({ app, id, action: 'Start' }),
      400,
      'GAIA_IL03',
    );
    await expectKintoneError(
      client.record.updateRecordStatus({ app, id, action: 'Finish', revision: 1 }),
      409,
      'GAIA_CO02',
    );
  });

  it('changes several statuses atomically', async () => {
    const { client } = kit;
    const { ids } = await client.record.addRecords({ app, records: [{}, {}] });
    const [first = '', second = ''] = ids;
    await expectKintoneError(
      client.record.updateRecordsStatus({
        app,
        records: [
          { id: first, action: 'Start' },
          { id: second, action: 'Finish' },
        ],
      }),
      400,
      'GAIA_IL03',
    );
    expect((await client.record.getRecord({ app, id: first })).record['Status']?.value).toBe(
      'Open',
    );
    const done = await client.record.updateRecordsStatus({
      app,
      records: [
        { id: first, action: 'Start' },
        { id: second, action: 'Start' },
      ],
    });
    expect(done.records).toEqual([
      { id: first, revision: '3' },
      { id: second, revision: '3' },
    ]);
  });

  it('changes assignees (revision +1)', async () => {
    const { client } = kit;
    const { id } = await client.record.addRecord({ app, record: {} });
    const result = await client.record.updateRecordAssignees({ app, id, assignees: ['bob'] });
    expect(result.revision).toBe('2');
    expect((await client.record.getRecord({ app, id })).record['Assignee']?.value).toEqual([
      { code: 'bob', name: 'Bob' },
    ]);
  });

  it('answers GAIA_ST02 when the feature is disabled, and records then lack the status fields', async () => {
    const plain = await createTestApp(kit.client, 'Plain', {});
    const { id } = await kit.client.record.addRecord({ app: plain, record: {} });
    const response = await kit.request('PUT', '/k/v1/record/status.json', {
      body: { app: plain, id, action: 'Start' },
      headers: {
        'X-Cybozu-Authorization': passwordAuthorization('Administrator', 'admin-password'),
      },
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      code: 'GAIA_ST02',
      message: 'Your request failed. The process management feature has been disabled.',
    });
    const { record } = await kit.client.record.getRecord({ app: plain, id });
    expect(record['Status']).toBeUndefined();
    expect(record['Assignee']).toBeUndefined();
  });
});

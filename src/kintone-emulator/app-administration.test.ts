// The app administration API (facts sheet §3.11) and the app-level read APIs (§3.1–3.3),
// driven with the official client and raw HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  startTestEmulator,
  type TestEmulator,
} from './test-support/emulator-test-kit.js';
import { expectKintoneError, matching, present } from './test-support/expect-kintone-error.js';

let kit: TestEmulator;

beforeAll(async () => {
  kit = await startTestEmulator();
});
afterAll(async () => {
  await kit.emulator.close();
});

describe('app administration', () => {
  it('creates an app in the pre-live state, hidden until it is deployed', async () => {
    const { client } = kit;
    const created = await client.app.addApp({ name: 'Pre-live app' });
    expect(created).toEqual({ app: matching(/^\d+$/), revision: '2' });
    const { apps } = await client.app.getApps({});
    expect(apps.map((app) => app.appId)).not.toContain(created.app);
    await expectKintoneError(client.record.getRecords({ app: created.app }), 404, 'GAIA_AP01');

    await client.app.addFormFields({
      app: created.app,
      properties: { title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' } },
    });
    const preview = await client.app.getFormFields({ app: created.app, preview: true });
    expect(preview.revision).toBe('3');
    expect(preview.properties['title']).toEqual({
      type: 'SINGLE_LINE_TEXT',
      code: 'title',
      label: 'Title',
      noLabel: false,
      required: false,
      unique: false,
      defaultValue: '',
      minLength: '',
      maxLength: '',
      expression: '',
      hideExpression: false,
    });

    await client.app.deployApp({ apps: [{ app: created.app, revision: 3 }] });
    expect(await client.app.getDeployStatus({ apps: [created.app] })).toEqual({
      apps: [{ app: created.app, status: 'SUCCESS' }],
    });
    const live = await client.app.getFormFields({ app: created.app });
    expect(live.revision).toBe('3');
    expect(Object.keys(live.properties)).toEqual(
      expect.arrayContaining([
        'Record_number',
        'Created_by',
        'Created_datetime',
        'Status',
        'title',
      ]),
    );
    expect(live.properties['Status']).toEqual({
      type: 'STATUS',
      code: 'Status',
      label: 'Status',
      enabled: false,
    });
    const app = await client.app.getApp({ id: created.app });
    expect(app).toMatchObject({
      appId: created.app,
      name: 'Pre-live app',
      code: '',
      spaceId: null,
      threadId: null,
    });
  });

  it('keeps field changes away from the live app until the next deploy', async () => {
    const { client } = kit;
    const app = await createTestApp(client, 'Changing app', {
      amount: { type: 'NUMBER', code: 'amount', label: 'Amount' },
    });
    await client.record.addRecord({ app, record: { amount: { value: '5' } } });
    await client.app.addFormFields({
      app,
      properties: { note: { type: 'MULTI_LINE_TEXT', code: 'note', label: 'Note' } },
    });
    await client.app.updateFormFields({
      app,
      properties: { amount: { type: 'NUMBER', label: 'Total amount' } },
    });
    expect((await client.app.getFormFields({ app })).properties['note']).toBeUndefined();
    const before = await client.record.getRecords({ app });
    expect(before.records[0]?.['note']).toBeUndefined();

    await client.app.deployApp({ apps: [{ app }] });
    const fields = await client.app.getFormFields({ app });
    expect(fields.properties['amount']?.label).toBe('Total amount');
    const after = await client.record.getRecords({ app });
    expect(after.records[0]?.['note']).toEqual({ type: 'MULTI_LINE_TEXT', value: '' });
    expect(after.records[0]?.['amount']).toEqual({ type: 'NUMBER', value: '5' });

    await client.app.deleteFormFields({ app, fields: ['note'] });
    await client.app.deployApp({ apps: [{ app }] });
    expect((await client.record.getRecords({ app })).records[0]?.['note']).toBeUndefined();
  });

  it('refuses a stale settings revision with 409 GAIA_CO03', async () => {
    const { client } = kit;
    const { app } = await client.app.addApp({ name: 'Revision app' });
    await expectKintoneError(
      client.app.addFormFields({
        app,
        revision: 1,
        properties: { a: { type: 'NUMBER', code: 'a', label: 'A' } },
      }),
      409,
      'GAIA_CO03',
    );
  });

  it('validates field definitions with CB_VA01 and the property key', async () => {
    const response = await kit.request('POST', '/k/v1/preview/app.json', {
      body: { name: 'Invalid fields' },
    });
    const app = response.json?.['app'];
    const invalid = await kit.request('POST', '/k/v1/preview/app/form/fields.json', {
      body: { app, properties: { bad: { type: 'NOT_A_TYPE', code: 'bad', label: 'Bad' } } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({
      code: 'CB_VA01',
      errors: { 'properties.bad.type': { messages: present() } },
    });
    const calc = await kit.request('POST', '/k/v1/preview/app/form/fields.json', {
      body: {
        app,
        properties: { c: { type: 'CALC', code: 'c', label: 'C', expression: 'missing * 2' } },
      },
    });
    expect(calc.json).toMatchObject({
      code: 'CB_VA01',
      errors: { 'properties.c.expression': present() },
    });
  });

  it('lists apps with ids, codes, name, limit and offset, and 400 above limit 100', async () => {
    const { client } = kit;
    const first = await createTestApp(client, 'Listing alpha', {});
    const second = await createTestApp(client, 'Listing beta', {});
    const byName = await client.app.getApps({ name: 'listing' });
    expect(byName.apps.map((app) => app.name)).toEqual(['Listing alpha', 'Listing beta']);
    const byIds = await client.app.getApps({ ids: [second] });
    expect(byIds.apps.map((app) => app.appId)).toEqual([String(second)]);
    const paged = await client.app.getApps({ name: 'listing', limit: 1, offset: 1 });
    expect(paged.apps.map((app) => app.appId)).toEqual([String(second)]);
    expect(first).toBeLessThan(second);
    const tooMany = await kit.request('GET', '/k/v1/apps.json?limit=101');
    expect(tooMany.status).toBe(400);
    expect(tooMany.json?.['code']).toBe('CB_VA01');
  });

  it('answers fields.json in the requested language for system fields and rejects bad lang', async () => {
    const app = await createTestApp(kit.client, 'Language app', {});
    const japanese = await kit.request('GET', `/k/v1/app/form/fields.json?app=${app}&lang=ja`);
    expect(
      (japanese.json?.['properties'] as Record<string, { label: string }>)['Record_number']?.label,
    ).toBe('レコード番号');
    const bad = await kit.request('GET', `/k/v1/app/form/fields.json?app=${app}&lang=fr`);
    expect(bad.json).toMatchObject({
      code: 'CB_VA01',
      errors: { lang: { messages: ['must be one of the enum value'] } },
    });
  });

  it('returns 404 GAIA_AP01 with the app id for an unknown app', async () => {
    const response = await kit.request('GET', '/k/v1/app.json?id=99999');
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({
      code: 'GAIA_AP01',
      message: 'The app (ID: 99999) not found. The app may have been deleted.',
    });
  });
});

// The record APIs (facts sheet §3.4, §3.5, §9, §11) through the official client: single and
// bulk writes, revisions, projections, counts, upserts, paging helpers and error classes.
import { KintoneAllRecordsError } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  startTestEmulator,
  type TestEmulator,
} from './test-support/emulator-test-kit.js';
import { expectKintoneError, matching, present } from './test-support/expect-kintone-error.js';

let kit: TestEmulator;
let app: number;

beforeAll(async () => {
  kit = await startTestEmulator();
  app = await createTestApp(kit.client, 'Orders', {
    title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
    code: { type: 'SINGLE_LINE_TEXT', code: 'code', label: 'Code', unique: true },
    amount: { type: 'NUMBER', code: 'amount', label: 'Amount' },
  });
});
afterAll(async () => {
  await kit.emulator.close();
});

describe('single records', () => {
  it('adds, reads and updates a record with revisions, in read shape', async () => {
    const { client } = kit;
    const added = await client.record.addRecord({
      app,
      record: { title: { value: 'First' }, amount: { value: 12 } },
    });
    expect(added).toEqual({ id: matching(/^\d+$/), revision: '1' });
    const { record } = await client.record.getRecord({ app, id: added.id });
    expect(record['$id']).toEqual({ type: '__ID__', value: added.id });
    expect(record['$revision']).toEqual({ type: '__REVISION__', value: '1' });
    expect(record['Record_number']).toEqual({ type: 'RECORD_NUMBER', value: added.id });
    expect(record['amount']).toEqual({ type: 'NUMBER', value: '12' });
    expect(record['Created_by']).toEqual({
      type: 'CREATOR',
      value: { code: 'Administrator', name: 'Administrator' },
    });
    expect(record['Created_datetime']?.value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
    expect(record['Status']).toBeUndefined();

    const updated = await client.record.updateRecord({
      app,
      id: added.id,
      revision: 1,
      record: { title: { value: 'Renamed' } },
    });
    expect(updated).toEqual({ revision: '2' });
    const after = await client.record.getRecord({ app, id: added.id });
    expect(after.record['title']?.value).toBe('Renamed');
    expect(after.record['amount']?.value).toBe('12');

    const stale = await expectKintoneError(
      client.record.updateRecord({
        app,
        id: added.id,
        revision: 1,
        record: { title: { value: 'Lost' } },
      }),
      409,
      'GAIA_CO02',
    );
    expect(stale.message).toContain('The revision is not the latest. Someone may update a record.');
    expect((await client.record.getRecord({ app, id: added.id })).record['title']?.value).toBe(
      'Renamed',
    );
  });

  it('answers 404 GAIA_RE01 for unknown records', async () => {
    const error = await expectKintoneError(
      kit.client.record.getRecord({ app, id: 99999 }),
      404,
      'GAIA_RE01',
    );
    expect(error.message).toContain('The specified record (ID: 99999) is not found.');
    await expectKintoneError(
      kit.client.record.updateRecord({ app, id: 99999, record: {} }),
      404,
      'GAIA_RE01',
    );
  });

  it('updates and upserts by a unique updateKey', async () => {
    const { client } = kit;
    await client.record.addRecord({
      app,
      record: { code: { value: 'K-1' }, amount: { value: '1' } },
    });
    const updated = await client.record.updateRecord({
      app,
      updateKey: { field: 'code', value: 'K-1' },
      record: { amount: { value: '2' } },
    });
    expect(updated.revision).toBe('2');
    const upserted = await client.record.updateRecords({
      app,
      upsert: true,
      records: [
        { updateKey: { field: 'code', value: 'K-1' }, record: { amount: { value: '3' } } },
        { updateKey: { field: 'code', value: 'K-2' }, record: { amount: { value: '4' } } },
      ],
    });
    expect(
      upserted.records.map((record) => ('operation' in record ? record.operation : undefined)),
    ).toEqual(['UPDATE', 'INSERT']);
    const found = await kit.request(
      'GET',
      `/k/v1/record.json?app=${app}&id=${upserted.records[1]?.id}`,
    );
    expect((found.json?.['record'] as Record<string, { value: unknown }>)['code']?.value).toBe(
      'K-2',
    );
    const notUnique = await kit.request('PUT', '/k/v1/record.json', {
      body: { app, updateKey: { field: 'title', value: 'x' }, record: {} },
    });
    expect(notUnique.json).toMatchObject({
      code: 'CB_VA01',
      errors: { 'updateKey.field': present() },
    });
    const missingId = await kit.request('PUT', '/k/v1/record.json', { body: { app, record: {} } });
    expect(missingId.json).toMatchObject({
      code: 'CB_VA01',
      errors: { id: { messages: ['Required field.'] } },
    });
  });
});

describe('many records', () => {
  it('adds up to 100 records at once, all or nothing', async () => {
    const { client } = kit;
    const added = await client.record.addRecords({
      app,
      records: [{ title: { value: 'A' } }, { title: { value: 'B' } }],
    });
    expect(added.ids).toHaveLength(2);
    expect(added.revisions).toEqual(['1', '1']);
    const empty = await kit.request('POST', '/k/v1/records.json', { body: { app, records: [] } });
    expect(empty.json).toEqual({ ids: [], revisions: [] });
    const tooMany = await kit.request('POST', '/k/v1/records.json', {
      body: { app, records: Array.from({ length: 101 }, () => ({})) },
    });
    expect(tooMany.json).toMatchObject({
      code: 'CB_VA01',
      errors: { records: { messages: ['A maximum of 100 records can be added at one time.'] } },
    });
    const before = await client.record.getRecords({ app, totalCount: true });
    const failing = await kit.request('POST', '/k/v1/records.json', {
      body: { app, records: [{ code: { value: 'DUP' } }, { code: { value: 'DUP' } }] },
    });
    expect(failing.json).toMatchObject({
      code: 'CB_VA01',
      errors: {
        'records[1].code.value': { messages: ['This value already exists in another record.'] },
      },
    });
    const after = await client.record.getRecords({ app, totalCount: true });
    expect(after.totalCount).toBe(before.totalCount);
  });

  it('reads with fields, totalCount and the default limit of 100', async () => {
    const { client } = kit;
    const list = await client.record.getRecords({
      app,
      fields: ['title', '$id'],
      totalCount: true,
    });
    expect(Object.keys(list.records[0] ?? {}).sort()).toEqual(['$id', 'title']);
    expect(list.totalCount).toMatch(/^\d+$/);
    const plain = await client.record.getRecords({ app });
    expect(plain.totalCount).toBeNull();
    const ids = plain.records.map((record) => Number(record['$id']?.value));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('refuses limit above 500 and offset above 10,000', async () => {
    await expectKintoneError(
      kit.client.record.getRecords({ app, query: 'limit 501' }),
      400,
      'GAIA_QU01',
    );
    await expectKintoneError(
      kit.client.record.getRecords({ app, query: 'offset 10001' }),
      400,
      'GAIA_QU02',
    );
  });

  it('updates many records atomically and refuses the whole batch on one stale revision', async () => {
    const { client } = kit;
    const { ids } = await client.record.addRecords({
      app,
      records: [{ amount: { value: 1 } }, { amount: { value: 2 } }],
    });
    const [first = '', second = ''] = ids;
    const result = await client.record.updateRecords({
      app,
      records: [
        { id: first, revision: 1, record: { amount: { value: 10 } } },
        { id: second, record: { amount: { value: 20 } } },
      ],
    });
    expect(result.records).toEqual([
      { id: first, revision: '2' },
      { id: second, revision: '2' },
    ]);
    await expectKintoneError(
      client.record.updateRecords({
        app,
        records: [
          { id: first, revision: 2, record: { amount: { value: 100 } } },
          { id: second, revision: 1, record: { amount: { value: 200 } } },
        ],
      }),
      409,
      'GAIA_CO02',
    );
    expect((await client.record.getRecord({ app, id: first })).record['amount']?.value).toBe('10');
  });

  it('deletes records with positional revisions, refusing unknown ids without deleting anything', async () => {
    const { client } = kit;
    const { ids } = await client.record.addRecords({ app, records: [{}, {}] });
    const [first = '', second = ''] = ids;
    await expectKintoneError(
      client.record.deleteRecords({ app, ids: [first, 99999] }),
      404,
      'GAIA_RE01',
    );
    await expectKintoneError(
      client.record.deleteRecords({ app, ids: [first], revisions: [5] }),
      409,
      'GAIA_CO02',
    );
    expect((await client.record.getRecord({ app, id: first })).record['$id']?.value).toBe(first);
    await client.record.deleteRecords({ app, ids: [first, second], revisions: [1, -1] });
    await expectKintoneError(client.record.getRecord({ app, id: second }), 404, 'GAIA_RE01');
    const none = await kit.request('DELETE', `/k/v1/records.json?app=${app}`);
    expect(none.json).toMatchObject({
      code: 'CB_VA01',
      errors: {
        ids: {
          messages: ['Between 1 and 100 records can be deleted at one time.', 'Required field.'],
        },
      },
    });
  });
});

describe('paging helpers of the official client', () => {
  let pagedApp: number;

  beforeAll(async () => {
    pagedApp = await createTestApp(kit.client, 'Paged', {
      n: { type: 'NUMBER', code: 'n', label: 'N' },
    });
  });

  it('adds 1,234 records with addAllRecords (bulk requests) and reads them back with and without cursor', async () => {
    const { client } = kit;
    const records = Array.from({ length: 1234 }, (_, index) => ({ n: { value: String(index) } }));
    const added = await client.record.addAllRecords({ app: pagedApp, records });
    expect(added.records).toHaveLength(1234);

    const keyset = await client.record.getAllRecords({ app: pagedApp, fields: ['n'] });
    expect(keyset).toHaveLength(1234);
    expect(keyset.map((record) => record['n']?.value)).toEqual(
      records.map((record) => record.n.value),
    );

    const withCursor = await client.record.getAllRecordsWithCursor({
      app: pagedApp,
      query: 'order by $id desc',
    });
    expect(withCursor).toHaveLength(1234);
    expect(withCursor[0]?.['n']?.value).toBe('1233');

    const ordered = await client.record.getAllRecords({
      app: pagedApp,
      orderBy: '$id asc',
      withCursor: false,
    });
    expect(ordered).toHaveLength(1234);

    const viaCursor = await client.record.getAllRecords({ app: pagedApp, orderBy: '$id desc' });
    expect(viaCursor.map((record) => record['n']?.value)).toEqual(
      records.map((record) => record.n.value).reverse(),
    );
  });

  it('reports a failing chunk of addAllRecords as KintoneAllRecordsError', async () => {
    const strict = await createTestApp(kit.client, 'Strict', {
      name: { type: 'SINGLE_LINE_TEXT', code: 'name', label: 'Name', required: true },
    });
    const records = Array.from({ length: 150 }, (_, index) => ({
      name: { value: index === 120 ? '' : `n${index}` },
    }));
    const error = await kit.client.record.addAllRecords({ app: strict, records }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(KintoneAllRecordsError);
    const allRecordsError = error as KintoneAllRecordsError;
    expect(allRecordsError.numOfProcessedRecords).toBe(0);
    expect(allRecordsError.errorIndex).toBe(120);
    expect((await kit.client.record.getRecords({ app: strict, totalCount: true })).totalCount).toBe(
      '0',
    );
  });
});

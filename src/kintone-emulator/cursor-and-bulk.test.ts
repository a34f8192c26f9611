// Cursors (facts sheet §3.6, §8) and bulkRequest (§3.7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  startTestEmulator,
  type TestEmulator,
} from './test-support/emulator-test-kit.js';
import { expectKintoneError } from './test-support/expect-kintone-error.js';

let kit: TestEmulator;
let app: number;

beforeAll(async () => {
  kit = await startTestEmulator({ now: new Date('2026-01-01T00:00:00Z') });
  app = await createTestApp(kit.client, 'Items', {
    name: { type: 'SINGLE_LINE_TEXT', code: 'name', label: 'Name', required: true },
    n: { type: 'NUMBER', code: 'n', label: 'N' },
  });
  await kit.client.record.addRecords({
    app,
    records: Array.from({ length: 25 }, (_, index) => ({
      name: { value: `item ${index}` },
      n: { value: index },
    })),
  });
});
afterAll(async () => {
  await kit.emulator.close();
});

async function deleteAllCursors(ids: readonly string[]): Promise<void> {
  for (const id of ids) await kit.client.record.deleteCursor({ id }).catch(() => undefined);
}

describe('cursors', () => {
  it('pages through a fixed record set, reading current values, and deletes itself at the end', async () => {
    const { client } = kit;
    const cursor = await client.record.createCursor({
      app,
      fields: ['n'],
      query: 'order by $id asc',
      size: 10,
    });
    expect(cursor.totalCount).toBe('25');
    const first = await client.record.getRecordsByCursor({ id: cursor.id });
    expect(first.next).toBe(true);
    expect(first.records.map((record) => record['n']?.value)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    expect(Object.keys(first.records[0] ?? {})).toEqual(['n']);
    await client.record.addRecord({ app, record: { name: { value: 'late' } } });
    await client.record.updateRecord({ app, id: 12, record: { n: { value: 1200 } } });
    await client.record.deleteRecords({ app, ids: [13] });
    const second = await client.record.getRecordsByCursor({ id: cursor.id });
    expect(second.records.map((record) => record['n']?.value)).toEqual([
      '10',
      '1200',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
    ]);
    const third = await client.record.getRecordsByCursor({ id: cursor.id });
    expect(third.next).toBe(false);
    expect(third.records).toHaveLength(5);
    await expectKintoneError(client.record.getRecordsByCursor({ id: cursor.id }), 404, 'GAIA_CN01');
    await expectKintoneError(client.record.deleteCursor({ id: cursor.id }), 404, 'GAIA_CN01');
  });

  it('allows 10 open cursors per domain; the 11th gets 429 GAIA_TM12', async () => {
    const ids: string[] = [];
    try {
      for (let index = 0; index < 10; index++)
        ids.push((await kit.client.record.createCursor({ app, size: 1 })).id);
      await expectKintoneError(kit.client.record.createCursor({ app }), 429, 'GAIA_TM12');
      const released = ids.pop() ?? '';
      await kit.client.record.deleteCursor({ id: released });
      ids.push((await kit.client.record.createCursor({ app })).id);
    } finally {
      await deleteAllCursors(ids);
    }
  });

  it('expires 10 minutes after the last read (injectable clock)', async () => {
    const { client } = kit;
    const cursor = await client.record.createCursor({ app, size: 1 });
    kit.emulator.clock.advance(9 * 60 * 1000);
    await client.record.getRecordsByCursor({ id: cursor.id });
    kit.emulator.clock.advance(9 * 60 * 1000);
    await client.record.getRecordsByCursor({ id: cursor.id });
    kit.emulator.clock.advance(10 * 60 * 1000);
    await expectKintoneError(client.record.getRecordsByCursor({ id: cursor.id }), 404, 'GAIA_CN01');
  });

  it('refuses sizes above 500 and limit in a cursor query', async () => {
    await expectKintoneError(kit.client.record.createCursor({ app, size: 501 }), 400, 'CB_VA01');
    await expectKintoneError(
      kit.client.record.createCursor({ app, query: 'limit 5' }),
      400,
      'CB_VA01',
    );
  });
});

describe('bulkRequest', () => {
  it('runs up to 20 requests in order and returns each normal response', async () => {
    const { client } = kit;
    const result = await client.bulkRequest({
      requests: [
        {
          method: 'POST',
          api: '/k/v1/record.json',
          payload: { app, record: { name: { value: 'bulk 1' } } },
        },
        {
          method: 'POST',
          api: '/k/v1/records.json',
          payload: { app, records: [{ name: { value: 'bulk 2' } }] },
        },
      ],
    });
    expect(result.results).toEqual([
      { id: expect.any(String) as unknown, revision: '1' },
      { ids: [expect.any(String) as unknown], revisions: ['1'] },
    ]);
  });

  it('rolls everything back when one request fails, with the error in its slot and {} elsewhere', async () => {
    const before = await kit.client.record.getRecords({ app, totalCount: true });
    const response = await kit.request('POST', '/k/v1/bulkRequest.json', {
      body: {
        requests: [
          {
            method: 'POST',
            api: '/k/v1/record.json',
            payload: { app, record: { name: { value: 'kept?' } } },
          },
          {
            method: 'PUT',
            api: '/k/v1/record.json',
            payload: { app, id: 1, record: { n: { value: 77 } } },
          },
          {
            method: 'POST',
            api: '/k/v1/record.json',
            payload: { app, record: { name: { value: '' } } },
          },
          {
            method: 'POST',
            api: '/k/v1/record.json',
            payload: { app, record: { name: { value: 'never run' } } },
          },
        ],
      },
    });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      results: [
        {},
        {},
        {
          code: 'CB_VA01',
          id: expect.any(String) as unknown,
          message: 'Missing or invalid input.',
          errors: { 'record.name.value': { messages: ['Required.'] } },
        },
        {},
      ],
    });
    const after = await kit.client.record.getRecords({ app, totalCount: true });
    expect(after.totalCount).toBe(before.totalCount);
    expect((await kit.client.record.getRecord({ app, id: 1 })).record['n']?.value).toBe('0');
  });

  it('surfaces the failing index through the official client', async () => {
    const error = await expectKintoneError(
      kit.client.bulkRequest({
        requests: [
          {
            method: 'POST',
            api: '/k/v1/record.json',
            payload: { app, record: { name: { value: 'x' } } },
          },
          { method: 'DELETE', api: '/k/v1/records.json', payload: { app, ids: [99999] } },
        ],
      }),
      404,
      'GAIA_RE01',
    );
    expect(error.bulkRequestIndex).toBe(1);
  });

  it('refuses more than 20 requests and APIs that bulkRequest does not run', async () => {
    const many = await kit.request('POST', '/k/v1/bulkRequest.json', {
      body: {
        requests: Array.from({ length: 21 }, () => ({
          method: 'POST',
          api: '/k/v1/record.json',
          payload: { app },
        })),
      },
    });
    expect(many.json).toMatchObject({
      code: 'CB_VA01',
      errors: { requests: expect.anything() as unknown },
    });
    const read = await kit.request('POST', '/k/v1/bulkRequest.json', {
      body: { requests: [{ method: 'GET', api: '/k/v1/records.json', payload: { app } }] },
    });
    expect(read.json).toMatchObject({
      code: 'CB_VA01',
      errors: { 'requests[0].api': expect.anything() as unknown },
    });
  });
});

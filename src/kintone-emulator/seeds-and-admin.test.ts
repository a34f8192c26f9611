// Seeds (the built-in demo and JSON fixtures) and the admin endpoints (reset, clock, seed).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoSeed } from './seed/demo-seed.js';
import type { SeedDocument } from './seed/seed-document.js';
import { startTestEmulator } from './test-support/emulator-test-kit.js';

const directory = mkdtempSync(join(tmpdir(), 'kintone-emulator-seed-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the demo seed', () => {
  it('builds four apps with deterministic data, sized by records', async () => {
    const kit = await startTestEmulator({ seed: 'demo', records: 60 });
    try {
      const result = kit.emulator.seedResult;
      expect(result?.apps.map((app) => [app.name, app.code, app.recordCount, app.spaceId])).toEqual(
        [
          ['Customers', 'CUSTOMERS', 20, null],
          ['Deals', 'DEALS', 60, null],
          ['Support tickets', 'TICKETS', 20, null],
          ['Partner requests', 'PARTNER', 25, '1'],
        ],
      );
      const deals = await kit.client.record.getRecords({
        app: 2,
        query: 'order by $id asc limit 3',
      });
      const first = deals.records[0];
      expect(first?.['customer_company']?.value).not.toBe('');
      expect(first?.['Record_number']?.value).toBe('DEALS-1');
      const rows = first?.['line_items']?.value as { value: Record<string, { value: string }> }[];
      const sum = rows.reduce((total, row) => total + Number(row.value['subtotal']?.value), 0);
      expect(first?.['total']?.value).toBe(String(sum));
      const tickets = await kit.client.record.getRecords({ app: 3, query: 'limit 500' });
      const statuses = new Set(tickets.records.map((record) => record['Status']?.value));
      expect(statuses.size).toBeGreaterThan(1);

      const again = await startTestEmulator({ seed: 'demo', records: 60 });
      try {
        const same = await again.client.record.getRecords({
          app: 2,
          query: 'order by $id asc limit 3',
        });
        const strip = (records: typeof deals.records): unknown =>
          records.map(
            ({ Created_datetime: _created, Updated_datetime: _updated, ...rest }) => rest,
          );
        expect(strip(same.records)).toEqual(strip(deals.records));
        expect(again.emulator.seedResult?.apps.map((app) => app.apiTokens)).toEqual(
          result?.apps.map((app) => app.apiTokens),
        );
      } finally {
        await again.emulator.close();
      }
    } finally {
      await kit.emulator.close();
    }
  });

  it('gives the viewer user view-only rights on Customers', async () => {
    const kit = await startTestEmulator({ seed: 'demo', records: 10 });
    try {
      const viewer = {
        'X-Cybozu-Authorization': Buffer.from('viewer:viewer-password').toString('base64'),
      };
      expect(
        (await kit.request('GET', '/k/v1/records.json?app=1', { headers: viewer })).status,
      ).toBe(200);
      const write = await kit.request('POST', '/k/v1/record.json', {
        headers: viewer,
        body: { app: 1, record: {} },
      });
      expect({ status: write.status, code: write.json?.['code'] }).toEqual({
        status: 403,
        code: 'CB_NO02',
      });
    } finally {
      await kit.emulator.close();
    }
  });

  it('is reusable as a document', () => {
    const seed = buildDemoSeed({ records: 5 });
    expect(seed.apps?.map((app) => app.name)).toEqual([
      'Customers',
      'Deals',
      'Support tickets',
      'Partner requests',
    ]);
  });
});

describe('JSON seed files', () => {
  const fixture: SeedDocument = {
    users: [{ code: 'eve', name: 'Eve', password: 'eve-password' }],
    apps: [
      {
        name: 'Fixture',
        code: 'FIX',
        fields: {
          title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title', required: true },
        },
        apiTokens: [{ token: 'fixturetoken123', permissions: { deleteRecord: false } }],
        records: [{ title: { value: 'one' } }, { title: { value: 'two' } }],
      },
    ],
  };

  it('loads users, apps, tokens and records from a file', async () => {
    const path = join(directory, 'fixture.json');
    writeFileSync(path, JSON.stringify(fixture));
    const kit = await startTestEmulator({ seed: path });
    try {
      const response = await kit.request(
        'GET',
        '/k/v1/records.json?app=1&query=order+by+%24id+asc',
        {
          anonymous: true,
          headers: { 'X-Cybozu-API-Token': 'fixturetoken123' },
        },
      );
      const records = response.json?.['records'] as Record<string, { value: unknown }>[];
      expect(records.map((record) => record['title']?.value)).toEqual(['one', 'two']);
      expect(records[0]?.['Record_number']?.value).toBe('FIX-1');
      const remove = await kit.request('DELETE', '/k/v1/records.json?app=1&ids[0]=1', {
        anonymous: true,
        headers: { 'X-Cybozu-API-Token': 'fixturetoken123' },
      });
      expect(remove.json?.['code']).toBe('GAIA_NO01');
    } finally {
      await kit.emulator.close();
    }
  });

  it('fails to start with the validation error of an invalid record', async () => {
    const invalid: SeedDocument = {
      apps: [{ ...fixture.apps?.[0], name: 'Broken', records: [{ title: { value: '' } }] }],
    };
    await expect(startTestEmulator({ seed: invalid })).rejects.toThrow('Missing or invalid input.');
  });
});

describe('admin endpoints', () => {
  it('resets to the start-up data, sets the clock and applies seeds', async () => {
    const kit = await startTestEmulator({
      seed: { apps: [{ name: 'Base', fields: {}, records: [{}] }] },
    });
    const admin = async (
      method: string,
      path: string,
      body?: unknown,
    ): Promise<Record<string, unknown>> => {
      const response = await fetch(`${kit.emulator.url}/__emulator/${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as Record<string, unknown>;
    };
    try {
      expect(await admin('GET', 'health')).toEqual({ status: 'ok' });
      const seeded = await admin('POST', 'seed', {
        apps: [{ name: 'Added later', records: [{}, {}] }],
      });
      expect(seeded).toMatchObject({ apps: [{ id: 2, name: 'Added later', recordCount: 2 }] });
      await kit.client.record.addRecord({ app: 1, record: {} });

      expect(await admin('PUT', 'clock', { now: '2030-01-02T03:04:05Z' })).toEqual({
        now: '2030-01-02T03:04:05.000Z',
      });
      expect(await admin('PUT', 'clock', { advanceMilliseconds: 60_000 })).toEqual({
        now: '2030-01-02T03:05:05.000Z',
      });
      const { id } = await kit.client.record.addRecord({ app: 1, record: {} });
      expect(
        (await kit.client.record.getRecord({ app: 1, id })).record['Created_datetime']?.value,
      ).toBe('2030-01-02T03:05:00Z');

      expect(await admin('POST', 'reset')).toEqual({ status: 'reset' });
      expect((await kit.client.app.getApps({})).apps.map((app) => app.name)).toEqual(['Base']);
      expect((await kit.client.record.getRecords({ app: 1, totalCount: true })).totalCount).toBe(
        '1',
      );
      expect((await admin('GET', 'nothing'))['message']).toBe(
        'No admin endpoint GET /__emulator/nothing.',
      );
      const invalid = await fetch(`${kit.emulator.url}/__emulator/seed`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          apps: [
            { name: 'Half', records: [{}] },
            {
              name: 'Broken',
              fields: { t: { type: 'NUMBER', code: 't', label: 'T', required: true } },
              records: [{}],
            },
          ],
        }),
      });
      expect(invalid.status).toBe(400);
      expect((await kit.client.app.getApps({})).apps.map((app) => app.name)).toEqual(['Base']);
    } finally {
      await kit.emulator.close();
    }
  });
});

// The Kintone connector against the Kintone emulator over HTTP: schema discovery of the
// demo seed, pushed-down and residual reads giving the same rows, paging past 10,000
// records, writes with ETags and errors, authentication variants, and resilience under
// injected faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startKintoneEmulator,
  type RunningKintoneEmulator,
} from '../../kintone-emulator/start-kintone-emulator.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { Value } from '../../odata/edm/primitive-type.js';
import type { BoundExpression } from '../../odata/semantic/expression.js';
import { compileFilter } from '../../odata/evaluate/compile-filter.js';
import type {
  ExecutionContext,
  Row,
  ScanRequest,
  SourceCall,
  WriteOperation,
} from '../connector.js';
import { KintoneConnector } from './kintone-connector.js';
import type { KintoneTableSchema } from './schema/kintone-table-model.js';
import { parseKintoneSettings } from './settings/kintone-settings.js';
import { expressions, scanRequest } from './test-support/sample-app.js';

const fastRetries = { baseDelayMs: 2, maxDelayMs: 20, maxAttempts: 12 };

function context(calls: SourceCall[] = []): ExecutionContext {
  return {
    signal: new AbortController().signal,
    deadline: Date.now() + 60_000,
    recordSourceCall: (call) => calls.push(call),
  };
}

function connectorFor(
  emulator: RunningKintoneEmulator,
  settings: Record<string, string | number | boolean> = {},
): KintoneConnector {
  const { config, problems } = parseKintoneSettings({
    url: emulator.url,
    authentication: 'password',
    username: emulator.adminUser,
    password: emulator.adminPassword,
    ...settings,
  });
  if (config === undefined) throw new Error(JSON.stringify(problems));
  return new KintoneConnector(config, { retrySchedule: fastRetries });
}

async function read(
  connector: KintoneConnector,
  request: ScanRequest,
  calls: SourceCall[] = [],
): Promise<{ rows: Row[]; count: number | undefined; pushedAll: boolean }> {
  const plan = connector.planScan(request);
  const result = await connector.scan(plan, context(calls));
  const rows: Row[] = [];
  for await (const batch of result.batches) rows.push(...batch);
  const residual =
    plan.residualFilter === undefined ? undefined : gatewayFilter(plan.residualFilter);
  return {
    rows: residual === undefined ? rows : rows.filter(residual),
    count: result.totalCount === undefined ? undefined : await result.totalCount,
    pushedAll: plan.residualFilter === undefined,
  };
}

/** The gateway's own evaluator: what a plan without pushdown would apply. */
function gatewayFilter(filter: BoundExpression): (row: Row) => boolean {
  return compileFilter(filter, { now: new Date() });
}

function idsOf(rows: readonly Row[]): number[] {
  return rows.map((row) => Number(row[0]));
}

function columnIndex(table: KintoneTableSchema, name: string): number {
  const index = table.columns.findIndex((column) => column.name === name);
  if (index < 0) throw new Error(`no column ${name}`);
  return index;
}

describe('KintoneConnector against the emulator', () => {
  let emulator: RunningKintoneEmulator;
  let connector: KintoneConnector;
  const tables = new Map<string, KintoneTableSchema>();
  const table = (name: string): KintoneTableSchema => {
    const found = tables.get(name);
    if (found === undefined) throw new Error(`no table ${name}`);
    return found;
  };

  beforeAll(async () => {
    emulator = await startKintoneEmulator({ records: 12000 });
    connector = connectorFor(emulator);
    for (const summary of await connector.listTables(context())) {
      tables.set(summary.name, await connector.describeTable(summary.id, context()));
    }
  }, 60_000);
  afterAll(async () => {
    await connector.close();
    await emulator.close();
  });

  it('discovers the demo apps, their subtables and the Apps table', async () => {
    expect([...tables.keys()]).toEqual([
      'Apps',
      'CUSTOMERS',
      'DEALS',
      'DEALS_line_items',
      'TICKETS',
    ]);
    const deals = table('DEALS');
    expect(deals.key).toEqual(['$id']);
    expect(deals.etagColumn).toBe('$revision');
    expect(deals.relationships.map((relationship) => relationship.targetTable)).toEqual([
      '2.line_items',
    ]);
    expect(deals.columns.find((column) => column.name === 'customer_company')?.computed).toBe(true);
    const apps = await read(connector, scanRequest(table('Apps'), { orderBy: [] }));
    expect(apps.rows.map((row) => row[1])).toEqual(['CUSTOMERS', 'DEALS', 'TICKETS']);
  });

  it('gives the same rows whether Kintone or the gateway filters', async () => {
    const customers = table('CUSTOMERS');
    const e = expressions(customers);
    const all = (await read(connector, scanRequest(customers))).rows;
    expect(all).toHaveLength(1200);
    const valueOf = (name: string, position: number): Value => {
      const index = columnIndex(customers, name);
      const values = all.map((row) => row[index] ?? null).filter((value) => value !== null);
      return values[Math.floor(values.length * position)] ?? null;
    };
    const date = valueOf('customer_since', 0.5);
    const instant = String(valueOf('last_contacted', 0.5)).replace(':00Z', ':30Z');
    const filters: [string, BoundExpression][] = [
      ['employees gt', e.gt('employees', valueOf('employees', 0.5))],
      ['employees lt', e.lt('employees', valueOf('employees', 0.5))],
      ['employees eq', e.eq('employees', valueOf('employees', 0.3))],
      ['employees ne', e.ne('employees', valueOf('employees', 0.3))],
      ['employees in', e.in('employees', [valueOf('employees', 0.2), valueOf('employees', 0.7)])],
      ['industry eq', e.eq('industry', valueOf('industry', 0.5))],
      ['industry ne', e.ne('industry', valueOf('industry', 0.5))],
      ['industry eq null', e.eq('industry', null)],
      ['rank in', e.in('rank', ['A', 'B'])],
      ['not rank in', e.not(e.in('rank', ['A', null]))],
      ['interests eq null', e.eq('interests', null)],
      ['interests ne null', e.ne('interests', null)],
      ['customer_since ge', e.ge('customer_since', date)],
      ['customer_since lt', e.lt('customer_since', date)],
      ['last_contacted gt (seconds)', e.gt('last_contacted', instant)],
      ['last_contacted le (seconds)', e.le('last_contacted', instant)],
      ['last_contacted eq (seconds)', e.eq('last_contacted', instant)],
      ['preferred_call_time lt', e.lt('preferred_call_time', '12:00:00')],
      ['preferred_call_time ge', e.ge('preferred_call_time', '12:00:30')],
      ['city eq', e.eq('city', valueOf('city', 0.5))],
      ['city eq null', e.eq('city', null)],
      ['city in', e.in('city', [valueOf('city', 0.1), valueOf('city', 0.9)])],
      ['notes eq null', e.eq('notes', null)],
      ['Updated_datetime ge', e.ge('Updated_datetime', valueOf('Updated_datetime', 0.5))],
      ['RecordId range or', e.or(e.lt('$id', 20), e.gt('$id', 1190))],
      [
        'mixed and/or/not',
        e.and(
          e.or(
            e.eq('industry', valueOf('industry', 0.2)),
            e.gt('employees', valueOf('employees', 0.8)),
          ),
          e.not(e.and(e.eq('rank', 'C'), e.lt('employees', '50'))),
        ),
      ],
    ];
    let exact = 0;
    for (const [name, filter] of filters) {
      const expected = idsOf(all.filter(gatewayFilter(filter)));
      const result = await read(connector, scanRequest(customers, { filter }));
      expect(idsOf(result.rows), name).toEqual(expected);
      if (result.pushedAll) exact++;
    }
    expect(exact).toBeGreaterThan(10);
  });

  it('reads past 10,000 records with the same rows as one unpaged query', async () => {
    const deals = table('DEALS');
    const e = expressions(deals);
    const calls: SourceCall[] = [];
    const all = await read(
      connector,
      scanRequest(deals, { projection: [0, 1], count: true }),
      calls,
    );
    expect(all.count).toBe(12000);
    const ids = idsOf(all.rows);
    expect(ids).toHaveLength(12000);
    expect(ids).toEqual([...ids].sort((left, right) => left - right));
    expect(new Set(ids).size).toBe(12000);
    expect(calls.every((call) => call.status === 200)).toBe(true);
    expect(calls.some((call) => call.query?.includes('$id >'))).toBe(true);

    const page = await read(
      connector,
      scanRequest(deals, { projection: [0], skip: 10400, top: 300, count: true }),
    );
    expect(idsOf(page.rows)).toEqual(ids.slice(10400, 10700));
    expect(page.count).toBe(12000);
    const deep = await read(
      connector,
      scanRequest(deals, { projection: [0], skip: 11990, top: 50 }),
    );
    expect(idsOf(deep.rows)).toEqual(ids.slice(11990));

    // The next page of a server-driven paging: the core's keyset predicate.
    const after = ids[10999] ?? 0;
    const next = await read(
      connector,
      scanRequest(deals, { projection: [0], filter: e.gt('$id', after), top: 201 }),
    );
    expect(idsOf(next.rows)).toEqual(ids.slice(11000, 11201));

    const byUpdate = await read(
      connector,
      scanRequest(deals, {
        projection: [0, columnIndex(deals, 'Updated_datetime')],
        orderBy: [e.desc('Updated_datetime'), e.asc('$id')],
        skip: 10100,
        top: 20,
      }),
    );
    const index = columnIndex(deals, 'Updated_datetime');
    const sorted = [
      ...(all.rows.length
        ? (await read(connector, scanRequest(deals, { projection: [0, index] }))).rows
        : []),
    ].sort(
      (left, right) =>
        String(right[index]).localeCompare(String(left[index])) ||
        Number(left[0]) - Number(right[0]),
    );
    expect(idsOf(byUpdate.rows)).toEqual(idsOf(sorted.slice(10100, 10120)));
  });

  it('reads subtable rows of some records as $expand does', async () => {
    const items = table('DEALS_line_items');
    const f = expressions(items);
    const all = await read(connector, scanRequest(items));
    expect(all.rows.length).toBeGreaterThan(1000);
    const parents = [3, 5, 11998];
    const expected = all.rows.filter((row) => parents.includes(Number(row[1])));
    const some = await read(connector, scanRequest(items, { filter: f.in('$parentId', parents) }));
    expect(some.pushedAll).toBe(true);
    expect(some.rows).toEqual(expected);
    const quantity = await read(connector, scanRequest(items, { filter: f.gt('quantity', '5') }));
    expect(quantity.rows).toEqual(all.rows.filter(gatewayFilter(f.gt('quantity', '5'))));
  });

  it('inserts, updates and deletes records with ETags', async () => {
    const customers = table('CUSTOMERS');
    const values = new Map<string, Value>([
      ['customer_id', 'T-0001'],
      ['company_name', 'Tsunagi Test Co.'],
      [
        'industry',
        String(customers.columns[columnIndex(customers, 'industry')]?.allowedValues?.[0]),
      ],
      [
        'interests',
        customers.columns[columnIndex(customers, 'interests')]?.allowedValues
          ?.slice(0, 2)
          .join(';') ?? null,
      ],
      ['employees', '42'],
      ['last_contacted', '2024-03-01T10:15:45+09:00'],
    ]);
    const [created] = await connector.write(
      [{ kind: 'insert', table: customers, values }],
      context(),
    );
    expect(created?.[columnIndex(customers, 'company_name')]).toBe('Tsunagi Test Co.');
    expect(created?.[columnIndex(customers, 'last_contacted')]).toBe('2024-03-01T01:15:00Z');
    expect(created?.[columnIndex(customers, 'rank')]).toBe('B');
    const id = created?.[0];
    const revision = created?.[1];
    expect(revision).toBe(1);
    const key = new Map<string, Value>([['$id', id ?? null]]);

    const [updated] = await connector.write(
      [
        {
          kind: 'update',
          table: customers,
          key,
          values: new Map([['employees', '43']]),
          replace: false,
          etag: `W/"${String(revision)}"`,
        },
      ],
      context(),
    );
    expect(updated?.[1]).toBe(2);
    expect(updated?.[columnIndex(customers, 'employees')]).toBe('43');
    expect(updated?.[columnIndex(customers, 'company_name')]).toBe('Tsunagi Test Co.');

    const stale = await connector
      .write(
        [
          {
            kind: 'update',
            table: customers,
            key,
            values: new Map([['employees', '44']]),
            replace: false,
            etag: '1',
          },
        ],
        context(),
      )
      .catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(TsunagiError);
    expect((stale as TsunagiError).code).toBe('TSG601');
    expect((stale as TsunagiError).headers['ETag']).toBe('W/"2"');

    const tooLong = await connector
      .write(
        [
          {
            kind: 'update',
            table: customers,
            key,
            values: new Map([
              ['company_name', 'x'.repeat(101)],
              ['industry', 'Nope'],
            ]),
            replace: false,
            etag: undefined,
          },
        ],
        context(),
      )
      .catch((error: unknown) => error as TsunagiError);
    expect(tooLong).toMatchObject({ code: 'TSG600' });
    expect((tooLong as TsunagiError).details.map((detail) => detail.target)).toEqual([
      'company_name',
      'industry',
    ]);

    const duplicate = await connector
      .write(
        [
          {
            kind: 'insert',
            table: customers,
            values: new Map([
              ['customer_id', 'T-0001'],
              ['company_name', 'Again'],
            ]),
          },
        ],
        context(),
      )
      .catch((error: unknown) => error as TsunagiError);
    expect(duplicate).toMatchObject({ code: 'TSG600' });
    expect((duplicate as TsunagiError).details[0]).toMatchObject({ target: 'customer_id' });

    const [replaced] = await connector.write(
      [
        {
          kind: 'update',
          table: customers,
          key,
          values: new Map([
            ['customer_id', 'T-0001'],
            ['company_name', 'Replaced'],
          ]),
          replace: true,
          etag: undefined,
        },
      ],
      context(),
    );
    expect(replaced?.[columnIndex(customers, 'employees')]).toBeNull();
    expect(replaced?.[columnIndex(customers, 'industry')]).toBeNull();

    const results = await connector.write(
      [{ kind: 'delete', table: customers, key, etag: String(replaced?.[1]) }],
      context(),
    );
    expect(results).toEqual([undefined]);
    const gone = await connector
      .write([{ kind: 'delete', table: customers, key, etag: undefined }], context())
      .catch((error: unknown) => error as TsunagiError);
    expect(gone).toMatchObject({ code: 'TSG201' });
  });

  it('applies several changes atomically or not at all', async () => {
    const customers = table('CUSTOMERS');
    const insert = (id: string): WriteOperation => ({
      kind: 'insert',
      table: customers,
      values: new Map([
        ['customer_id', id],
        ['company_name', `Company ${id}`],
      ]),
    });
    const failure = await connector
      .write([insert('B-1'), insert('B-2'), insert('B-1')], context())
      .catch((error: unknown) => error as TsunagiError);
    expect(failure).toMatchObject({ code: 'TSG600' });
    const e = expressions(customers);
    const none = await read(
      connector,
      scanRequest(customers, { filter: e.in('customer_id', ['B-1', 'B-2']) }),
    );
    expect(none.rows).toEqual([]);
    const rows = await connector.write([insert('B-1'), insert('B-2')], context());
    expect(rows.map((row) => row?.[columnIndex(customers, 'customer_id')])).toEqual(['B-1', 'B-2']);
  });

  it('changes subtable rows through their table and by deep insert', async () => {
    const deals = table('DEALS');
    const items = table('DEALS_line_items');
    const f = expressions(items);
    const [deal] = await connector.write(
      [
        {
          kind: 'insert',
          table: deals,
          values: new Map([['deal_name', 'Deep insert']]),
          nested: [
            {
              relationship: 'line_items',
              rows: [
                new Map<string, Value>([
                  ['product', 'Widget'],
                  ['quantity', '2'],
                  ['unit_price', '10'],
                ]),
                new Map<string, Value>([
                  ['product', 'Gadget'],
                  ['quantity', '1'],
                  ['unit_price', '5'],
                ]),
              ],
            },
          ],
        },
      ],
      context(),
    );
    const dealId = Number(deal?.[0]);
    expect(deal?.[columnIndex(deals, 'total')]).toBe('25');
    const rowsOf = async () =>
      (await read(connector, scanRequest(items, { filter: f.eq('$parentId', dealId) }))).rows;
    expect((await rowsOf()).map((row) => row[columnIndex(items, 'product')])).toEqual([
      'Widget',
      'Gadget',
    ]);

    const [added] = await connector.write(
      [
        {
          kind: 'insert',
          table: items,
          values: new Map<string, Value>([
            ['$parentId', dealId],
            ['product', 'Extra'],
            ['quantity', '3'],
            ['unit_price', '1'],
          ]),
        },
      ],
      context(),
    );
    expect(added?.[columnIndex(items, 'product')]).toBe('Extra');
    expect(added?.[1]).toBe(dealId);
    const rowKey = new Map<string, Value>([
      ['$parentId', dealId],
      ['$rowId', added?.[0] ?? null],
    ]);
    const [changed] = await connector.write(
      [
        {
          kind: 'update',
          table: items,
          key: rowKey,
          values: new Map([['quantity', '4']]),
          replace: false,
          etag: String(added?.[2]),
        },
      ],
      context(),
    );
    expect(changed?.[columnIndex(items, 'quantity')]).toBe('4');
    expect(changed?.[columnIndex(items, 'product')]).toBe('Extra');
    const stale = await connector
      .write([{ kind: 'delete', table: items, key: rowKey, etag: String(added?.[2]) }], context())
      .catch((error: unknown) => error as TsunagiError);
    expect(stale).toMatchObject({ code: 'TSG601' });
    await connector.write(
      [{ kind: 'delete', table: items, key: rowKey, etag: undefined }],
      context(),
    );
    expect((await rowsOf()).map((row) => row[columnIndex(items, 'product')])).toEqual([
      'Widget',
      'Gadget',
    ]);
  });

  it('reports a failed connection test in words, and refused credentials as TSG403', async () => {
    const good = await connector.test(context());
    expect(good.ok).toBe(true);
    const wrong = connectorFor(emulator, { password: 'wrong' });
    const report = await wrong.test(context());
    expect(report.ok).toBe(false);
    expect(report.steps[0]?.message).toMatch(/refused the login name or password/);
    const error = await wrong
      .listTables(context())
      .catch((caught: unknown) => caught as TsunagiError);
    expect(error).toMatchObject({ code: 'TSG403', status: 502 });
    await wrong.close();
  });

  it('works with an API token, and in a guest space', async () => {
    const token =
      emulator.seedResult?.apps.find((app) => app.code === 'CUSTOMERS')?.apiTokens[0] ?? '';
    const byToken = connectorFor(emulator, {
      authentication: 'apiToken',
      apiTokens: token,
      apps: '1',
    });
    const names = (await byToken.listTables(context())).map((summary) => summary.name);
    expect(names).toEqual(['Apps', 'CUSTOMERS']);
    const customers = await byToken.describeTable('1', context());
    expect((await read(byToken, scanRequest(customers, { top: 5 }))).rows).toHaveLength(5);
    expect((await byToken.test(context())).ok).toBe(true);
    await byToken.close();

    const partner = emulator.seedResult?.apps.find((app) => app.code === 'PARTNER');
    const guest = connectorFor(emulator, {
      guestSpaceId: Number(partner?.spaceId),
      apps: String(partner?.id),
    });
    const schema = await guest.describeTable(String(partner?.id), context());
    expect((await read(guest, scanRequest(schema))).rows).toHaveLength(partner?.recordCount ?? -1);
    await guest.close();
    const notGuest = connectorFor(emulator, { apps: String(partner?.id) });
    const report = await notGuest.test(context());
    expect(report.ok).toBe(false);
    await notGuest.close();
  });

  it('returns every row exactly once and keeps writes right under injected faults', async () => {
    const deals = table('DEALS');
    const customers = table('CUSTOMERS');
    emulator.setFaults({
      seed: 7,
      rateLimitProbability: 0.06,
      maintenanceProbability: 0.05,
      serverErrorProbability: 0.04,
      dropConnectionProbability: 0.05,
    });
    try {
      const calls: SourceCall[] = [];
      const all = await read(connector, scanRequest(deals, { projection: [0], top: 10000 }), calls);
      expect(new Set(idsOf(all.rows)).size).toBe(10000);
      expect(calls.some((call) => call.status !== 200)).toBe(true);

      const ids = Array.from({ length: 1000 }, (_, index) => `F-${index}`);
      const created = new Map<string, Row>();
      for (let start = 0; start < ids.length; start += 20) {
        const batch = ids.slice(start, start + 20);
        const rows = await Promise.all(
          batch.map((id) =>
            connector
              .write(
                [
                  {
                    kind: 'insert',
                    table: customers,
                    values: new Map([
                      ['customer_id', id],
                      ['company_name', `Fault ${id}`],
                    ]),
                  },
                ],
                context(),
              )
              .then((result) => result[0]),
          ),
        );
        rows.forEach((row, index) => created.set(batch[index] ?? '', row ?? []));
      }
      const key = (id: string) => new Map<string, Value>([['$id', created.get(id)?.[0] ?? null]]);
      await Promise.all(
        ids.slice(0, 500).map((id) =>
          connector.write(
            [
              {
                kind: 'update',
                table: customers,
                key: key(id),
                values: new Map([['city', 'Updated']]),
                replace: false,
                etag: undefined,
              },
            ],
            context(),
          ),
        ),
      );
      await Promise.all(
        ids
          .slice(700)
          .map((id) =>
            connector.write(
              [{ kind: 'delete', table: customers, key: key(id), etag: undefined }],
              context(),
            ),
          ),
      );
      emulator.setFaults({
        rateLimitProbability: 0,
        maintenanceProbability: 0,
        serverErrorProbability: 0,
        dropConnectionProbability: 0,
      });
      const e = expressions(customers);
      const left = await read(
        connector,
        scanRequest(customers, { filter: e.ge('$id', Number(created.get('F-0')?.[0])) }),
      );
      const cityIndex = columnIndex(customers, 'city');
      const idIndex = columnIndex(customers, 'customer_id');
      const remaining = left.rows.filter((row) => String(row[idIndex]).startsWith('F-'));
      expect(remaining.map((row) => row[idIndex]).sort()).toEqual(ids.slice(0, 700).sort());
      expect(remaining.filter((row) => row[cityIndex] === 'Updated')).toHaveLength(500);
    } finally {
      emulator.setFaults({
        rateLimitProbability: 0,
        maintenanceProbability: 0,
        serverErrorProbability: 0,
        dropConnectionProbability: 0,
      });
    }
  }, 60_000);
});

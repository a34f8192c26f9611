/**
 * Benchmark of the Kintone connector against the Kintone emulator over HTTP:
 *
 * - Salesforce-style list queries ($select of 5 fields, $filter on two fields, $orderby,
 *   $top=26, $count=true) through the gateway's read path (planRead → connector planScan
 *   and scan → residual stages), compared with the same query sent directly with the
 *   official Kintone client: latency p50 / p99 and their ratio. Two orders: by RecordId
 *   (pushed to Kintone) and by a date (sorted by the gateway).
 * - A full read of a large app through the connector: rows per second and peak RSS.
 *
 * `benchmarkKintone()` returns the rows of a table; run alone with `npx tsx bench/kintone-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { buildServiceModel } from '../src/catalog/build-service-model.js';
import type { ExecutionContext } from '../src/connectors/connector.js';
import { KintoneConnector } from '../src/connectors/kintone/kintone-connector.js';
import type { KintoneTableSchema } from '../src/connectors/kintone/schema/kintone-table-model.js';
import { parseKintoneSettings } from '../src/connectors/kintone/settings/kintone-settings.js';
import { startKintoneEmulator } from '../src/kintone-emulator/start-kintone-emulator.js';
import type { EntitySetModel } from '../src/odata/edm/service-model.js';
import { executeRead } from '../src/odata/execute/execute-read.js';
import {
  andNode,
  comparisonNode,
  literalNode,
  propertyNode,
} from '../src/odata/plan/expression-nodes.js';
import { planRead } from '../src/odata/plan/plan-read.js';
import type { OrderByItem } from '../src/odata/semantic/order-by.js';
import type { CollectionOptions } from '../src/odata/semantic/query.js';

export interface KintoneBenchmarkOptions {
  /** Records of the app the list queries run on (default 20,000). */
  readonly listRecords?: number;
  /** Runs of each list query (default 50). */
  readonly listRuns?: number;
  /** Records of the app read in full (default 100,000). */
  readonly fullReadRecords?: number;
}

export interface KintoneBenchmarkRow {
  readonly case: string;
  readonly value: number;
  readonly unit: string;
}

function context(): ExecutionContext {
  return {
    signal: new AbortController().signal,
    deadline: Date.now() + 600_000,
    recordSourceCall: () => undefined,
  };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

async function timed(runs: number, run: () => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  // Warm-up: connections, caches and the JIT (one run is not enough to compare fairly).
  for (let warmUp = 0; warmUp < 30; warmUp++) await run();
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  return durations;
}

function entitySet(table: KintoneTableSchema): EntitySetModel {
  const model = buildServiceModel({
    namespace: 'Bench',
    containerName: 'Service',
    tables: [
      { publication: { connectionId: 'kintone', tableId: table.id, alias: table.name }, table },
    ],
  });
  const set = model.entitySets.get(table.name);
  if (set === undefined) throw new Error('entity set missing');
  return set;
}

async function readThroughGateway(
  connector: KintoneConnector,
  table: KintoneTableSchema,
  set: EntitySetModel,
  options: CollectionOptions,
  pageSize: number | undefined,
): Promise<{ rows: number; count: number | undefined }> {
  const plan = planRead({
    set,
    table,
    connector,
    options,
    constraint: undefined,
    pageSize,
    position: undefined,
  });
  const execution = await executeRead({
    plan,
    context: context(),
    evaluation: { now: new Date() },
    resolveSource: () => Promise.resolve({ table, connector }),
  });
  let rows = 0;
  for await (const batch of execution.batches) rows += batch.rows.length;
  return { rows, count: execution.count };
}

export async function benchmarkKintone(
  options: KintoneBenchmarkOptions = {},
): Promise<KintoneBenchmarkRow[]> {
  const results: KintoneBenchmarkRow[] = [];
  const listRuns = options.listRuns ?? 50;

  // List queries.
  {
    const emulator = await startKintoneEmulator({
      records: options.listRecords ?? 20_000,
    });
    const { config } = parseKintoneSettings({
      url: emulator.url,
      authentication: 'password',
      username: emulator.adminUser,
      password: emulator.adminPassword,
    });
    if (config === undefined) throw new Error('bad settings');
    const connector = new KintoneConnector(config);
    const client = new KintoneRestAPIClient({
      baseUrl: emulator.url,
      auth: { username: emulator.adminUser, password: emulator.adminPassword },
    });
    try {
      const deals = emulator.seedResult?.apps.find((app) => app.code === 'DEALS');
      if (deals === undefined) throw new Error('no Deals app');
      const table = await connector.describeTable(String(deals.id), context());
      const set = entitySet(table);
      const property = (name: string) => {
        const found = set.entityType.properties.find((candidate) => candidate.column === name);
        if (found === undefined) throw new Error(`no property ${name}`);
        return found;
      };
      const stage =
        table.columns.find((column) => column.name === 'stage')?.allowedValues?.[1] ?? 'Proposal';
      const filter = andNode(
        comparisonNode('eq', propertyNode(property('stage')), literalNode('Edm.String', stage)),
        comparisonNode(
          'gt',
          propertyNode(property('probability')),
          literalNode('Edm.Decimal', '20'),
        ),
      );
      const select = ['deal_name', 'stage', 'probability', 'close_date', 'owner'].map(property);
      const list = (orderBy: OrderByItem[]): CollectionOptions => ({
        select,
        filter,
        search: undefined,
        orderBy,
        top: 26,
        skip: undefined,
        count: true,
        expand: [],
      });
      const cases: [string, CollectionOptions, string][] = [
        [
          'order by RecordId desc (pushed down)',
          list([{ expression: propertyNode(property('$id')), direction: 'desc' }]),
          '$id desc',
        ],
        [
          'order by close_date desc (gateway sort)',
          list([
            { expression: propertyNode(property('close_date')), direction: 'desc' },
            { expression: propertyNode(property('$id')), direction: 'asc' },
          ]),
          'close_date desc, $id asc',
        ],
      ];
      for (const [name, collection, order] of cases) {
        const gateway = await timed(listRuns, () =>
          readThroughGateway(connector, table, set, collection, 2000),
        );
        const direct = await timed(listRuns, () =>
          client.record.getRecords({
            app: deals.id,
            fields: [
              '$id',
              '$revision',
              'deal_name',
              'stage',
              'probability',
              'close_date',
              'owner',
            ],
            query: `stage in ("${stage}") and probability > 20 order by ${order} limit 26`,
            totalCount: true,
          }),
        );
        const gatewayP50 = percentile(gateway, 0.5);
        const directP50 = percentile(direct, 0.5);
        results.push(
          { case: `list query, ${name}: gateway p50`, value: gatewayP50, unit: 'ms' },
          {
            case: `list query, ${name}: gateway p99`,
            value: percentile(gateway, 0.99),
            unit: 'ms',
          },
          { case: `list query, ${name}: direct client p50`, value: directP50, unit: 'ms' },
          {
            case: `list query, ${name}: direct client p99`,
            value: percentile(direct, 0.99),
            unit: 'ms',
          },
          {
            case: `list query, ${name}: gateway / direct (p50)`,
            value: directP50 === 0 ? 0 : gatewayP50 / directP50,
            unit: 'ratio',
          },
        );
      }
    } finally {
      await connector.close();
      await emulator.close();
    }
  }

  // Full read of a large app.
  {
    const emulator = await startKintoneEmulator({
      records: options.fullReadRecords ?? 100_000,
    });
    const { config } = parseKintoneSettings({
      url: emulator.url,
      authentication: 'password',
      username: emulator.adminUser,
      password: emulator.adminPassword,
    });
    if (config === undefined) throw new Error('bad settings');
    const connector = new KintoneConnector(config);
    try {
      const deals = emulator.seedResult?.apps.find((app) => app.code === 'DEALS');
      if (deals === undefined) throw new Error('no Deals app');
      const table = await connector.describeTable(String(deals.id), context());
      const set = entitySet(table);
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 25);
      const started = performance.now();
      const { rows } = await readThroughGateway(
        connector,
        table,
        set,
        {
          select: undefined,
          filter: undefined,
          search: undefined,
          orderBy: [],
          top: undefined,
          skip: undefined,
          count: false,
          expand: [],
        },
        undefined,
      );
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      results.push(
        {
          case: `full read of ${rows} records: rows per second`,
          value: Math.round(rows / seconds),
          unit: 'rows/s',
        },
        {
          case: `full read of ${rows} records: peak RSS (emulator in the same process)`,
          value: Math.round(peak / 1048576),
          unit: 'MiB',
        },
      );
    } finally {
      await connector.close();
      await emulator.close();
    }
  }
  return results;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchmarkKintone();
  console.table(
    rows.map((row) => ({ case: row.case, value: Number(row.value.toFixed(2)), unit: row.unit })),
  );
}

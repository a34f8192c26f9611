/**
 * `npm run bench`: runs every benchmark and prints one table per area. Options:
 * `--only=<area>[,<area>]` (streaming, parse, evaluate, emulator, kintone), `--markdown`,
 * `--quick` (smaller sizes, for a smoke run).
 */
import { benchmarkEmulator } from './emulator-bench.js';
import { benchmarkEmulatorQuery } from './emulator-query-bench.js';
import { benchmarkEvaluate } from './evaluate-bench.js';
import { benchmarkKintone } from './kintone-bench.js';
import { benchmarkKintonePaging } from './kintone-paging-bench.js';
import { benchmarkParse } from './parse-bench.js';
import { benchmarkPlan } from './plan-bench.js';
import { renderTable, type TableRow } from './print-table.js';
import {
  benchmarkPagedRead,
  benchmarkStreaming,
  benchmarkWarmStreaming,
} from './streaming-bench.js';

const argumentsGiven = process.argv.slice(2);
const markdown = argumentsGiven.includes('--markdown');
const quick = argumentsGiven.includes('--quick');
const onlyArgument = argumentsGiven.find((argument) => argument.startsWith('--only='));
const only =
  onlyArgument === undefined ? undefined : new Set(onlyArgument.slice('--only='.length).split(','));

interface Area {
  readonly name: string;
  readonly title: string;
  readonly run: () => Promise<readonly TableRow[]>;
}

const round = (value: number, digits = 1): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;

const areas: Area[] = [
  {
    name: 'plan',
    title: 'Parse + bind + plan per request (Salesforce-style URLs, in-memory tables)',
    run: async () =>
      (await benchmarkPlan(quick ? 100 : 300)).map((result) => ({
        url: result.url.length > 90 ? `${result.url.slice(0, 87)}...` : result.url,
        'µs/request': round(result.microsecondsPerRequest),
      })),
  },
  {
    name: 'parse',
    title: 'Parse + bind per request (sample shop model)',
    run: () =>
      Promise.resolve(
        benchmarkParse(quick ? 100 : 200).map((result) => ({
          url: result.url.length > 90 ? `${result.url.slice(0, 87)}...` : result.url,
          'µs/request': round(result.microsecondsPerRequest),
        })),
      ),
  },
  {
    name: 'evaluate',
    title: 'Gateway-side filter evaluation (1M rows, 12 columns)',
    run: () =>
      Promise.resolve(
        benchmarkEvaluate(quick ? { rows: 100_000, passes: 1 } : {}).map((result) => ({
          case: result.case,
          'rows/s': Math.round(result.rowsPerSecond),
        })),
      ),
  },
  {
    name: 'streaming',
    title: 'Gateway streaming over loopback HTTP (in-memory connector, 12 columns)',
    run: async () => {
      const sizes = quick ? [10_000, 100_000] : [100_000, 1_000_000];
      const results = [
        ...(await benchmarkStreaming(sizes)),
        ...(await benchmarkWarmStreaming(sizes)),
        await benchmarkPagedRead(quick ? 20_000 : 100_000),
      ];
      return results.map((result) => ({
        case: result.case,
        rows: result.rows,
        seconds: result.seconds,
        'rows/s': result.rowsPerSecond,
        'MB sent': result.megabytes,
        'peak RSS MB': result.peakRssMegabytes,
      }));
    },
  },
  {
    name: 'kintone',
    title:
      'Kintone connector against the emulator (list queries vs the official client; full read)',
    run: async () =>
      (
        await benchmarkKintone(
          quick ? { listRecords: 2_000, listRuns: 10, fullReadRecords: 10_000 } : {},
        )
      ).map((result) => ({
        case: result.case,
        value: round(result.value, 2),
        unit: result.unit,
      })),
  },
  {
    name: 'kintone-paging',
    title:
      'Full read of a Kintone app through the OData feed, following @odata.nextLink (pages of 1,000)',
    run: async () => {
      const rows: TableRow[] = [];
      for (const records of quick ? [5_000, 20_000] : [20_000, 100_000]) {
        const result = await benchmarkKintonePaging(records);
        rows.push({
          'app records': records,
          'rows read': result.records,
          pages: result.pages,
          seconds: round(result.seconds, 2),
          'rows/s': result.rowsPerSecond,
          'gateway peak RSS MB': result.gatewayPeakRssMegabytes,
        });
      }
      return rows;
    },
  },
  {
    name: 'emulator',
    title: 'Kintone emulator (100,000-record app)',
    run: async () => [
      ...benchmarkEmulatorQuery(quick ? { recordCount: 20_000, repetitions: 3 } : {}).map(
        (result) => ({
          case: `query engine: ${result.case}`,
          milliseconds: round(result.milliseconds, 2),
        }),
      ),
      ...(quick
        ? []
        : (await benchmarkEmulator()).map((result) => ({
            case: result.case,
            milliseconds: round(result.milliseconds, 2),
          }))),
    ],
  },
];

for (const area of areas) {
  if (only !== undefined && !only.has(area.name)) continue;
  try {
    process.stdout.write(`${renderTable(area.title, await area.run(), markdown)}\n`);
  } catch (error) {
    process.stdout.write(
      `${area.title}: failed: ${error instanceof Error ? error.message : String(error)}\n\n`,
    );
    process.exitCode = 1;
  }
}

/**
 * `npm run bench`: runs every benchmark and prints one table per area. Options:
 * `--only=<area>[,<area>]` (streaming, parse, evaluate, emulator, kintone), `--markdown`,
 * `--quick` (smaller sizes, for a smoke run).
 */
import { renderTable, type TableRow } from './print-table.js';
import { benchmarkPagedRead, benchmarkStreaming } from './streaming-bench.js';

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

const areas: Area[] = [
  {
    name: 'streaming',
    title: 'Gateway streaming over loopback HTTP (in-memory connector, 12 columns)',
    run: async () => {
      const sizes = quick ? [10_000, 100_000] : [100_000, 1_000_000];
      const results = [
        ...(await benchmarkStreaming(sizes)),
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

/**
 * Benchmarks of the Kintone emulator: seeding the demo with 100,000 records in the largest
 * app (through the record service, as start-up does), and GETs of 500 records with a
 * three-condition query on that app over HTTP (p50 / p99 over repeated runs). No
 * assertions: the numbers are reported.
 */
import { startKintoneEmulator } from '../src/kintone-emulator/index.js';

export interface BenchmarkResult {
  case: string;
  milliseconds: number;
}

const largestApp = 100_000;
const warmUpRuns = 5;
const measuredRuns = 50;

/** Tried first; the fallback only uses `$id`, for query engines that support nothing else. */
const fieldQuery =
  'stage in ("Proposal", "Negotiation", "Closed Won") and probability >= 40 and close_date >= "2023-06-01" limit 500';
const idQuery = '$id > 1000 and $id < 95000 and $id != 5000 limit 500';

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export async function benchmarkEmulator(): Promise<BenchmarkResult[]> {
  const results: BenchmarkResult[] = [];
  const seedStarted = performance.now();
  const emulator = await startKintoneEmulator({ seed: 'demo', records: largestApp });
  results.push({
    case: `emulator: seed demo with ${largestApp} records in the largest app`,
    milliseconds: performance.now() - seedStarted,
  });
  try {
    const deals = emulator.seedResult?.apps.find((app) => app.name === 'Deals');
    if (deals === undefined) throw new Error('The demo seed has no Deals app.');
    const authorization = Buffer.from(`${emulator.adminUser}:${emulator.adminPassword}`).toString(
      'base64',
    );
    const get = async (query: string): Promise<{ status: number; count: number }> => {
      const response = await fetch(
        `${emulator.url}/k/v1/records.json?app=${deals.id}&query=${encodeURIComponent(query)}`,
        {
          headers: { 'X-Cybozu-Authorization': authorization },
        },
      );
      const body = (await response.json()) as { records?: unknown[] };
      return { status: response.status, count: body.records?.length ?? 0 };
    };
    const probe = await get(fieldQuery);
    const query = probe.status === 200 ? fieldQuery : idQuery;
    const label =
      probe.status === 200
        ? 'field conditions'
        : '$id conditions (query engine without field support)';
    const timings: number[] = [];
    for (let run = 0; run < warmUpRuns + measuredRuns; run++) {
      const started = performance.now();
      const { status, count } = await get(query);
      const elapsed = performance.now() - started;
      if (status !== 200) throw new Error(`The benchmark query failed with HTTP ${status}.`);
      if (run === 0 && count === 0) throw new Error('The benchmark query matched no record.');
      if (run >= warmUpRuns) timings.push(elapsed);
    }
    timings.sort((a, b) => a - b);
    const name = `emulator: GET 500 records, 3 ${label}, ${largestApp}-record app, over HTTP`;
    results.push({ case: `${name} (p50)`, milliseconds: percentile(timings, 0.5) });
    results.push({ case: `${name} (p99)`, milliseconds: percentile(timings, 0.99) });
  } finally {
    await emulator.close();
  }
  return results;
}

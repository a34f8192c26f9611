// The Kintone benchmark runs end to end on small apps (no timing assertions).
import { expect, it } from 'vitest';
import { benchmarkKintone } from '../../bench/kintone-bench.js';

it('reports latencies, their ratio and the full read', async () => {
  const rows = await benchmarkKintone({ listRecords: 2000, listRuns: 3, fullReadRecords: 3000 });
  expect(rows).toHaveLength(12);
  for (const row of rows) expect(Number.isFinite(row.value) && row.value >= 0).toBe(true);
  expect(rows.at(-2)?.case).toBe('full read of 3000 records: rows per second');
}, 60_000);

// The emulator query benchmark runs end to end on a small data set (no timing assertions).
import { expect, it } from 'vitest';
import {
  benchmarkEmulatorQuery,
  generateBenchmarkRecords,
} from '../../bench/emulator-query-bench.js';

it('reports every case with a duration', () => {
  const results = benchmarkEmulatorQuery({ recordCount: 2_000, repetitions: 1 });
  expect(results.map((result) => result.case)).toEqual([
    'compile a 3-condition query (per query)',
    '3 conditions (number, drop-down, date): filter 2,000 records',
    'like word search: filter 2,000 records',
    'date function and user: filter 2,000 records',
    'subtable same row: filter 2,000 records',
    'default order $id desc, first page: select from 2,000 records',
    '3 conditions order by amount desc limit 500 offset 1000: select from 2,000 records',
    'order by title asc, due desc limit 100: select from 2,000 records',
  ]);
  for (const result of results) {
    expect(Number.isFinite(result.milliseconds) && result.milliseconds >= 0).toBe(true);
  }
});

it('generates records in read shape', () => {
  const [first] = generateBenchmarkRecords(1);
  expect(first?.['$id']).toEqual({ type: '__ID__', value: '1' });
  expect(first?.['Record_number']).toEqual({ type: 'RECORD_NUMBER', value: 'BENCH-1' });
});

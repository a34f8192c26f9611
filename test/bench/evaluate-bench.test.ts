import { describe, expect, it } from 'vitest';
import { benchmarkEvaluate } from '../../bench/evaluate-bench.js';

describe('benchmarkEvaluate', () => {
  it('runs every case on a small table and reports a rate for each (no timing assertions)', () => {
    const results = benchmarkEvaluate({ rows: 2000, passes: 1 });
    expect(results.length).toBeGreaterThanOrEqual(10);
    for (const result of results) {
      expect(result.case).not.toBe('');
      expect(Number.isFinite(result.rowsPerSecond)).toBe(true);
      expect(result.rowsPerSecond).toBeGreaterThan(0);
    }
    expect(new Set(results.map((result) => result.case)).size).toBe(results.length);
  });
});

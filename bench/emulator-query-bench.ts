/**
 * Micro-benchmark of the Kintone emulator's query engine: compiles queries once and runs
 * them over 100,000 generated records in read shape (filter only, and the whole
 * filter + order + page step of records.json). Each case reports the median of a few runs.
 * Run alone with `npx tsx bench/emulator-query-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import type {
  FieldProperties,
  FieldProperty,
} from '../src/kintone-emulator/model/field-property.js';
import type { FieldValue, KintoneRecord } from '../src/kintone-emulator/model/record.js';
import { compileQuery } from '../src/kintone-emulator/query/compile-query.js';
import type { QueryContext } from '../src/kintone-emulator/query/query-engine-contract.js';
import { selectRecords } from '../src/kintone-emulator/query/select-records.js';

export interface EmulatorQueryBenchmarkOptions {
  /** Records generated (default 100,000). */
  readonly recordCount?: number;
  /** Timed runs per case; the median is reported (default 5). */
  readonly repetitions?: number;
}

function field(code: string, type: FieldProperty['type'], extra: Partial<FieldProperty> = {}) {
  return { code, type, label: code, noLabel: false, ...extra } satisfies FieldProperty;
}

const stages = ['Open', 'Won', 'Lost', 'Hold'];
const words = ['alpha', 'beta', 'gamma', 'delta', 'keyword', 'order', 'invoice', '東京', '大阪'];

const benchmarkFields: FieldProperties = {
  Record_number: field('Record_number', 'RECORD_NUMBER'),
  title: field('title', 'SINGLE_LINE_TEXT'),
  memo: field('memo', 'MULTI_LINE_TEXT'),
  amount: field('amount', 'NUMBER'),
  due: field('due', 'DATE'),
  updated: field('updated', 'UPDATED_TIME'),
  stage: field('stage', 'DROP_DOWN', {
    options: Object.fromEntries(
      stages.map((stage, index) => [stage, { label: stage, index: String(index) }]),
    ),
  }),
  owner: field('owner', 'USER_SELECT'),
  items: field('items', 'SUBTABLE', {
    fields: { item: field('item', 'SINGLE_LINE_TEXT'), qty: field('qty', 'NUMBER') },
  }),
};

/** A small deterministic pseudo-random generator (mulberry32). */
function randomGenerator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) throw new Error('empty choice');
  return value;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Generates records in Kintone's read shape. */
export function generateBenchmarkRecords(count: number): KintoneRecord[] {
  const random = randomGenerator(42);
  const records: KintoneRecord[] = [];
  for (let id = 1; id <= count; id += 1) {
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const rows = Array.from({ length: Math.floor(random() * 4) }, (_, index) => ({
      id: String(id * 10 + index),
      value: {
        item: { type: 'SINGLE_LINE_TEXT', value: pick(random, words) },
        qty: { type: 'NUMBER', value: String(Math.floor(random() * 20)) },
      } satisfies Record<string, FieldValue>,
    }));
    records.push({
      $id: { type: '__ID__', value: String(id) },
      $revision: { type: '__REVISION__', value: '1' },
      Record_number: { type: 'RECORD_NUMBER', value: `BENCH-${id}` },
      title: { type: 'SINGLE_LINE_TEXT', value: `Order ${id}` },
      memo: {
        type: 'MULTI_LINE_TEXT',
        value: `${pick(random, words)} ${pick(random, words)} ${pick(random, words)}`,
      },
      amount: { type: 'NUMBER', value: String(Math.floor(random() * 1000)) },
      due: { type: 'DATE', value: random() < 0.1 ? null : `2026-${pad(month)}-${pad(day)}` },
      updated: { type: 'UPDATED_TIME', value: `2026-${pad(month)}-${pad(day)}T0${id % 10}:00:00Z` },
      stage: { type: 'DROP_DOWN', value: pick(random, stages) },
      owner: { type: 'USER_SELECT', value: [{ code: `user${id % 50}`, name: `User ${id % 50}` }] },
      items: { type: 'SUBTABLE', value: rows },
    });
  }
  return records;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function timeCase(
  repetitions: number,
  run: () => number,
): { milliseconds: number; result: number } {
  let result = run(); // warm-up
  const times: number[] = [];
  for (let repetition = 0; repetition < repetitions; repetition += 1) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  return { milliseconds: median(times), result };
}

/** Runs every case; throws if a query matches nothing (the case would measure nothing). */
export function benchmarkEmulatorQuery(
  options: EmulatorQueryBenchmarkOptions = {},
): { case: string; milliseconds: number }[] {
  const recordCount = options.recordCount ?? 100_000;
  const repetitions = options.repetitions ?? 5;
  const records = generateBenchmarkRecords(recordCount);
  const context: QueryContext = {
    fields: benchmarkFields,
    loginUser: { code: 'user7' },
    primaryOrganization: undefined,
    now: new Date('2026-06-15T03:00:00Z'),
    timeZone: 'Asia/Tokyo',
    usage: 'records',
  };
  const threeConditions = 'amount >= 500 and stage in ("Open", "Won") and due >= "2026-03-01"';
  const size = recordCount.toLocaleString('en-US');
  const results: { case: string; milliseconds: number }[] = [];

  const filterCase = (name: string, query: string): void => {
    const compiled = compileQuery(query, context);
    const { milliseconds, result } = timeCase(repetitions, () => {
      let count = 0;
      for (const record of records) if (compiled.matches(record)) count += 1;
      return count;
    });
    if (result === 0) throw new Error(`benchmark query matched nothing: ${query}`);
    results.push({ case: `${name}: filter ${size} records`, milliseconds });
  };

  const compiling = timeCase(repetitions, () => {
    for (let index = 0; index < 100; index += 1) compileQuery(threeConditions, context);
    return 1;
  });
  results.push({
    case: 'compile a 3-condition query (per query)',
    milliseconds: compiling.milliseconds / 100,
  });

  filterCase('3 conditions (number, drop-down, date)', threeConditions);
  filterCase('like word search', 'memo like "keyword"');
  filterCase('date function and user', 'updated = THIS_MONTH() or owner in (LOGINUSER())');
  filterCase('subtable same row', 'item like "gamma" and qty >= 10');

  const pageCase = (name: string, query: string): void => {
    const compiled = compileQuery(query, context);
    const { milliseconds, result } = timeCase(
      repetitions,
      () => selectRecords(records, compiled).totalCount,
    );
    if (result === 0) throw new Error(`benchmark query matched nothing: ${query}`);
    results.push({ case: `${name}: select from ${size} records`, milliseconds });
  };
  pageCase('default order $id desc, first page', '');
  pageCase(
    '3 conditions order by amount desc limit 500 offset 1000',
    `${threeConditions} order by amount desc limit 500 offset 1000`,
  );
  pageCase('order by title asc, due desc limit 100', 'order by title asc, due desc limit 100');
  return results;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { case: name, milliseconds } of benchmarkEmulatorQuery()) {
    console.log(`${milliseconds.toFixed(2).padStart(10)} ms  ${name}`);
  }
}

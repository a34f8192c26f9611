/**
 * The whole query step of records.json GET: filter a record collection with a compiled
 * query, count the matches (`totalCount`), order them and cut the page out of them
 * (`offset`, then `limit` or the default of 100). Sort keys are read once per matching
 * record and the records are sorted by index on those columns, so ordering 100,000 matches
 * does not re-read field values in every comparison.
 */
import type { KintoneRecord } from '../model/record.js';
import { defaultLimit as kintoneDefaultLimit, KintoneCompiledQuery } from './compile-query.js';
import type { CompiledQuery } from './query-engine-contract.js';
import { compareCodePoints, compareNumbers, type SortKey } from './order-compiler.js';

export interface SelectRecordsOptions {
  /** Records returned when the query has no `limit` (Kintone: 100). */
  readonly defaultLimit?: number;
}

export interface RecordSelection {
  /** The page: matching records in query order, after `offset`, at most `limit`. */
  readonly records: KintoneRecord[];
  /** Every matching record, independent of `limit` / `offset`. */
  readonly totalCount: number;
}

/** Applies a compiled query (conditions, order, offset, limit) to records. */
export function selectRecords(
  records: Iterable<KintoneRecord>,
  compiled: CompiledQuery,
  options: SelectRecordsOptions = {},
): RecordSelection {
  const matching: KintoneRecord[] = [];
  for (const record of records) if (compiled.matches(record)) matching.push(record);
  const totalCount = matching.length;
  const start = compiled.offset;
  const end = Math.min(
    totalCount,
    start + (compiled.limit ?? options.defaultLimit ?? kintoneDefaultLimit),
  );
  if (start >= end) return { records: [], totalCount };
  const ordered =
    compiled instanceof KintoneCompiledQuery
      ? sortOnKeys(matching, compiled.sortKeys)
      : matching.sort((a, b) => compiled.compare(a, b));
  return { records: ordered.slice(start, end), totalCount };
}

type Column =
  | { readonly kind: 'number'; readonly values: Float64Array; readonly descending: boolean }
  | {
      readonly kind: 'text';
      readonly values: readonly string[];
      readonly descending: boolean;
      /** Without surrogates, UTF-16 order (native `<`) equals code point order. */
      readonly hasSurrogates: boolean;
    };

const surrogatePattern = /[\uD800-\uDFFF]/;

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function columnOf(key: SortKey, records: readonly KintoneRecord[]): Column {
  if (key.kind === 'number') {
    const values = new Float64Array(records.length);
    for (let index = 0; index < records.length; index += 1) {
      const record = records[index];
      values[index] = record === undefined ? NaN : key.read(record);
    }
    return { kind: 'number', values, descending: key.descending };
  }
  const values = records.map((record) => key.read(record));
  return {
    kind: 'text',
    values,
    descending: key.descending,
    hasSurrogates: values.some((value) => surrogatePattern.test(value)),
  };
}

function sortOnKeys(records: readonly KintoneRecord[], keys: readonly SortKey[]): KintoneRecord[] {
  const columns = keys.map((key) => columnOf(key, records));
  const indices = new Uint32Array(records.length);
  for (let index = 0; index < indices.length; index += 1) indices[index] = index;
  indices.sort((left, right) => {
    for (const column of columns) {
      const order =
        column.kind === 'number'
          ? compareNumbers(column.values[left] ?? NaN, column.values[right] ?? NaN)
          : (column.hasSurrogates ? compareCodePoints : compareUnits)(
              column.values[left] ?? '',
              column.values[right] ?? '',
            );
      if (order !== 0) return column.descending ? -order : order;
    }
    return 0;
  });
  const ordered: KintoneRecord[] = [];
  for (const index of indices) {
    const record = records[index];
    if (record !== undefined) ordered.push(record);
  }
  return ordered;
}

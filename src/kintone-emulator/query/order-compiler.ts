/**
 * Compiles `order by` into sort keys and a comparator (facts sheet §5.4).
 *
 * - Without `order by` the order is `$id desc`. A key without a direction is descending.
 * - Ties are broken by `$id desc`, so every order is total and deterministic.
 * - Only single-valued, comparable top-level fields can be keys: `$id`, RECORD_NUMBER,
 *   NUMBER, CALC, SINGLE_LINE_TEXT, LINK, RADIO_BUTTON, DROP_DOWN, DATE, TIME, DATETIME,
 *   CREATED_TIME, UPDATED_TIME, CREATOR, MODIFIER, STATUS. Subtable fields and other types
 *   are `GAIA_IQ03` (operator "order by").
 * - Numbers, record numbers (ignoring an app-code prefix), dates and times sort by value;
 *   text sorts by Unicode code point (not Kintone's collation; case-sensitive, so "B" < "a");
 *   RADIO_BUTTON / DROP_DOWN sort by the options' display order (`index`), values that are
 *   not options after all options; CREATOR / MODIFIER by user code.
 * - Empty values are the smallest: first in ascending order, last in descending order.
 */
import type { FieldRawValue, KintoneRecord } from '../model/record.js';
import { fieldDomain, isSortableType } from './field-domain.js';
import { queryError } from './query-error-messages.js';
import type { QueryField, QueryFieldCatalog } from './query-field-catalog.js';
import type { SortKeyNode } from './query-syntax-tree.js';
import { canonicalReaderFor, numericReaderFor } from './stored-value-readers.js';

/** One sort key: numbers (NaN = empty) or strings ('' = empty), with a direction. */
export type SortKey =
  | {
      readonly kind: 'number';
      readonly read: (record: KintoneRecord) => number;
      readonly descending: boolean;
    }
  | {
      readonly kind: 'text';
      readonly read: (record: KintoneRecord) => string;
      readonly descending: boolean;
    };

export interface CompiledOrder {
  /** The keys in priority order, ending with the `$id desc` tie-breaker. */
  readonly keys: readonly SortKey[];
  readonly compare: (a: KintoneRecord, b: KintoneRecord) => number;
}

const idKey: SortKey = {
  kind: 'number',
  read: (record) => {
    const value = record['$id']?.value;
    return typeof value === 'string' ? Number(value) : NaN;
  },
  descending: true,
};

/** Compiles the sort keys of a query; throws `GAIA_IQ11` / `GAIA_IQ03`. */
export function compileOrder(
  sortKeys: readonly SortKeyNode[],
  catalog: QueryFieldCatalog,
): CompiledOrder {
  const keys = sortKeys.map((key) => compileKey(catalog.resolve(key.field), key.direction));
  keys.push(idKey);
  return { keys, compare: comparatorOf(keys) };
}

function compileKey(field: QueryField, direction: 'asc' | 'desc'): SortKey {
  const { property, code } = field;
  if (field.subtableCode !== undefined || !isSortableType(property.type)) {
    throw queryError('GAIA_IQ03', {
      operator: 'order by',
      code,
      type: property.type,
      inTable: field.subtableCode !== undefined,
    });
  }
  const descending = direction === 'desc';
  const domain = fieldDomain(property);
  const readNumber = numericReaderFor(domain);
  if (readNumber !== undefined) {
    return { kind: 'number', read: (record) => readNumber(record[code]?.value), descending };
  }
  const readCanonical = canonicalReaderFor(domain);
  if (readCanonical !== undefined) {
    // Canonical dates and times sort chronologically as strings; empty values are ''.
    return {
      kind: 'text',
      read: (record) => readCanonical(record[code]?.value) ?? '',
      descending,
    };
  }
  switch (property.type) {
    case 'RADIO_BUTTON':
    case 'DROP_DOWN': {
      const positions = new Map<string, number>();
      for (const [option, { index }] of Object.entries(property.options ?? {})) {
        positions.set(option, Number(index));
      }
      return {
        kind: 'number',
        read: (record) => {
          const value = record[code]?.value;
          if (typeof value !== 'string' || value === '') return NaN;
          return positions.get(value) ?? Number.MAX_SAFE_INTEGER;
        },
        descending,
      };
    }
    case 'CREATOR':
    case 'MODIFIER':
      return { kind: 'text', read: (record) => entityCode(record[code]?.value), descending };
    default:
      return {
        kind: 'text',
        read: (record) => {
          const value = record[code]?.value;
          return typeof value === 'string' ? value : '';
        },
        descending,
      };
  }
}

function entityCode(raw: FieldRawValue | undefined): string {
  if (raw == null || typeof raw !== 'object' || !('code' in raw)) return '';
  return raw.code;
}

/** Compares numbers with NaN (empty) as the smallest value. */
export function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const aIsEmpty = Number.isNaN(a);
  const bIsEmpty = Number.isNaN(b);
  if (aIsEmpty && bIsEmpty) return 0;
  return aIsEmpty ? -1 : 1;
}

/** Compares strings by Unicode code point (surrogate pairs after U+E000–U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    let x = a.charCodeAt(index);
    let y = b.charCodeAt(index);
    if (x !== y) {
      if (x >= 0xd800) x += x < 0xe000 ? 0x2000 : -0x800;
      if (y >= 0xd800) y += y < 0xe000 ? 0x2000 : -0x800;
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length === 0 ? 0 : a.length < b.length ? -1 : 1;
}

function compareByKey(key: SortKey, a: KintoneRecord, b: KintoneRecord): number {
  const order =
    key.kind === 'number'
      ? compareNumbers(key.read(a), key.read(b))
      : compareCodePoints(key.read(a), key.read(b));
  return key.descending ? -order : order;
}

function comparatorOf(keys: readonly SortKey[]): (a: KintoneRecord, b: KintoneRecord) => number {
  const [only] = keys;
  if (keys.length === 1 && only !== undefined) return (a, b) => compareByKey(only, a, b);
  return (a, b) => {
    for (const key of keys) {
      const order = compareByKey(key, a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
}

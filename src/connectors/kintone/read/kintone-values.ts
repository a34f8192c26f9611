/**
 * Conversion of Kintone field values (read shape, facts sheet §4.2) into the gateway's
 * value representation (../../../odata/edm/primitive-type.ts): one reader per column,
 * compiled once per scan, so that converting a row is a loop over small closures.
 * Kintone's empty values ("", null, []) become null, except empty collections in
 * collection mode, which stay [].
 */
import type { Value } from '../../../odata/edm/primitive-type.js';
import type { KintoneColumnSource } from '../schema/kintone-table-model.js';

/** A field value as Kintone returns it: `{ type, value }`. */
export interface KintoneFieldValue {
  readonly type?: string;
  readonly value: unknown;
}

export type KintoneRecordData = Readonly<Record<string, KintoneFieldValue | undefined>>;

/**
 * Canonical decimal text of a number as Kintone stores it ("15", "-1.5", "1e+21",
 * " 42 "), or null when it is not a number. Exponents are expanded; the digits given are
 * kept exactly (no binary floating point on the way).
 */
export function canonicalDecimal(text: string): string | null {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (match === null) return null;
  const sign = match[1] === '-' ? '-' : '';
  const whole = match[2] ?? '';
  const fraction = match[3] ?? '';
  if (whole === '' && fraction === '') return null;
  const exponent = match[4] === undefined ? 0 : Number(match[4]);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return null;
  let digits = whole + fraction;
  let point = whole.length + exponent;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) {
    digits += '0'.repeat(point - digits.length);
  }
  let integerPart = digits.slice(0, point).replace(/^0+/, '');
  const fractionPart = digits.slice(point);
  if (integerPart === '') integerPart = '0';
  const result = fractionPart === '' ? integerPart : `${integerPart}.${fractionPart}`;
  return /^0(\.0*)?$/.test(result) ? result : sign + result;
}

function integerValue(text: unknown): number | bigint | null {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text)) return null;
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : BigInt(text);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function codesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const codes: string[] = [];
  for (const item of value) {
    if (typeof item === 'object' && item !== null) {
      const code = (item as { code?: unknown }).code;
      if (typeof code === 'string') codes.push(code);
    }
  }
  return codes;
}

function fileNamesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const item of value) {
    if (typeof item === 'object' && item !== null) {
      const name = (item as { name?: unknown }).name;
      if (typeof name === 'string') names.push(name);
    }
  }
  return names;
}

function list(items: readonly string[], source: KintoneColumnSource, delimiter: string): Value {
  if (source.collection) return items;
  return items.length === 0 ? null : items.join(delimiter);
}

/** Converts a field's `value` member into the column's value. */
export function valueConverter(
  source: KintoneColumnSource,
  delimiter: string,
): (value: unknown) => Value {
  switch (source.valueKind) {
    case 'recordId':
    case 'revision':
    case 'rowId':
    case 'parentId':
      return integerValue;
    case 'text':
    case 'recordNumber':
    case 'choice':
    case 'timeText':
      return stringOrNull;
    case 'decimal':
      return (value) =>
        typeof value === 'string'
          ? canonicalDecimal(value)
          : typeof value === 'number'
            ? canonicalDecimal(String(value))
            : null;
    case 'double':
      return (value) => {
        if (typeof value === 'number') return value;
        if (typeof value !== 'string' || value.trim() === '') return null;
        const number = Number(value);
        return Number.isNaN(number) ? null : number;
      };
    case 'date':
      return (value) =>
        typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
    case 'dateTime':
      return (value) => {
        if (typeof value !== 'string' || value === '') return null;
        // Kintone answers "YYYY-MM-DDTHH:MM:SSZ"; anything else is normalised to UTC.
        if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) return value;
        const time = Date.parse(value);
        return Number.isNaN(time) ? null : new Date(time).toISOString().replace('.000Z', 'Z');
      };
    case 'timeOfDay':
      return (value) => {
        if (typeof value !== 'string') return null;
        const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
        if (match === null) return null;
        return `${match[1]}:${match[2]}:${match[3] ?? '00'}`;
      };
    case 'multiChoice':
      return (value) =>
        list(
          Array.isArray(value)
            ? value.filter((item): item is string => typeof item === 'string')
            : [],
          source,
          delimiter,
        );
    case 'entities':
      return (value) => list(codesOf(value), source, delimiter);
    case 'entity':
      return (value) => {
        if (typeof value !== 'object' || value === null) return null;
        const code = (value as { code?: unknown }).code;
        return typeof code === 'string' && code !== '' ? code : null;
      };
    case 'files':
      return (value) => list(fileNamesOf(value), source, delimiter);
    case 'appAttribute':
      return (value) => {
        if (value === null || value === undefined) return null;
        if (typeof value === 'object') {
          const code = (value as { code?: unknown }).code;
          return typeof code === 'string' ? code : null;
        }
        if (source.queryKind === 'id') return integerValue(value);
        return stringOrNull(value);
      };
  }
}

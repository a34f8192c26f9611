/**
 * Reads stored field values (read shape, facts sheet §4.2) the way conditions and sort keys
 * compare them: numeric domains as numbers (NaN when empty), temporal domains as canonical
 * strings (undefined when empty), and the emptiness rule shared by `is empty`, `= ""` and
 * `in ("")`. Everything here runs per record: no allocation for canonical values.
 */
import type { FieldRawValue } from '../model/record.js';
import type { FieldDomain } from './field-domain.js';
import {
  canonicalStoredDate,
  canonicalStoredDatetime,
  canonicalStoredTime,
  storedDurationToMinutes,
} from './temporal-values.js';
import { isBlankText } from './word-search.js';

/** Reads a raw value as a number of its domain; NaN for empty or unreadable. */
export type NumericReader = (raw: FieldRawValue | undefined) => number;

/** Reads a temporal raw value as its canonical string; undefined for empty or unreadable. */
export type CanonicalReader = (raw: FieldRawValue | undefined) => string | undefined;

/** The number of a stored NUMBER / CALC / `$id` value. */
function readNumber(raw: FieldRawValue | undefined): number {
  return typeof raw === 'string' && raw.length > 0 ? Number(raw) : NaN;
}

/** The number of a stored RECORD_NUMBER: `"12"` or `"APP-12"` (digits after the last `-`). */
export function recordNumberOf(text: string): number {
  const start = text.lastIndexOf('-') + 1;
  if (start >= text.length) return NaN;
  let value = 0;
  for (let index = start; index < text.length; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

function readRecordNumber(raw: FieldRawValue | undefined): number {
  return typeof raw === 'string' ? recordNumberOf(raw) : NaN;
}

function readDuration(raw: FieldRawValue | undefined): number {
  return typeof raw === 'string' ? storedDurationToMinutes(raw) : NaN;
}

function readDate(raw: FieldRawValue | undefined): string | undefined {
  return typeof raw === 'string' ? canonicalStoredDate(raw) : undefined;
}

function readDatetime(raw: FieldRawValue | undefined): string | undefined {
  return typeof raw === 'string' ? canonicalStoredDatetime(raw) : undefined;
}

function readTime(raw: FieldRawValue | undefined): string | undefined {
  return typeof raw === 'string' ? canonicalStoredTime(raw) : undefined;
}

/** The reader of a numeric domain (number, record number, duration), else undefined. */
export function numericReaderFor(domain: FieldDomain): NumericReader | undefined {
  switch (domain) {
    case 'number':
      return readNumber;
    case 'record-number':
      return readRecordNumber;
    case 'duration':
      return readDuration;
    default:
      return undefined;
  }
}

/** The reader of a temporal domain (date, datetime, time), else undefined. */
export function canonicalReaderFor(domain: FieldDomain): CanonicalReader | undefined {
  switch (domain) {
    case 'date':
      return readDate;
    case 'datetime':
      return readDatetime;
    case 'time':
      return readTime;
    default:
      return undefined;
  }
}

/**
 * Whether a stored value is empty: absent, null, a string of only whitespace, an empty
 * list, or a user/organization without a code.
 */
export function isEmptyValue(raw: FieldRawValue | undefined): boolean {
  if (raw == null) return true;
  if (typeof raw === 'string') return isBlankText(raw, false);
  if (Array.isArray(raw)) return raw.length === 0;
  return 'code' in raw ? raw.code === '' : false;
}

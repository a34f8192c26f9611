/**
 * Reads stored field values (read shape, facts sheet §4.2) the way conditions and sort keys
 * compare them: ordered domains as numbers (NaN when empty), and the emptiness rule shared
 * by `is empty`, `= ""` and `in ("")`. Everything here runs per record: no allocation.
 */
import type { FieldRawValue } from '../model/record.js';
import type { FieldDomain } from './field-domain.js';
import {
  storedDateToDay,
  storedDatetimeToMinute,
  storedDurationToMinutes,
  storedTimeToMinute,
} from './temporal-values.js';
import { isBlankText } from './word-search.js';

/** Reads a raw value as a number of its ordered domain; NaN for empty or unreadable. */
export type NumericReader = (raw: FieldRawValue | undefined) => number;

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

function readDate(raw: FieldRawValue | undefined): number {
  return typeof raw === 'string' ? storedDateToDay(raw) : NaN;
}

function readDatetime(raw: FieldRawValue | undefined): number {
  return typeof raw === 'string' ? storedDatetimeToMinute(raw) : NaN;
}

function readTime(raw: FieldRawValue | undefined): number {
  return typeof raw === 'string' ? storedTimeToMinute(raw) : NaN;
}

function readDuration(raw: FieldRawValue | undefined): number {
  return typeof raw === 'string' ? storedDurationToMinutes(raw) : NaN;
}

/** The reader of an ordered domain, or undefined for domains that are not ordered. */
export function numericReaderFor(domain: FieldDomain): NumericReader | undefined {
  switch (domain) {
    case 'number':
      return readNumber;
    case 'record-number':
      return readRecordNumber;
    case 'date':
      return readDate;
    case 'datetime':
      return readDatetime;
    case 'time':
      return readTime;
    case 'duration':
      return readDuration;
    case 'text':
    case 'rich-text':
    case 'choice':
    case 'choices':
    case 'entity':
    case 'entities':
    case 'files':
    case 'none':
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

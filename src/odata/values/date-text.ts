/**
 * Edm.Date values, held as text "YYYY-MM-DD": validation, conversion to a day number
 * (days since 1970-01-01, for comparison and arithmetic) and formatting back.
 */
import { civilDateOf, epochDayOf, formatYear, twoDigits, type CivilDate } from './calendar.js';
import { createTemporalFields, scanDate } from './temporal-scanner.js';

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Days since 1970-01-01 (negative before). */
  readonly epochDay: number;
}

const fields = createTemporalFields();

/** The parts of an Edm.Date text, or undefined when it is not one. */
export function parseDate(text: string): DateParts | undefined {
  if (scanDate(text, 0, fields) !== text.length) return undefined;
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    epochDay: epochDayOf(fields.year, fields.month, fields.day),
  };
}

/** Day number of an Edm.Date text, or NaN when it is not one. Does not allocate. */
export function epochDayOfDate(text: string): number {
  if (scanDate(text, 0, fields) !== text.length) return NaN;
  return epochDayOf(fields.year, fields.month, fields.day);
}

const civil: CivilDate = { year: 0, month: 0, day: 0 };

/** The Edm.Date text of a day number. */
export function formatDate(epochDay: number): string {
  civilDateOf(epochDay, civil);
  return formatDateParts(civil.year, civil.month, civil.day);
}

export function formatDateParts(year: number, month: number, day: number): string {
  return `${formatYear(year)}-${twoDigits(month)}-${twoDigits(day)}`;
}

/**
 * Orders two Edm.Date texts: negative, 0 or positive, or NaN when one is not a date.
 * Common four-digit years compare as text, without parsing.
 */
export function compareDates(left: string, right: string): number {
  if (
    left.length === 10 &&
    right.length === 10 &&
    left.charCodeAt(4) === 45 &&
    right.charCodeAt(4) === 45
  ) {
    return left < right ? -1 : left > right ? 1 : 0;
  }
  const leftDay = epochDayOfDate(left);
  const rightDay = epochDayOfDate(right);
  return leftDay < rightDay ? -1 : leftDay > rightDay ? 1 : leftDay === rightDay ? 0 : NaN;
}

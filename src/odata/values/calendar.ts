/**
 * Proleptic Gregorian calendar arithmetic on plain numbers: leap years, month lengths and
 * the conversion between a civil date (year, month, day) and a day number counted from
 * 1970-01-01. Years are astronomical (year 0 is 1 BC, as in ISO 8601 and XML Schema 1.1).
 * Nothing here allocates, so the text parsers can call it once per row.
 */

export const secondsPerDay = 86_400;
export const nanosecondsPerSecond = 1_000_000_000;

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return monthLengths[month - 1] ?? 0;
}

/** Day number of a civil date: 0 for 1970-01-01, negative before it. */
export function epochDayOf(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** A civil date, written by `civilDateOf` (reuse one instance to avoid allocations). */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Writes the civil date of `epochDay` into `target` and returns it. */
export function civilDateOf(epochDay: number, target: CivilDate): CivilDate {
  const shifted = epochDay + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  target.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  target.month = month;
  target.day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  return target;
}

/** Year as OData writes it: at least four digits, a minus sign before negative years. */
export function formatYear(year: number): string {
  const digits = String(Math.abs(year)).padStart(4, '0');
  return year < 0 ? `-${digits}` : digits;
}

/** Two-digit, zero-padded text of 0-99. */
export function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/**
 * Fractional seconds as text after the dot, without trailing zeros ("5" for 0.5 s), or ""
 * when `nanoseconds` is 0.
 */
export function fractionDigits(nanoseconds: number): string {
  if (nanoseconds === 0) return '';
  let digits = String(nanoseconds).padStart(9, '0');
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  return digits;
}

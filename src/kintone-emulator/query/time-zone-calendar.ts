/**
 * Calendar arithmetic for the query engine, without a date library: civil dates as day
 * numbers (days since 1970-01-01, proleptic Gregorian), weekdays, month lengths, and the
 * conversions between instants and wall-clock times in an IANA time zone (through
 * `Intl.DateTimeFormat`, only at compile time). Instants are milliseconds since the epoch.
 */

export const millisecondsPerMinute = 60_000;
export const minutesPerDay = 1_440;
const millisecondsPerDay = 86_400_000;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Days since 1970-01-01 of a civil date (month 1–12); exact for any year. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The civil date of a day number. */
export function civilDateOf(dayNumber: number): CivilDate {
  const shifted = dayNumber + 719_468;
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
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether year/month/day names a real date. */
export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Adds months to a civil date, clamping the day to the target month's length. */
export function addMonths(date: CivilDate, months: number): number {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return dayNumberOf(year, month, Math.min(date.day, daysInMonth(year, month)));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time of an instant in a time zone, as milliseconds of a UTC-based clock. */
function wallClockAt(instant: number, timeZone: string): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let isBeforeCommonEra = false;
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        isBeforeCommonEra = part.value.startsWith('B');
        break;
      default:
        break;
    }
  }
  if (isBeforeCommonEra) year = 1 - year;
  return (
    dayNumberOf(year, month, day) * millisecondsPerDay +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    (((instant % 1000) + 1000) % 1000)
  );
}

/** The zone's offset from UTC at an instant, in milliseconds (Tokyo: +9 h). */
export function offsetAt(instant: number, timeZone: string): number {
  return wallClockAt(instant, timeZone) - instant;
}

/** The day number of the date an instant falls on in a time zone. */
export function localDayAt(instant: number, timeZone: string): number {
  return Math.floor(wallClockAt(instant, timeZone) / millisecondsPerDay);
}

/**
 * The instant at which a wall-clock time (day number + minute of the day) occurs in a time
 * zone. In a daylight-saving gap the later offset is used; in an overlap, the earlier instant.
 */
export function instantOfWallClock(
  dayNumber: number,
  minuteOfDay: number,
  timeZone: string,
): number {
  const wallClock = dayNumber * millisecondsPerDay + minuteOfDay * millisecondsPerMinute;
  const firstGuess = wallClock - offsetAt(wallClock, timeZone);
  return wallClock - offsetAt(firstGuess, timeZone);
}

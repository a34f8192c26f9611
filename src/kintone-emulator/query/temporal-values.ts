/**
 * Dates and times as the query engine compares them: every temporal value becomes an
 * integer (DATE → day number; DATETIME → minutes since the epoch, UTC; TIME → minute of
 * the day; HOUR_MINUTE durations → signed minutes), so a comparison is integer arithmetic.
 *
 * - Literals are parsed once at compile time. A datetime literal may end in `Z`, `±HH:MM`
 *   or `±HHMM` (`"2012-02-03T09:00:00+0900"`); without a zone it is a wall-clock time in the
 *   user's time zone. Seconds and fractions are dropped (Kintone stores minutes).
 * - Stored values are parsed per record without allocating: the canonical read shapes
 *   (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ`, `HH:MM`) are read digit by digit; any other
 *   datetime form falls back to `Date.parse`. Empty or unreadable values give `NaN`, which
 *   no comparison matches.
 */
import {
  dayNumberOf,
  instantOfWallClock,
  isValidCivilDate,
  localDayAt,
  millisecondsPerMinute,
  minutesPerDay,
} from './time-zone-calendar.js';

/** A date or datetime literal: a whole day, or one minute. */
export type TemporalLiteral =
  | { readonly kind: 'day'; readonly day: number }
  | { readonly kind: 'minute'; readonly minute: number };

const temporalLiteralPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const timeLiteralPattern = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const durationLiteralPattern = /^(-)?(\d+):(\d{2})$/;

/** Parses `YYYY-MM-DD` or a datetime literal; undefined when it is neither. */
export function parseTemporalLiteral(text: string, timeZone: string): TemporalLiteral | undefined {
  const match = temporalLiteralPattern.exec(text.trim());
  if (match === null) return undefined;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, zone] = match;
  const year = Number(yearText);
  const month = Number(monthText);
  const dayOfMonth = Number(dayText);
  if (!isValidCivilDate(year, month, dayOfMonth)) return undefined;
  const day = dayNumberOf(year, month, dayOfMonth);
  if (hourText === undefined || minuteText === undefined) return { kind: 'day', day };
  const hour = Number(hourText);
  const minute = Number(minuteText);
  if (hour > 23 || minute > 59 || (secondText !== undefined && Number(secondText) > 59)) {
    return undefined;
  }
  const minuteOfDay = hour * 60 + minute;
  if (zone === undefined) {
    return {
      kind: 'minute',
      minute: Math.floor(instantOfWallClock(day, minuteOfDay, timeZone) / millisecondsPerMinute),
    };
  }
  const offsetMinutes = zone === 'Z' ? 0 : parseZoneOffset(zone);
  if (offsetMinutes === undefined) return undefined;
  return { kind: 'minute', minute: day * minutesPerDay + minuteOfDay - offsetMinutes };
}

function parseZoneOffset(zone: string): number | undefined {
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 23 || minutes > 59) return undefined;
  const offset = hours * 60 + minutes;
  return zone.startsWith('-') ? -offset : offset;
}

/** The day (in the user's time zone) a temporal literal falls on. */
export function dayOfTemporalLiteral(literal: TemporalLiteral, timeZone: string): number {
  return literal.kind === 'day'
    ? literal.day
    : localDayAt(literal.minute * millisecondsPerMinute, timeZone);
}

/** Parses `HH:MM` or `HH:MM:SS` into a minute of the day. */
export function parseTimeLiteral(text: string): number | undefined {
  const match = timeLiteralPattern.exec(text.trim());
  if (match === null) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59 || (match[3] !== undefined && Number(match[3]) > 59)) {
    return undefined;
  }
  return hour * 60 + minute;
}

/** Parses a duration `H:MM` (hours may exceed 24, may be negative) into minutes. */
export function parseDurationLiteral(text: string): number | undefined {
  const match = durationLiteralPattern.exec(text.trim());
  if (match === null) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === undefined ? minutes : -minutes;
}

// ---- stored values (hot path: no allocation) ----

function digitAt(text: string, index: number): number {
  const digit = text.charCodeAt(index) - 48;
  return digit >= 0 && digit <= 9 ? digit : NaN;
}

function twoDigits(text: string, index: number): number {
  return digitAt(text, index) * 10 + digitAt(text, index + 1);
}

function fourDigits(text: string, index: number): number {
  return twoDigits(text, index) * 100 + twoDigits(text, index + 2);
}

/** A stored `YYYY-MM-DD` as a day number, or NaN. */
export function storedDateToDay(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) {
    return NaN;
  }
  const year = fourDigits(text, 0);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
  return dayNumberOf(year, month, day);
}

/** A stored UTC datetime (`YYYY-MM-DDTHH:MM:SSZ`, or any form `Date.parse` reads) in minutes. */
export function storedDatetimeToMinute(text: string): number {
  if (
    text.length === 20 &&
    text.charCodeAt(10) === 0x54 && // T
    text.charCodeAt(19) === 0x5a && // Z
    text.charCodeAt(4) === 0x2d &&
    text.charCodeAt(7) === 0x2d &&
    text.charCodeAt(13) === 0x3a
  ) {
    const year = fourDigits(text, 0);
    const month = twoDigits(text, 5);
    const day = twoDigits(text, 8);
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
    return (
      dayNumberOf(year, month, day) * minutesPerDay + twoDigits(text, 11) * 60 + twoDigits(text, 14)
    );
  }
  if (text === '') return NaN;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? NaN : Math.floor(instant / millisecondsPerMinute);
}

/** A stored `HH:MM` (or `HH:MM:SS`) as a minute of the day, or NaN. */
export function storedTimeToMinute(text: string): number {
  if (text.length < 5 || text.charCodeAt(2) !== 0x3a) return NaN;
  return twoDigits(text, 0) * 60 + twoDigits(text, 3);
}

/** A stored duration `H:MM` / `-H:MM` as signed minutes, or NaN. */
export function storedDurationToMinutes(text: string): number {
  const colon = text.indexOf(':');
  if (colon < 1 || colon !== text.length - 3) return NaN;
  const negative = text.charCodeAt(0) === 0x2d;
  let hours = 0;
  for (let index = negative ? 1 : 0; index < colon; index += 1) {
    hours = hours * 10 + digitAt(text, index);
  }
  const minutes = hours * 60 + twoDigits(text, colon + 1);
  return negative ? -minutes : minutes;
}

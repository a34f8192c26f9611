/**
 * Dates and times as the query engine compares them. Literals and functions are resolved
 * at compile time to integers (DATE → day number; DATETIME → minutes since the epoch, UTC;
 * TIME → minute of the day; HOUR_MINUTE durations → signed minutes) and then to the
 * canonical strings stored values are compared with (see "canonical strings" below).
 *
 * - Literals are parsed once at compile time. A datetime literal may end in `Z`, `±HH:MM`
 *   or `±HHMM` (`"2012-02-03T09:00:00+0900"`); without a zone it is a wall-clock time in the
 *   user's time zone. Seconds and fractions are dropped (Kintone stores minutes).
 * - Stored values in their canonical read shapes are compared as they are (no per-record
 *   parsing or allocation); any other datetime form must be ISO 8601 with an explicit zone.
 *   Empty or unreadable values match no comparison.
 */
import {
  civilDateOf,
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
const explicitZonePattern = /(?:Z|[+-]\d{2}:?\d{2})$/;

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

// ---- canonical strings ----
//
// Kintone's read shapes are fixed-width and zero-padded (`YYYY-MM-DD`,
// `YYYY-MM-DDTHH:MM:SSZ` in UTC, `HH:MM`), so comparing them as strings orders them in
// time. Conditions and sort keys therefore compare stored values as they are, against
// bounds formatted once at compile time: a range of days or minutes becomes the prefix of
// its first value (`low`) and the prefix of its last value followed by U+FFFF (`high`),
// so `low <= value <= high` holds exactly for the values inside the range.

/** Sorts after every character of a canonical value: the end of a prefix range. */
export const rangeEnd = '\uffff';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(dayNumber: number): string {
  const { year, month, day } = civilDateOf(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `YYYY-MM-DDTHH:MM` (UTC) of a minute since the epoch: the prefix of a stored datetime. */
export function formatMinute(minute: number): string {
  const dayNumber = Math.floor(minute / minutesPerDay);
  return `${formatDay(dayNumber)}T${formatMinuteOfDay(minute - dayNumber * minutesPerDay)}`;
}

/** `HH:MM` of a minute of the day. */
export function formatMinuteOfDay(minuteOfDay: number): string {
  return `${pad(Math.floor(minuteOfDay / 60), 2)}:${pad(minuteOfDay % 60, 2)}`;
}

// ---- stored values (hot path: canonical values are used as they are) ----

/** A stored DATE in canonical form, or undefined when empty or unreadable. */
export function canonicalStoredDate(text: string): string | undefined {
  return text.length === 10 && text.charCodeAt(4) === 0x2d && text.charCodeAt(7) === 0x2d
    ? text
    : undefined;
}

/**
 * A stored DATETIME in a form that compares as UTC time: the canonical
 * `YYYY-MM-DDTHH:MM:SSZ` as it is; other ISO forms with an explicit zone (`…+09:00`,
 * fractions) converted; zoneless or unreadable text undefined.
 */
export function canonicalStoredDatetime(text: string): string | undefined {
  if (text.length === 20 && text.charCodeAt(19) === 0x5a && text.charCodeAt(10) === 0x54) {
    return text;
  }
  if (text === '' || !explicitZonePattern.test(text)) return undefined;
  const literal = parseTemporalLiteral(text, 'UTC');
  return literal?.kind === 'minute' ? formatMinute(literal.minute) : undefined;
}

/** A stored TIME (`HH:MM` or `HH:MM:SS`) in canonical form, or undefined. */
export function canonicalStoredTime(text: string): string | undefined {
  if ((text.length === 5 || text.length === 8) && text.charCodeAt(2) === 0x3a) return text;
  if (text === '') return undefined;
  const minute = parseTimeLiteral(text);
  return minute === undefined ? undefined : formatMinuteOfDay(minute);
}

/** A stored duration `H:MM` / `-H:MM` (CALC HOUR_MINUTE) as signed minutes, or NaN. */
export function storedDurationToMinutes(text: string): number {
  const colon = text.length - 3;
  if (colon < 1 || text.charCodeAt(colon) !== 0x3a) return NaN;
  const negative = text.charCodeAt(0) === 0x2d;
  let hours = 0;
  for (let index = negative ? 1 : 0; index < colon; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return NaN;
    hours = hours * 10 + digit;
  }
  const tens = text.charCodeAt(colon + 1) - 48;
  const units = text.charCodeAt(colon + 2) - 48;
  if (tens < 0 || tens > 5 || units < 0 || units > 9) return NaN;
  const minutes = hours * 60 + tens * 10 + units;
  return negative ? -minutes : minutes;
}

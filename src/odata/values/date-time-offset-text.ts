/**
 * Edm.DateTimeOffset values, held as text "YYYY-MM-DDThh:mm:ss(.fffffff)?(Z|±hh:mm)":
 * parsing into the instant (offset applied) and the local parts (as written, in the
 * value's own offset), exact comparison of instants, and formatting.
 *
 * Instants keep nanoseconds; more fractional digits are ignored. A leap second (":60") is
 * taken as the first second of the next minute.
 */
import {
  civilDateOf,
  epochDayOf,
  formatYear,
  nanosecondsPerSecond,
  secondsPerDay,
  twoDigits,
  type CivilDate,
} from './calendar.js';
import { formatTimeParts } from './time-of-day-text.js';
import {
  createTemporalFields,
  scanDateTimeOffset,
  type TemporalFields,
} from './temporal-scanner.js';

export interface DateTimeOffsetParts {
  /** Milliseconds since 1970-01-01T00:00:00Z, floored. */
  readonly epochMilliseconds: number;
  /** Nanoseconds after `epochMilliseconds`, in [0, 1e6). */
  readonly subMillisecondNanos: number;
  /** The offset written in the text, in minutes east of UTC. */
  readonly offsetMinutes: number;
  /** Local parts, as written (in the value's own offset). */
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nanosecond: number;
}

/** An instant as whole seconds since the epoch (floored) plus nanoseconds in [0, 1e9). */
export interface Instant {
  epochSeconds: number;
  nanoseconds: number;
}

/** Epoch seconds of the local parts in `fields`, offset applied. */
export function epochSecondsOf(fields: TemporalFields): number {
  return (
    epochDayOf(fields.year, fields.month, fields.day) * secondsPerDay +
    fields.hour * 3600 +
    fields.minute * 60 +
    fields.second -
    fields.offsetMinutes * 60
  );
}

/**
 * Reads `text` into `fields` (local parts) and `instant`; false when it is not an
 * Edm.DateTimeOffset. Does not allocate.
 */
export function readDateTimeOffset(
  text: string,
  fields: TemporalFields,
  instant: Instant,
): boolean {
  if (!scanDateTimeOffset(text, fields)) return false;
  instant.epochSeconds = epochSecondsOf(fields);
  instant.nanoseconds = fields.nanosecond;
  return true;
}

const parseFields = createTemporalFields();

/** The instant and local parts of an Edm.DateTimeOffset text, or undefined. */
export function parseDateTimeOffset(text: string): DateTimeOffsetParts | undefined {
  if (!scanDateTimeOffset(text, parseFields)) return undefined;
  const epochSeconds = epochSecondsOf(parseFields);
  const wholeMilliseconds = Math.floor(parseFields.nanosecond / 1_000_000);
  return {
    epochMilliseconds: epochSeconds * 1000 + wholeMilliseconds,
    subMillisecondNanos: parseFields.nanosecond - wholeMilliseconds * 1_000_000,
    offsetMinutes: parseFields.offsetMinutes,
    year: parseFields.year,
    month: parseFields.month,
    day: parseFields.day,
    hour: parseFields.hour,
    minute: parseFields.minute,
    second: parseFields.second,
    nanosecond: parseFields.nanosecond,
  };
}

const leftFields = createTemporalFields();
const rightFields = createTemporalFields();

/**
 * Orders two Edm.DateTimeOffset texts by instant (offsets normalised): negative, 0 or
 * positive, or NaN when one is not a date-time. Two UTC texts of the same shape
 * ("…Z", four-digit years, same number of fractional digits) compare as text.
 */
export function compareDateTimeOffsets(left: string, right: string): number {
  const length = left.length;
  if (
    length === right.length &&
    left.charCodeAt(length - 1) === 90 &&
    right.charCodeAt(length - 1) === 90 &&
    left.charCodeAt(4) === 45 &&
    right.charCodeAt(4) === 45 &&
    left.charCodeAt(10) === 84 &&
    right.charCodeAt(10) === 84
  ) {
    return left < right ? -1 : left > right ? 1 : 0;
  }
  if (!scanDateTimeOffset(left, leftFields) || !scanDateTimeOffset(right, rightFields)) return NaN;
  const leftSeconds = epochSecondsOf(leftFields);
  const rightSeconds = epochSecondsOf(rightFields);
  if (leftSeconds !== rightSeconds) return leftSeconds < rightSeconds ? -1 : 1;
  const leftNanos = leftFields.nanosecond;
  const rightNanos = rightFields.nanosecond;
  return leftNanos < rightNanos ? -1 : leftNanos > rightNanos ? 1 : 0;
}

const civil: CivilDate = { year: 0, month: 0, day: 0 };

/** Text of an offset: "Z" for 0, else "±hh:mm". */
export function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const magnitude = Math.abs(offsetMinutes);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${sign}${twoDigits(Math.floor(magnitude / 60))}:${twoDigits(magnitude % 60)}`;
}

/**
 * Edm.DateTimeOffset text of an instant, written in the given offset (minutes east of
 * UTC); fractional seconds only when not zero, without trailing zeros.
 */
export function formatInstant(
  epochSeconds: number,
  nanoseconds: number,
  offsetMinutes = 0,
): string {
  const localSeconds = epochSeconds + offsetMinutes * 60;
  const epochDay = Math.floor(localSeconds / secondsPerDay);
  const secondOfDay = localSeconds - epochDay * secondsPerDay;
  civilDateOf(epochDay, civil);
  const time = formatTimeParts(
    Math.floor(secondOfDay / 3600),
    Math.floor(secondOfDay / 60) % 60,
    secondOfDay % 60,
    nanoseconds,
  );
  return `${formatYear(civil.year)}-${twoDigits(civil.month)}-${twoDigits(civil.day)}T${time}${formatOffset(offsetMinutes)}`;
}

/** Edm.DateTimeOffset text of milliseconds since the epoch (plus sub-millisecond nanos). */
export function formatDateTimeOffset(
  epochMilliseconds: number,
  subMillisecondNanos = 0,
  offsetMinutes = 0,
): string {
  const epochSeconds = Math.floor(epochMilliseconds / 1000);
  const nanoseconds = (epochMilliseconds - epochSeconds * 1000) * 1_000_000 + subMillisecondNanos;
  return formatInstant(epochSeconds, nanoseconds, offsetMinutes);
}

/** Compares two instants. */
export function compareInstants(left: Instant, right: Instant): number {
  if (left.epochSeconds !== right.epochSeconds)
    return left.epochSeconds < right.epochSeconds ? -1 : 1;
  return left.nanoseconds < right.nanoseconds ? -1 : left.nanoseconds > right.nanoseconds ? 1 : 0;
}

/** Adds a signed length (seconds floored, nanoseconds in [0, 1e9)) to an instant, in place. */
export function addToInstant(instant: Instant, seconds: number, nanoseconds: number): Instant {
  let totalNanoseconds = instant.nanoseconds + nanoseconds;
  let totalSeconds = instant.epochSeconds + seconds;
  if (totalNanoseconds >= nanosecondsPerSecond) {
    totalNanoseconds -= nanosecondsPerSecond;
    totalSeconds += 1;
  }
  instant.epochSeconds = totalSeconds;
  instant.nanoseconds = totalNanoseconds;
  return instant;
}

/**
 * Arithmetic on dates, date-times and durations, on their text representation:
 *
 * - Edm.DateTimeOffset ± Edm.Duration → Edm.DateTimeOffset, written in the left operand's
 *   own offset;
 * - Edm.Date ± Edm.Duration → Edm.Date: the date of (midnight + duration), so a duration of
 *   less than a day moves a date only when it crosses midnight (-PT1H gives the day before);
 * - Edm.DateTimeOffset − Edm.DateTimeOffset and Edm.Date − Edm.Date → Edm.Duration;
 * - Edm.Duration ± Edm.Duration, Edm.Duration × number, Edm.Duration ÷ number →
 *   Edm.Duration (to the nanosecond, rounded half away from zero).
 *
 * Malformed operands give null (no value). Results that leave the supported range (years
 * from -275759 to 275759, durations of at most 2^53-1 seconds) give null too.
 */
import { nanosecondsPerSecond, secondsPerDay } from '../values/calendar.js';
import { epochDayOfDate, formatDate } from '../values/date-text.js';
import {
  addToInstant,
  formatInstant,
  readDateTimeOffset,
  type Instant,
} from '../values/date-time-offset-text.js';
import { formatDuration, readDuration, type DurationLength } from '../values/duration-text.js';
import { createTemporalFields } from '../values/temporal-scanner.js';
import type { DecimalNumber } from '../values/decimal-text.js';
import { powerOfTen } from './decimal-arithmetic.js';

const fields = createTemporalFields();
const instant: Instant = { epochSeconds: 0, nanoseconds: 0 };
const otherInstant: Instant = { epochSeconds: 0, nanoseconds: 0 };
const length: DurationLength = { seconds: 0, nanoseconds: 0 };
const otherLength: DurationLength = { seconds: 0, nanoseconds: 0 };

/** The range of instants the parsers accept: years -275759 to 275759. */
const maximumEpochSeconds = 8_639_977_881_599;
const minimumEpochSeconds = -8_764_280_697_600;

function negateLength(target: DurationLength): void {
  if (target.nanoseconds === 0) {
    target.seconds = -target.seconds;
  } else {
    target.seconds = -target.seconds - 1;
    target.nanoseconds = nanosecondsPerSecond - target.nanoseconds;
  }
}

/** `dateTimeOffset ± duration` (sign 1 or -1). */
export function addDurationToDateTimeOffset(
  dateTimeOffset: string,
  duration: string,
  sign: 1 | -1,
): string | null {
  if (!readDateTimeOffset(dateTimeOffset, fields, instant)) return null;
  if (!readDuration(duration, length)) return null;
  if (sign < 0) negateLength(length);
  addToInstant(instant, length.seconds, length.nanoseconds);
  if (instant.epochSeconds > maximumEpochSeconds || instant.epochSeconds < minimumEpochSeconds) {
    return null;
  }
  return formatInstant(instant.epochSeconds, instant.nanoseconds, fields.offsetMinutes);
}

/** `date ± duration` (sign 1 or -1): the date of midnight plus the duration. */
export function addDurationToDate(date: string, duration: string, sign: 1 | -1): string | null {
  const epochDay = epochDayOfDate(date);
  if (Number.isNaN(epochDay)) return null;
  if (!readDuration(duration, length)) return null;
  if (sign < 0) negateLength(length);
  const resultDay = epochDay + Math.floor(length.seconds / secondsPerDay);
  const resultSeconds = resultDay * secondsPerDay;
  if (resultSeconds > maximumEpochSeconds || resultSeconds < minimumEpochSeconds) return null;
  return formatDate(resultDay);
}

/** `left − right` for two date-times: the duration between their instants. */
export function subtractDateTimeOffsets(left: string, right: string): string | null {
  if (!readDateTimeOffset(left, fields, instant)) return null;
  if (!readDateTimeOffset(right, fields, otherInstant)) return null;
  let seconds = instant.epochSeconds - otherInstant.epochSeconds;
  let nanoseconds = instant.nanoseconds - otherInstant.nanoseconds;
  if (nanoseconds < 0) {
    nanoseconds += nanosecondsPerSecond;
    seconds -= 1;
  }
  return formatDuration(seconds, nanoseconds);
}

/** `left − right` for two dates: a whole number of days. */
export function subtractDates(left: string, right: string): string | null {
  const leftDay = epochDayOfDate(left);
  const rightDay = epochDayOfDate(right);
  if (Number.isNaN(leftDay) || Number.isNaN(rightDay)) return null;
  return formatDuration((leftDay - rightDay) * secondsPerDay, 0);
}

/** `left ± right` for two durations. */
export function addDurations(left: string, right: string, sign: 1 | -1): string | null {
  if (!readDuration(left, length) || !readDuration(right, otherLength)) return null;
  if (sign < 0) negateLength(otherLength);
  let seconds = length.seconds + otherLength.seconds;
  let nanoseconds = length.nanoseconds + otherLength.nanoseconds;
  if (nanoseconds >= nanosecondsPerSecond) {
    nanoseconds -= nanosecondsPerSecond;
    seconds += 1;
  }
  if (!Number.isSafeInteger(seconds)) return null;
  return formatDuration(seconds, nanoseconds);
}

export function negateDuration(duration: string): string | null {
  if (!readDuration(duration, length)) return null;
  negateLength(length);
  return formatDuration(length.seconds, length.nanoseconds);
}

const nanosecondsPerSecondBig = BigInt(nanosecondsPerSecond);

/** The length of a duration text in nanoseconds, or undefined. */
export function durationNanoseconds(duration: string): bigint | undefined {
  if (!readDuration(duration, length)) return undefined;
  return BigInt(length.seconds) * nanosecondsPerSecondBig + BigInt(length.nanoseconds);
}

/** The duration text of a length in nanoseconds, or null when out of range. */
export function durationFromNanoseconds(total: bigint): string | null {
  let seconds = total / nanosecondsPerSecondBig;
  let nanoseconds = total % nanosecondsPerSecondBig;
  if (nanoseconds < 0n) {
    nanoseconds += nanosecondsPerSecondBig;
    seconds -= 1n;
  }
  if (seconds > BigInt(Number.MAX_SAFE_INTEGER) || seconds < BigInt(Number.MIN_SAFE_INTEGER)) {
    return null;
  }
  return formatDuration(Number(seconds), Number(nanoseconds));
}

function divideRoundingHalfAway(dividend: bigint, divisor: bigint): bigint {
  const negative = dividend < 0n !== divisor < 0n;
  const magnitudeDividend = dividend < 0n ? -dividend : dividend;
  const magnitudeDivisor = divisor < 0n ? -divisor : divisor;
  let quotient = magnitudeDividend / magnitudeDivisor;
  if ((magnitudeDividend % magnitudeDivisor) * 2n >= magnitudeDivisor) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** `duration × factor`, to the nanosecond. */
export function multiplyDuration(duration: string, factor: DecimalNumber): string | null {
  const total = durationNanoseconds(duration);
  if (total === undefined) return null;
  const product = total * factor.unscaled;
  const scaled =
    factor.scale <= 0
      ? product * powerOfTen(-factor.scale)
      : divideRoundingHalfAway(product, powerOfTen(factor.scale));
  return durationFromNanoseconds(scaled);
}

/** `duration ÷ divisor`, to the nanosecond; undefined when the divisor is zero. */
export function divideDuration(
  duration: string,
  divisor: DecimalNumber,
): string | null | undefined {
  if (divisor.unscaled === 0n) return undefined;
  const total = durationNanoseconds(duration);
  if (total === undefined) return null;
  const quotient =
    divisor.scale >= 0
      ? divideRoundingHalfAway(total * powerOfTen(divisor.scale), divisor.unscaled)
      : divideRoundingHalfAway(total, divisor.unscaled * powerOfTen(-divisor.scale));
  return durationFromNanoseconds(quotient);
}

/**
 * Edm.Duration values, held as ISO 8601 text ("P1DT2H3M4.5S", "-PT1S"): conversion to a
 * comparable length (whole seconds, floored, plus nanoseconds in [0, 1e9)) and formatting
 * back. Only days, hours, minutes and seconds exist (XML Schema dayTimeDuration), so every
 * duration has one exact length.
 */
import { fractionDigits, nanosecondsPerSecond, secondsPerDay } from './calendar.js';
import { scanDuration, type DurationLength } from './temporal-scanner.js';

export type { DurationLength } from './temporal-scanner.js';

/** The length of an Edm.Duration text, or undefined when it is not one. */
export function parseDuration(text: string): DurationLength | undefined {
  const length: DurationLength = { seconds: 0, nanoseconds: 0 };
  return scanDuration(text, length) ? length : undefined;
}

/** Writes the length of `text` into `target` without allocating; false when invalid. */
export function readDuration(text: string, target: DurationLength): boolean {
  return scanDuration(text, target);
}

const leftLength: DurationLength = { seconds: 0, nanoseconds: 0 };
const rightLength: DurationLength = { seconds: 0, nanoseconds: 0 };

/** Orders two Edm.Duration texts by length; NaN when one is not a duration. */
export function compareDurations(left: string, right: string): number {
  if (!scanDuration(left, leftLength) || !scanDuration(right, rightLength)) return NaN;
  return compareLengths(leftLength, rightLength);
}

export function compareLengths(left: DurationLength, right: DurationLength): number {
  if (left.seconds !== right.seconds) return left.seconds < right.seconds ? -1 : 1;
  if (left.nanoseconds !== right.nanoseconds) return left.nanoseconds < right.nanoseconds ? -1 : 1;
  return 0;
}

/** Canonical text of a length: "P1DT2H", "PT0.5S", "-PT1S", "PT0S" for zero. */
export function formatDuration(seconds: number, nanoseconds: number): string {
  let magnitudeSeconds = seconds;
  let magnitudeNanoseconds = nanoseconds;
  const negative = seconds < 0;
  if (negative) {
    if (nanoseconds === 0) {
      magnitudeSeconds = -seconds;
    } else {
      magnitudeSeconds = -seconds - 1;
      magnitudeNanoseconds = nanosecondsPerSecond - nanoseconds;
    }
  }
  const days = Math.floor(magnitudeSeconds / secondsPerDay);
  let rest = magnitudeSeconds - days * secondsPerDay;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const wholeSeconds = rest - minutes * 60;
  let text = negative ? '-P' : 'P';
  if (days > 0) text += `${days}D`;
  if (hours > 0 || minutes > 0 || wholeSeconds > 0 || magnitudeNanoseconds > 0 || days === 0) {
    text += 'T';
    if (hours > 0) text += `${hours}H`;
    if (minutes > 0) text += `${minutes}M`;
    if (wholeSeconds > 0 || magnitudeNanoseconds > 0 || (hours === 0 && minutes === 0)) {
      const fraction = fractionDigits(magnitudeNanoseconds);
      text += fraction === '' ? `${wholeSeconds}S` : `${wholeSeconds}.${fraction}S`;
    }
  }
  return text;
}

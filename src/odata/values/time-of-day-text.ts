/**
 * Edm.TimeOfDay values, held as text "hh:mm:ss(.fffffff)?": conversion to nanoseconds
 * since midnight (exact in a double: at most 8.64e13) and formatting back.
 */
import { fractionDigits, nanosecondsPerSecond, twoDigits } from './calendar.js';
import { createTemporalFields, scanTime } from './temporal-scanner.js';

const fields = createTemporalFields();

/** Nanoseconds since midnight of an Edm.TimeOfDay text, or NaN when it is not one. */
export function timeOfDayNanoseconds(text: string): number {
  if (scanTime(text, 0, fields) !== text.length) return NaN;
  return (
    (fields.hour * 3600 + fields.minute * 60 + fields.second) * nanosecondsPerSecond +
    fields.nanosecond
  );
}

export interface TimeOfDayParts {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nanosecond: number;
}

/** The parts of an Edm.TimeOfDay text, or undefined when it is not one. */
export function parseTimeOfDay(text: string): TimeOfDayParts | undefined {
  if (scanTime(text, 0, fields) !== text.length) return undefined;
  return {
    hour: fields.hour,
    minute: fields.minute,
    second: fields.second,
    nanosecond: fields.nanosecond,
  };
}

/** The Edm.TimeOfDay text of nanoseconds since midnight (taken modulo one day). */
export function formatTimeOfDay(nanosecondsSinceMidnight: number): string {
  const day = 86_400 * nanosecondsPerSecond;
  const value = ((nanosecondsSinceMidnight % day) + day) % day;
  const totalSeconds = Math.floor(value / nanosecondsPerSecond);
  return formatTimeParts(
    Math.floor(totalSeconds / 3600),
    Math.floor(totalSeconds / 60) % 60,
    totalSeconds % 60,
    value - totalSeconds * nanosecondsPerSecond,
  );
}

export function formatTimeParts(
  hour: number,
  minute: number,
  second: number,
  nanosecond: number,
): string {
  const fraction = fractionDigits(nanosecond);
  const time = `${twoDigits(hour)}:${twoDigits(minute)}:${twoDigits(second)}`;
  return fraction === '' ? time : `${time}.${fraction}`;
}

/** Orders two Edm.TimeOfDay texts; NaN when one is not a time of day. */
export function compareTimesOfDay(left: string, right: string): number {
  const leftValue = timeOfDayNanoseconds(left);
  const rightValue = timeOfDayNanoseconds(right);
  return leftValue < rightValue
    ? -1
    : leftValue > rightValue
      ? 1
      : leftValue === rightValue
        ? 0
        : NaN;
}

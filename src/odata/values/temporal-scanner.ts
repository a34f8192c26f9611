/**
 * Allocation-free scanners for the text forms of OData's temporal values (the ABNF rules
 * `date`, `timeOfDayValue`, the offset of `dateTimeOffsetValue`, and `durationValue`).
 * They read a string at an index, write what they found into a reusable fields object and
 * return the index after the match, or -1 when the text does not have the required form.
 * The public parsers in this folder build on them.
 *
 * Fractional seconds may have up to 12 digits (as the ABNF allows); the first 9 are kept
 * (nanoseconds), the rest are ignored.
 */
import { daysInMonth, nanosecondsPerSecond, secondsPerDay } from './calendar.js';

/** What the scanners found; reuse one instance per call site. */
export interface TemporalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
  offsetMinutes: number;
}

export function createTemporalFields(): TemporalFields {
  return {
    year: 0,
    month: 0,
    day: 0,
    hour: 0,
    minute: 0,
    second: 0,
    nanosecond: 0,
    offsetMinutes: 0,
  };
}

/** Largest number of year digits accepted. */
const maxYearDigits = 6;
/** Largest absolute year accepted: keeps instants within ±2^53 milliseconds. */
export const maximumYear = 275_759;

function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 48 && code <= 57 ? code - 48 : -1;
}

function twoDigitsAt(text: string, index: number): number {
  const tens = digitAt(text, index);
  const units = digitAt(text, index + 1);
  return tens < 0 || units < 0 ? -1 : tens * 10 + units;
}

/** `[-]YYYY-MM-DD` (more year digits allowed when the first is not 0; |year| ≤ 275759). */
export function scanDate(text: string, start: number, fields: TemporalFields): number {
  let index = start;
  let negative = false;
  if (text.charCodeAt(index) === 45) {
    negative = true;
    index++;
  }
  const yearStart = index;
  let year = 0;
  for (;;) {
    const digit = digitAt(text, index);
    if (digit < 0) break;
    year = year * 10 + digit;
    index++;
  }
  const yearDigits = index - yearStart;
  if (yearDigits < 4 || yearDigits > maxYearDigits) return -1;
  if (yearDigits > 4 && text.charCodeAt(yearStart) === 48) return -1;
  if (year > maximumYear) return -1;
  if (text.charCodeAt(index) !== 45) return -1;
  const month = twoDigitsAt(text, index + 1);
  if (month < 1 || month > 12 || text.charCodeAt(index + 3) !== 45) return -1;
  const day = twoDigitsAt(text, index + 4);
  const signedYear = negative && year !== 0 ? -year : year;
  if (day < 1 || day > daysInMonth(signedYear, month)) return -1;
  fields.year = signedYear;
  fields.month = month;
  fields.day = day;
  return index + 6;
}

/** `hh:mm[:ss[.fffffffff]]`; seconds may be 60 (a leap second), as the ABNF allows. */
export function scanTime(text: string, start: number, fields: TemporalFields): number {
  const hour = twoDigitsAt(text, start);
  if (hour < 0 || hour > 23 || text.charCodeAt(start + 2) !== 58) return -1;
  const minute = twoDigitsAt(text, start + 3);
  if (minute < 0 || minute > 59) return -1;
  let index = start + 5;
  let second = 0;
  let nanosecond = 0;
  if (text.charCodeAt(index) === 58) {
    second = twoDigitsAt(text, index + 1);
    if (second < 0 || second > 60) return -1;
    index += 3;
    if (text.charCodeAt(index) === 46) {
      index++;
      const fractionStart = index;
      let scale = 100_000_000;
      for (;;) {
        const digit = digitAt(text, index);
        if (digit < 0) break;
        nanosecond += digit * scale;
        scale = scale > 1 ? scale / 10 : 0;
        index++;
      }
      const fractionLength = index - fractionStart;
      if (fractionLength < 1 || fractionLength > 12) return -1;
    }
  }
  fields.hour = hour;
  fields.minute = minute;
  fields.second = second;
  fields.nanosecond = nanosecond;
  return index;
}

/** `Z` or `±hh:mm`. */
export function scanOffset(text: string, start: number, fields: TemporalFields): number {
  const code = text.charCodeAt(start);
  if (code === 90 || code === 122) {
    fields.offsetMinutes = 0;
    return start + 1;
  }
  if (code !== 43 && code !== 45) return -1;
  const hours = twoDigitsAt(text, start + 1);
  if (hours < 0 || hours > 23 || text.charCodeAt(start + 3) !== 58) return -1;
  const minutes = twoDigitsAt(text, start + 4);
  if (minutes < 0 || minutes > 59) return -1;
  const total = hours * 60 + minutes;
  fields.offsetMinutes = code === 45 && total !== 0 ? -total : total;
  return start + 6;
}

/** A full `dateTimeOffsetValue`; true when `text` is one (the fields are then set). */
export function scanDateTimeOffset(text: string, fields: TemporalFields): boolean {
  let index = scanDate(text, 0, fields);
  if (index < 0) return false;
  const separator = text.charCodeAt(index);
  if (separator !== 84 && separator !== 116) return false;
  index = scanTime(text, index + 1, fields);
  if (index < 0) return false;
  index = scanOffset(text, index, fields);
  return index === text.length;
}

/** A duration as a comparable length: whole seconds (floored) and nanoseconds in [0, 1e9). */
export interface DurationLength {
  seconds: number;
  nanoseconds: number;
}

/**
 * `[-]P[nD][T[nH][nM][n[.f]S]]` (an XML Schema dayTimeDuration): at least one component,
 * and at least one after `T`. Writes the signed length into `length`.
 */
export function scanDuration(text: string, length: DurationLength): boolean {
  let index = 0;
  const end = text.length;
  let negative = false;
  if (text.charCodeAt(index) === 45) {
    negative = true;
    index++;
  }
  if (text.charCodeAt(index) !== 80 && text.charCodeAt(index) !== 112) return false;
  index++;
  let seconds = 0;
  let nanoseconds = 0;
  let components = 0;
  let inTime = false;
  // The order of the designators: D, then T, then H, M, S; `rank` enforces it.
  let rank = 0;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code === 84 || code === 116) {
      if (inTime) return false;
      inTime = true;
      rank = 1;
      index++;
      if (index === end) return false;
      continue;
    }
    const numberStart = index;
    let value = 0;
    for (;;) {
      const digit = digitAt(text, index);
      if (digit < 0) break;
      value = value * 10 + digit;
      index++;
    }
    if (index === numberStart) return false;
    let fraction = 0;
    let designator = text.charCodeAt(index);
    if (designator === 46) {
      if (!inTime) return false;
      index++;
      const fractionStart = index;
      let scale = 100_000_000;
      for (;;) {
        const digit = digitAt(text, index);
        if (digit < 0) break;
        fraction += digit * scale;
        scale = scale > 1 ? scale / 10 : 0;
        index++;
      }
      const fractionLength = index - fractionStart;
      if (fractionLength < 1 || fractionLength > 12) return false;
      designator = text.charCodeAt(index);
      if (designator !== 83 && designator !== 115) return false;
    }
    if (designator >= 97) designator -= 32;
    if (!inTime && designator === 68 && rank < 1) {
      seconds += value * secondsPerDay;
      rank = 1;
    } else if (inTime && designator === 72 && rank < 2) {
      seconds += value * 3600;
      rank = 2;
    } else if (inTime && designator === 77 && rank < 3) {
      seconds += value * 60;
      rank = 3;
    } else if (inTime && designator === 83 && rank < 4) {
      seconds += value;
      nanoseconds = fraction;
      rank = 4;
    } else {
      return false;
    }
    components++;
    index++;
  }
  if (components === 0 || !Number.isSafeInteger(seconds)) return false;
  if (negative && (seconds !== 0 || nanoseconds !== 0)) {
    if (nanoseconds === 0) {
      seconds = -seconds;
    } else {
      seconds = -seconds - 1;
      nanoseconds = nanosecondsPerSecond - nanoseconds;
    }
  }
  length.seconds = seconds;
  length.nanoseconds = nanoseconds;
  return true;
}

/**
 * Reading OData literals (values of bound literal nodes, in the representation of
 * ../../../odata/edm/primitive-type.ts) as the quantities Kintone compares: integers,
 * decimal numbers with their sign, instants at minute precision and minutes of the day.
 * Kintone stores date-times and times to the minute, so each reader also says whether the
 * literal falls exactly on a minute; the translator adjusts bounds when it does not.
 */
import type { Value } from '../../../odata/edm/primitive-type.js';

/** An integer literal as text, or undefined when the value is not an integer. */
export function integerText(value: Value): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value === 'string' && /^-?\d+$/.test(value))
    return value.replace(/^(-?)0+(?=\d)/, '$1');
  return undefined;
}

/** A numeric literal as decimal text and its sign, or undefined. */
export function decimalText(
  value: Value,
): { readonly text: string; readonly sign: -1 | 0 | 1 } | undefined {
  let text: string;
  if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
    if (!/^-?\d+(\.\d+)?$/.test(text)) {
      // Exponent notation: let toFixed render it when it can do so exactly enough.
      if (Math.abs(value) >= 1e21 || Math.abs(value) < 1e-6) return undefined;
      text = value.toFixed(20).replace(/\.?0+$/, '');
    }
  } else if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) text = value;
  else return undefined;
  const zero = /^-?0*(\.0*)?$/.test(text);
  return { text: zero ? '0' : text, sign: zero ? 0 : text.startsWith('-') ? -1 : 1 };
}

/** An instant at minute precision: the minute it falls in, and whether it is exactly on it. */
export interface MinuteInstant {
  /** Milliseconds since the epoch of the start of the minute (UTC). */
  readonly minuteStart: number;
  readonly onMinute: boolean;
}

const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})$/;

export function minuteInstant(value: Value): MinuteInstant | undefined {
  if (typeof value !== 'string') return undefined;
  const match = dateTimePattern.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((index) => Number(match[index]));
  const seconds = Number(match[6] ?? '0');
  const fraction = match[7] ?? '';
  const zone = match[8] ?? 'Z';
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour > 23 ||
    minute > 59 ||
    seconds > 59
  )
    return undefined;
  const offsetMinutes =
    zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) *
        (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(local);
  if (check.getUTCDate() !== day) return undefined;
  return {
    minuteStart: local - offsetMinutes * 60000,
    onMinute: seconds === 0 && /^0*$/.test(fraction),
  };
}

/** A time of day at minute precision: minutes since midnight and whether it is exactly on the minute. */
export function minuteOfDay(
  value: Value,
): { readonly minute: number; readonly onMinute: boolean } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(value);
  if (match === null) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const seconds = Number(match[3] ?? '0');
  if (hour > 23 || minute > 59 || seconds > 59) return undefined;
  return { minute: hour * 60 + minute, onMinute: seconds === 0 && /^0*$/.test(match[4] ?? '') };
}

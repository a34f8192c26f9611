/**
 * `cast(value, Edm.Type)` and `isof(value, Edm.Type)` for primitive values (OData 4.01
 * §5.1.1.11). A cast that cannot produce a value of the target type yields null.
 *
 * - Numeric to numeric: to an integer type, rounding half away from zero (as `round`),
 *   null when the result is outside the target's range; to Edm.Decimal exactly (a double
 *   becomes its shortest decimal text; INF and NaN yield null); to Edm.Single rounding to
 *   the nearest float (null when a finite value overflows).
 * - Anything to Edm.String: the literal form without quotes ("12.5", "true", "INF",
 *   "2024-01-31", base64url for binary).
 * - Edm.String to another type: the text must be a valid value of that type.
 * - Edm.Date to Edm.DateTimeOffset: midnight UTC; Edm.DateTimeOffset to Edm.Date and
 *   Edm.TimeOfDay: its date or time in its own offset.
 * - Any other pair (e.g. Edm.Boolean to Edm.Int32): null.
 *
 * `isof(value, T)` is true when the value's type is T, or when both types are numeric and
 * the value survives a cast to T and back unchanged (`isof(3.0, Edm.Int32)` and `isof(0.1M,
 * Edm.Double)` are true; `isof(3.5, Edm.Int32)`, `isof(300, Edm.Byte)` and
 * `isof(0.10000000000000000001M, Edm.Double)` are false). A string is not of any other type.
 */
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import { isNumericType } from '../edm/primitive-type.js';
import { formatBinary, parseBinary } from '../values/binary-text.js';
import { epochDayOfDate, formatDateParts } from '../values/date-text.js';
import { parseDateTimeOffset } from '../values/date-time-offset-text.js';
import { normalizeDecimal, parseDecimal } from '../values/decimal-text.js';
import { parseDuration } from '../values/duration-text.js';
import { normalizeGuid } from '../values/guid-text.js';
import { createTemporalFields, scanDateTimeOffset } from '../values/temporal-scanner.js';
import { formatTimeParts, timeOfDayNanoseconds } from '../values/time-of-day-text.js';
import type { PresentValue } from './compiled-expression.js';
import { comparerFor } from './compare-values.js';
import { roundDecimal } from './decimal-arithmetic.js';
import {
  doubleToDecimalText,
  isFloatingType,
  isIntegerType,
  normalizeInteger,
  toDecimalNumber,
  toDecimalText,
  toDouble,
} from './numeric-values.js';

export type Converter = (value: PresentValue) => Value;

const integerRanges: Partial<Record<EdmPrimitiveType, readonly [bigint, bigint]>> = {
  'Edm.Byte': [0n, 255n],
  'Edm.SByte': [-128n, 127n],
  'Edm.Int16': [-32_768n, 32_767n],
  'Edm.Int32': [-2_147_483_648n, 2_147_483_647n],
  'Edm.Int64': [-(2n ** 63n), 2n ** 63n - 1n],
};

const integerTextPattern = /^[+-]?\d+$/;

/** The integer a value rounds to (half away from zero), or undefined. */
function roundToInteger(value: PresentValue, from: EdmPrimitiveType): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const rounded = value < 0 ? -Math.round(-value) : Math.round(value);
    return BigInt(rounded);
  }
  if (typeof value !== 'string') return undefined;
  if (from === 'Edm.String') {
    return integerTextPattern.test(value) ? BigInt(value) : undefined;
  }
  const decimal = parseDecimal(value);
  if (decimal === undefined) return undefined;
  const rounded = roundDecimal(decimal);
  return rounded.scale === 0 ? rounded.unscaled : rounded.unscaled * 10n ** BigInt(-rounded.scale);
}

function toIntegerType(to: EdmPrimitiveType, from: EdmPrimitiveType): Converter {
  const range = integerRanges[to] ?? [0n, 0n];
  return (value) => {
    const integer = roundToInteger(value, from);
    if (integer === undefined || integer < range[0] || integer > range[1]) return null;
    return normalizeInteger(integer);
  };
}

function toDecimal(from: EdmPrimitiveType): Converter {
  if (from === 'Edm.String') {
    return (value) => {
      if (typeof value !== 'string') return null;
      const decimal = parseDecimal(value);
      return decimal === undefined ? null : (normalizeDecimal(value) ?? null);
    };
  }
  return (value) => {
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    if (typeof value === 'string' && toDecimalNumber(value) === undefined) return null;
    return toDecimalText(value) ?? null;
  };
}

const doubleTextPattern = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$|^(INF|-INF|NaN)$/;

function toFloating(to: EdmPrimitiveType, from: EdmPrimitiveType): Converter {
  const single = to === 'Edm.Single';
  return (value) => {
    if (from === 'Edm.String' && (typeof value !== 'string' || !doubleTextPattern.test(value))) {
      return null;
    }
    const number = toDouble(value);
    if (Number.isNaN(number) && value !== 'NaN' && !(typeof value === 'number')) return null;
    if (!single) return number;
    const rounded = Math.fround(number);
    return Number.isFinite(number) && !Number.isFinite(rounded) ? null : rounded;
  };
}

/** The shortest decimal text that reads back as the same single-precision float. */
function formatSingle(value: number): string {
  if (!Number.isFinite(value)) return doubleToDecimalText(value);
  for (let digits = 1; digits <= 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return normalizeDecimal(text) ?? String(value);
  }
  return doubleToDecimalText(value);
}

/** The literal form of a value of `type`, without quotes (cast to Edm.String). */
export function formatAsString(value: PresentValue, type: EdmPrimitiveType): string | null {
  if (typeof value === 'string') {
    return type === 'Edm.Guid' ? value.toLowerCase() : value;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (type === 'Edm.Single') return formatSingle(value);
    if (isFloatingType(type)) return doubleToDecimalText(value);
    return Number.isInteger(value) ? String(value) : doubleToDecimalText(value);
  }
  if (value instanceof Uint8Array) return formatBinary(value);
  return null;
}

const fields = createTemporalFields();

function validText(test: (text: string) => boolean): Converter {
  return (value) => (typeof value === 'string' && test(value) ? value : null);
}

function fromDateTimeOffset(part: 'date' | 'time'): Converter {
  return (value) => {
    if (typeof value !== 'string' || !scanDateTimeOffset(value, fields)) return null;
    return part === 'date'
      ? formatDateParts(fields.year, fields.month, fields.day)
      : formatTimeParts(fields.hour, fields.minute, fields.second, fields.nanosecond);
  };
}

const noValue: Converter = () => null;
const identity: Converter = (value) => value;

/** The conversion of `cast` from one type to another (null when it fails). */
export function converterFor(from: EdmPrimitiveType, to: EdmPrimitiveType): Converter {
  if (to === 'Edm.String') return (value) => formatAsString(value, from);
  if (isNumericType(to)) {
    if (!isNumericType(from) && from !== 'Edm.String') return noValue;
    if (isIntegerType(to)) return toIntegerType(to, from);
    if (to === 'Edm.Decimal') return toDecimal(from);
    return toFloating(to, from);
  }
  if (from === to) {
    return to === 'Edm.Guid'
      ? (value) => (typeof value === 'string' ? value.toLowerCase() : null)
      : identity;
  }
  switch (to) {
    case 'Edm.Boolean':
      return from === 'Edm.String'
        ? (value) => {
            if (typeof value !== 'string') return null;
            const lower = value.toLowerCase();
            return lower === 'true' ? true : lower === 'false' ? false : null;
          }
        : noValue;
    case 'Edm.Date':
      if (from === 'Edm.DateTimeOffset') return fromDateTimeOffset('date');
      return from === 'Edm.String'
        ? validText((text) => !Number.isNaN(epochDayOfDate(text)))
        : noValue;
    case 'Edm.DateTimeOffset':
      if (from === 'Edm.Date') {
        return (value) =>
          typeof value === 'string' && !Number.isNaN(epochDayOfDate(value))
            ? `${value}T00:00:00Z`
            : null;
      }
      return from === 'Edm.String'
        ? validText((text) => parseDateTimeOffset(text) !== undefined)
        : noValue;
    case 'Edm.TimeOfDay':
      if (from === 'Edm.DateTimeOffset') return fromDateTimeOffset('time');
      return from === 'Edm.String'
        ? validText((text) => !Number.isNaN(timeOfDayNanoseconds(text)))
        : noValue;
    case 'Edm.Duration':
      return from === 'Edm.String'
        ? validText((text) => parseDuration(text) !== undefined)
        : noValue;
    case 'Edm.Guid':
      return from === 'Edm.String'
        ? (value) => (typeof value === 'string' ? (normalizeGuid(value) ?? null) : null)
        : noValue;
    case 'Edm.Binary':
      return from === 'Edm.String'
        ? (value) => (typeof value === 'string' ? (parseBinary(value) ?? null) : null)
        : noValue;
    default:
      return noValue;
  }
}

/** The test of `isof(value, to)` for values of type `from` (see the module comment). */
export function isOfTest(
  from: EdmPrimitiveType,
  to: EdmPrimitiveType,
): (value: PresentValue) => boolean {
  if (from === to) return () => true;
  if (!isNumericType(from) || !isNumericType(to)) return () => false;
  const convert = converterFor(from, to);
  const convertBack = converterFor(to, from);
  const compare = comparerFor(from, from);
  return (value) => {
    const converted = convert(value);
    if (converted === null) return false;
    const back = convertBack(converted);
    return back !== null && compare !== undefined && compare(value, back) === 0;
  };
}

/**
 * Conversions from the text form of a primitive value to the in-memory representation of
 * ../edm/primitive-type.ts, with the validation of the ABNF's payload rules (booleanValue,
 * dateValue, dateTimeOffsetValue, decimalValue, durationValue, guidValue, int*Value ...):
 * no percent-decoding, lower-case `true`/`false`. Used by the binder to convert URL
 * literals once their type is known, and usable by anything that reads values as text
 * (key-as-segment values, request bodies, CSDL default values).
 *
 * Normalisation: GUIDs become lower case; times of day and date-times get seconds when
 * they were omitted (`13:52` → `13:52:00`); decimals become canonical text (no `+`, no
 * leading zeros, exponents expanded: `-1.2e3` → `-1200`); Int64 values are numbers when
 * they are safe integers, bigints otherwise.
 */
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { EdmPrimitiveType, PrimitiveValue } from '../edm/primitive-type.js';
import {
  isBase64UrlText,
  isDurationText,
  isValidDate,
  isValidTime,
  matchDateShape,
  matchTimeShape,
} from './literal-scanner.js';

const integerRanges: Readonly<Partial<Record<EdmPrimitiveType, readonly [bigint, bigint]>>> = {
  'Edm.Byte': [0n, 255n],
  'Edm.SByte': [-128n, 127n],
  'Edm.Int16': [-32768n, 32767n],
  'Edm.Int32': [-2147483648n, 2147483647n],
  'Edm.Int64': [-9223372036854775808n, 9223372036854775807n],
};

/**
 * Parses `text` as a value of `type`; throws TSG103 when it is not one. Strings are
 * returned as they are.
 */
export function parsePrimitiveValue(text: string, type: EdmPrimitiveType): PrimitiveValue {
  const value = tryParsePrimitiveValue(text, type);
  if (value === undefined) {
    throw new TsunagiError('TSG103', `'${shorten(text)}' is not a valid ${type} value.`);
  }
  return value;
}

/** Like parsePrimitiveValue, but returns undefined instead of throwing. */
export function tryParsePrimitiveValue(
  text: string,
  type: EdmPrimitiveType,
): PrimitiveValue | undefined {
  switch (type) {
    case 'Edm.String':
      return text;
    case 'Edm.Boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'Edm.Byte':
      return /^\d{1,3}$/.test(text) ? integerValue(text, type) : undefined;
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
      return /^[+-]?\d+$/.test(text) ? integerValue(text, type) : undefined;
    case 'Edm.Decimal':
      return canonicalDecimal(text);
    case 'Edm.Double':
    case 'Edm.Single':
      return doubleValue(text);
    case 'Edm.Date':
      return matchDateShape(text, 0, text.length) === text.length && isValidDate(text)
        ? text
        : undefined;
    case 'Edm.DateTimeOffset':
      return dateTimeOffsetValue(text);
    case 'Edm.TimeOfDay':
      return matchTimeShape(text, 0, text.length) === text.length && isValidTime(text)
        ? withSeconds(text)
        : undefined;
    case 'Edm.Duration':
      return isDurationText(text) ? text : undefined;
    case 'Edm.Guid':
      return /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/.test(
        text,
      )
        ? text.toLowerCase()
        : undefined;
    case 'Edm.Binary':
      return isBase64UrlText(text) ? decodeBase64Url(text) : undefined;
  }
}

/** An integer's value for `type`, or undefined when it is out of the type's range. */
export function integerValue(text: string, type: EdmPrimitiveType): number | bigint | undefined {
  const range = integerRanges[type];
  if (range === undefined) return undefined;
  const digits = text.startsWith('+') ? text.slice(1) : text;
  const big = BigInt(digits);
  if (big < range[0] || big > range[1]) return undefined;
  const small = Number(big);
  return Number.isSafeInteger(small) ? small : big;
}

/** The smallest integer type that holds the integer `text` (undefined beyond Int64). */
export function smallestIntegerType(text: string): EdmPrimitiveType | undefined {
  const digits = text.startsWith('+') ? text.slice(1) : text;
  const big = BigInt(digits);
  for (const type of ['Edm.Byte', 'Edm.SByte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64'] as const) {
    const range = integerRanges[type];
    if (range !== undefined && big >= range[0] && big <= range[1]) return type;
  }
  return undefined;
}

function isDecimalText(text: string): boolean {
  return /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text);
}

/** Exponents beyond this are refused: expanding them would only produce huge strings. */
const maximumDecimalExponent = 1_000;

/**
 * `[+-]digits[.digits][e[+-]digits]` as canonical decimal text; undefined for other
 * text and for exponents beyond ±1000.
 */
export function canonicalDecimal(text: string): string | undefined {
  const match = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (match === null) return undefined;
  const negative = match[1] === '-';
  let integer = match[2] ?? '0';
  let fraction = match[3] ?? '';
  const exponent = Number(match[4] ?? '0');
  if (Math.abs(exponent) > maximumDecimalExponent) return undefined;
  if (exponent > 0) {
    const shift = Math.min(exponent, fraction.length);
    integer += fraction.slice(0, shift) + '0'.repeat(exponent - shift);
    fraction = fraction.slice(shift);
  } else if (exponent < 0) {
    const shift = -exponent;
    const padded = integer.padStart(shift + 1, '0');
    fraction = padded.slice(padded.length - shift) + fraction;
    integer = padded.slice(0, padded.length - shift);
  }
  integer = integer.replace(/^0+(?=\d)/, '');
  const digits = fraction.length > 0 ? `${integer}.${fraction}` : integer;
  const zero = /^0(\.0*)?$/.test(digits);
  return negative && !zero ? `-${digits}` : digits;
}

function doubleValue(text: string): number | undefined {
  if (text === 'NaN') return Number.NaN;
  if (text === 'INF') return Number.POSITIVE_INFINITY;
  if (text === '-INF') return Number.NEGATIVE_INFINITY;
  if (!isDecimalText(text)) return undefined;
  return Number(text);
}

function dateTimeOffsetValue(text: string): string | undefined {
  const dateEnd = matchDateShape(text, 0, text.length);
  if (dateEnd === -1 || !isValidDate(text.slice(0, dateEnd))) return undefined;
  const separator = text[dateEnd];
  if (separator !== 'T' && separator !== 't') return undefined;
  const timeEnd = matchTimeShape(text, dateEnd + 1, text.length);
  if (timeEnd === -1) return undefined;
  const time = text.slice(dateEnd + 1, timeEnd);
  if (!isValidTime(time)) return undefined;
  const zone = text.slice(timeEnd);
  let offset: string;
  if (zone === 'Z' || zone === 'z') {
    offset = 'Z';
  } else {
    const match = /^[+-](\d\d):(\d\d)$/.exec(zone);
    if (match === null || Number(match[1]) > 23 || Number(match[2]) > 59) return undefined;
    offset = zone;
  }
  return `${text.slice(0, dateEnd)}T${withSeconds(time)}${offset}`;
}

/** `hh:mm` → `hh:mm:00`; other forms unchanged. */
export function withSeconds(time: string): string {
  return time.length === 5 ? `${time}:00` : time;
}

/** Normalises a date-time literal's text (adds omitted seconds). */
export function normalizeDateTimeOffset(text: string): string {
  return dateTimeOffsetValue(text) ?? text;
}

export function decodeBase64Url(text: string): Uint8Array {
  const unpadded = text.replace(/=+$/, '');
  return new Uint8Array(Buffer.from(unpadded, 'base64url'));
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Numeric values across the EDM numeric types: which domain an operation runs in (the
 * OData promotion order SByte/Byte < Int16 < Int32 < Int64 < Decimal < Single < Double,
 * reduced to integer, decimal or double arithmetic), and the conversions of values into
 * each domain. Values may come in any numeric representation (number, bigint, decimal
 * text); conversions never throw and give NaN / undefined for what is not a number.
 */
import { integerTypes, type EdmPrimitiveType, type Value } from '../edm/primitive-type.js';
import { normalizeDecimal, parseDecimal, type DecimalNumber } from '../values/decimal-text.js';

export type NumericDomain = 'integer' | 'decimal' | 'double';

/** The domain two numeric operand types are compared or computed in. */
export function numericDomainOf(left: EdmPrimitiveType, right: EdmPrimitiveType): NumericDomain {
  if (isFloatingType(left) || isFloatingType(right)) return 'double';
  if (left === 'Edm.Decimal' || right === 'Edm.Decimal') return 'decimal';
  return 'integer';
}

export function isFloatingType(type: EdmPrimitiveType): boolean {
  return type === 'Edm.Double' || type === 'Edm.Single';
}

export function isIntegerType(type: EdmPrimitiveType): boolean {
  return integerTypes.has(type);
}

const minimumSafe = BigInt(Number.MIN_SAFE_INTEGER);
const maximumSafe = BigInt(Number.MAX_SAFE_INTEGER);

/** An integer as the representation wants it: number when safe, else bigint. */
export function normalizeInteger(value: bigint): number | bigint {
  return value >= minimumSafe && value <= maximumSafe ? Number(value) : value;
}

/** The double value of a numeric value (decimal text, special values included); NaN if none. */
export function toDouble(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    if (value === 'INF') return Infinity;
    if (value === '-INF') return -Infinity;
    if (value === 'NaN') return NaN;
    return normalizeDecimal(value) === undefined ? NaN : Number(value);
  }
  return NaN;
}

/** The shortest decimal text of a double that reads back as the same double. */
export function doubleToDecimalText(value: number): string {
  if (value === Infinity) return 'INF';
  if (value === -Infinity) return '-INF';
  if (Number.isNaN(value)) return 'NaN';
  return normalizeDecimal(String(value)) ?? 'NaN';
}

/** Decimal text of a numeric value, or undefined when it is not numeric. */
export function toDecimalText(value: Value): string | undefined {
  if (typeof value === 'string') return normalizeDecimal(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    return Number.isSafeInteger(value)
      ? String(value === 0 ? 0 : value)
      : doubleToDecimalText(value);
  }
  return undefined;
}

/** The exact value of a finite numeric value, or undefined (non-numeric, INF, NaN). */
export function toDecimalNumber(value: Value): DecimalNumber | undefined {
  if (typeof value === 'bigint') return { unscaled: value, scale: 0 };
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return { unscaled: BigInt(value), scale: 0 };
    if (!Number.isFinite(value)) return undefined;
    return parseDecimal(doubleToDecimalText(value));
  }
  if (typeof value === 'string') return parseDecimal(value);
  return undefined;
}

/** An integral numeric value as number (when safe) or bigint; undefined if not integral. */
export function toInteger(value: Value): number | bigint | undefined {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value === 0 ? 0 : value;
    return Number.isInteger(value) ? normalizeInteger(BigInt(value)) : undefined;
  }
  if (typeof value === 'bigint') return normalizeInteger(value);
  if (typeof value === 'string') {
    const parsed = parseDecimal(value);
    if (parsed === undefined) return undefined;
    if (parsed.scale <= 0) return normalizeInteger(parsed.unscaled * 10n ** BigInt(-parsed.scale));
    const divisor = 10n ** BigInt(parsed.scale);
    return parsed.unscaled % divisor === 0n
      ? normalizeInteger(parsed.unscaled / divisor)
      : undefined;
  }
  return undefined;
}

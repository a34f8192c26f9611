/**
 * Exact decimal arithmetic on scaled integers (`unscaled × 10^-scale`, BigInt): add,
 * subtract and multiply are exact; division rounds half away from zero to
 * `decimalDivisionDigits` significant digits (34, the precision of IEEE 754 decimal128);
 * modulo is exact with the sign of the dividend; rounding to an integer is exact.
 * Division by zero returns undefined: the caller raises the error, with its context.
 */
import type { DecimalNumber } from '../values/decimal-text.js';

/** Significant digits of a decimal quotient. */
export const decimalDivisionDigits = 34;

const powersOfTen: bigint[] = [1n];

export function powerOfTen(exponent: number): bigint {
  if (exponent < 0) throw new RangeError('negative power of ten');
  while (powersOfTen.length <= exponent) {
    powersOfTen.push((powersOfTen[powersOfTen.length - 1] ?? 1n) * 10n);
  }
  return powersOfTen[exponent] ?? 1n;
}

function digitCount(value: bigint): number {
  return (value < 0n ? -value : value).toString().length;
}

/** Both values with the same (larger) scale. */
function aligned(left: DecimalNumber, right: DecimalNumber): [bigint, bigint, number] {
  if (left.scale === right.scale) return [left.unscaled, right.unscaled, left.scale];
  if (left.scale > right.scale) {
    return [left.unscaled, right.unscaled * powerOfTen(left.scale - right.scale), left.scale];
  }
  return [left.unscaled * powerOfTen(right.scale - left.scale), right.unscaled, right.scale];
}

export function addDecimals(left: DecimalNumber, right: DecimalNumber): DecimalNumber {
  const [leftUnscaled, rightUnscaled, scale] = aligned(left, right);
  return { unscaled: leftUnscaled + rightUnscaled, scale };
}

export function subtractDecimals(left: DecimalNumber, right: DecimalNumber): DecimalNumber {
  const [leftUnscaled, rightUnscaled, scale] = aligned(left, right);
  return { unscaled: leftUnscaled - rightUnscaled, scale };
}

export function multiplyDecimals(left: DecimalNumber, right: DecimalNumber): DecimalNumber {
  return { unscaled: left.unscaled * right.unscaled, scale: left.scale + right.scale };
}

/** Divides an integer by a positive power of ten, rounding half away from zero. */
function roundDivideByPowerOfTen(value: bigint, exponent: number): bigint {
  if (exponent <= 0) return value;
  const divisor = powerOfTen(exponent);
  const quotient = value / divisor;
  const remainder = value % divisor;
  const doubled = (remainder < 0n ? -remainder : remainder) * 2n;
  if (doubled >= divisor) return value < 0n ? quotient - 1n : quotient + 1n;
  return quotient;
}

/** The quotient to `decimalDivisionDigits` significant digits; undefined for division by zero. */
export function divideDecimals(
  left: DecimalNumber,
  right: DecimalNumber,
): DecimalNumber | undefined {
  if (right.unscaled === 0n) return undefined;
  if (left.unscaled === 0n) return { unscaled: 0n, scale: 0 };
  // Enough extra digits that the integer quotient has more than the digits we keep.
  const extra = Math.max(
    0,
    decimalDivisionDigits + 1 - digitCount(left.unscaled) + digitCount(right.unscaled),
  );
  const quotient = (left.unscaled * powerOfTen(extra)) / right.unscaled;
  const scale = left.scale - right.scale + extra;
  const excess = digitCount(quotient) - decimalDivisionDigits;
  if (excess <= 0) return { unscaled: quotient, scale };
  // Rounding the truncated quotient is exact for half-away-from-zero: the digits dropped
  // by the truncation can only make a value that is below one half stay below it.
  return { unscaled: roundDivideByPowerOfTen(quotient, excess), scale: scale - excess };
}

/** Remainder with the sign of the dividend; undefined for division by zero. */
export function remainderOfDecimals(
  left: DecimalNumber,
  right: DecimalNumber,
): DecimalNumber | undefined {
  if (right.unscaled === 0n) return undefined;
  const [leftUnscaled, rightUnscaled, scale] = aligned(left, right);
  return { unscaled: leftUnscaled % rightUnscaled, scale };
}

export function negateDecimal(value: DecimalNumber): DecimalNumber {
  return { unscaled: -value.unscaled, scale: value.scale };
}

/** Rounds to an integer, half away from zero. */
export function roundDecimal(value: DecimalNumber): DecimalNumber {
  if (value.scale <= 0) return value;
  return { unscaled: roundDivideByPowerOfTen(value.unscaled, value.scale), scale: 0 };
}

export function floorDecimal(value: DecimalNumber): DecimalNumber {
  if (value.scale <= 0) return value;
  const divisor = powerOfTen(value.scale);
  const quotient = value.unscaled / divisor;
  const adjusted = value.unscaled % divisor < 0n ? quotient - 1n : quotient;
  return { unscaled: adjusted, scale: 0 };
}

export function ceilingDecimal(value: DecimalNumber): DecimalNumber {
  if (value.scale <= 0) return value;
  const divisor = powerOfTen(value.scale);
  const quotient = value.unscaled / divisor;
  const adjusted = value.unscaled % divisor > 0n ? quotient + 1n : quotient;
  return { unscaled: adjusted, scale: 0 };
}

/** Rounds to `scale` fractional digits, half away from zero. */
export function roundDecimalToScale(value: DecimalNumber, scale: number): DecimalNumber {
  if (value.scale <= scale) return value;
  return { unscaled: roundDivideByPowerOfTen(value.unscaled, value.scale - scale), scale };
}

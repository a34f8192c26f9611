/**
 * Exact integer arithmetic on the integer representation (number when within ±(2^53-1),
 * bigint beyond): results never lose precision, whatever the declared integer type.
 * `div` truncates toward zero and `mod` takes the sign of the dividend, as OData (and
 * C, Java, JavaScript) define them. Division by zero returns undefined: the caller raises
 * the error, with its context.
 */
import { normalizeInteger } from './numeric-values.js';

export type IntegerValue = number | bigint;

function noNegativeZero(value: number): number {
  return value === 0 ? 0 : value;
}

export function addIntegers(left: IntegerValue, right: IntegerValue): IntegerValue {
  if (typeof left === 'number' && typeof right === 'number') {
    const sum = left + right;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return normalizeInteger(BigInt(left) + BigInt(right));
}

export function subtractIntegers(left: IntegerValue, right: IntegerValue): IntegerValue {
  if (typeof left === 'number' && typeof right === 'number') {
    const difference = left - right;
    if (Number.isSafeInteger(difference)) return noNegativeZero(difference);
  }
  return normalizeInteger(BigInt(left) - BigInt(right));
}

export function multiplyIntegers(left: IntegerValue, right: IntegerValue): IntegerValue {
  if (typeof left === 'number' && typeof right === 'number') {
    const product = left * right;
    if (Number.isSafeInteger(product)) return noNegativeZero(product);
  }
  return normalizeInteger(BigInt(left) * BigInt(right));
}

/** Truncating division; undefined when dividing by zero. */
export function divideIntegers(left: IntegerValue, right: IntegerValue): IntegerValue | undefined {
  if (right === 0 || right === 0n) return undefined;
  if (typeof left === 'number' && typeof right === 'number') {
    const quotient = Math.trunc(left / right);
    const remainder = left - quotient * right;
    // The float quotient is exact unless it was rounded onto the next integer: check it.
    if (Math.abs(remainder) < Math.abs(right) && (remainder === 0 || remainder > 0 === left > 0)) {
      return noNegativeZero(quotient);
    }
  }
  return normalizeInteger(BigInt(left) / BigInt(right));
}

/** Remainder with the sign of the dividend; undefined when dividing by zero. */
export function remainderOfIntegers(
  left: IntegerValue,
  right: IntegerValue,
): IntegerValue | undefined {
  if (right === 0 || right === 0n) return undefined;
  if (typeof left === 'number' && typeof right === 'number') return noNegativeZero(left % right);
  return normalizeInteger(BigInt(left) % BigInt(right));
}

export function negateInteger(value: IntegerValue): IntegerValue {
  if (typeof value === 'number') return noNegativeZero(-value);
  return normalizeInteger(-value);
}

/** Orders two integers exactly (number and bigint mixed). */
export function compareIntegers(left: IntegerValue, right: IntegerValue): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

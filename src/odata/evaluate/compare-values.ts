/**
 * Ordering of values of the EDM primitive types, shared by the filter's comparison
 * operators, $orderby and the planner's keyset paging:
 *
 * - numbers across numeric types (see numeric-values.ts for the domain): integers exactly
 *   (number and bigint mixed), decimals exactly (digit by digit on the text), doubles as
 *   IEEE 754 (a decimal compared with a double is promoted to double, as OData says);
 * - strings by Unicode code point (ordinal, case-sensitive), GUIDs ignoring case;
 * - false < true; binary byte by byte;
 * - Edm.Date by day, Edm.DateTimeOffset by instant (offsets normalised), Edm.TimeOfDay by
 *   time, Edm.Duration by length.
 *
 * A `Comparer` returns a negative number, 0 or a positive number, or NaN when the two
 * values are unordered (NaN, or a value that is not in its type's representation): every
 * comparison operator except `ne` is then false, as IEEE 754 and OData 4.01 define for NaN.
 * `compareValues` adds what sorting needs: a total order with null first and unordered
 * values last.
 */
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import { isNumericType } from '../edm/primitive-type.js';
import { compareBinary } from '../values/binary-text.js';
import { compareDates } from '../values/date-text.js';
import { compareDateTimeOffsets } from '../values/date-time-offset-text.js';
import { compareDecimalText } from '../values/decimal-text.js';
import { compareDurations } from '../values/duration-text.js';
import { compareGuids } from '../values/guid-text.js';
import { compareTimesOfDay } from '../values/time-of-day-text.js';
import type { PresentValue } from './compiled-expression.js';
import { numericDomainOf, toDecimalText, toDouble, type NumericDomain } from './numeric-values.js';

export type Comparer = (left: PresentValue, right: PresentValue) => number;

function adjustForCodePointOrder(code: number): number {
  // Surrogates (D800-DFFF) encode code points above FFFF: move them above E000-FFFF.
  return code >= 0xe000 ? code - 0x800 : code + 0x2000;
}

/** Orders strings by Unicode code point (not by UTF-16 code unit, as `<` does). */
export function compareStrings(left: string, right: string): number {
  if (left === right) return 0;
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    let leftCode = left.charCodeAt(index);
    let rightCode = right.charCodeAt(index);
    if (leftCode !== rightCode) {
      if (leftCode >= 0xd800 && rightCode >= 0xd800) {
        leftCode = adjustForCodePointOrder(leftCode);
        rightCode = adjustForCodePointOrder(rightCode);
      }
      return leftCode < rightCode ? -1 : 1;
    }
  }
  return left.length < right.length ? -1 : left.length > right.length ? 1 : 0;
}

/**
 * True when `<` orders this string by code point against any other string: it has no code
 * unit from U+D800 up, so wherever two strings first differ, one unit is below the
 * surrogates, where code unit order and code point order agree.
 */
export function ordersByCodePointWithAnyString(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) >= 0xd800) return false;
  }
  return true;
}

function orderNumbers(left: number, right: number): number {
  return left < right ? -1 : left > right ? 1 : left === right ? 0 : NaN;
}

/** Orders numbers and bigints exactly (JavaScript compares the two kinds exactly). */
function orderMixed(left: number | bigint, right: number | bigint): number {
  if (left < right) return -1;
  if (left > right) return 1;
  if (typeof left === 'number' && Number.isNaN(left)) return NaN;
  if (typeof right === 'number' && Number.isNaN(right)) return NaN;
  return 0;
}

const compareIntegerValues: Comparer = (left, right) => {
  if (typeof left === 'number' && typeof right === 'number') return orderNumbers(left, right);
  if (
    (typeof left === 'number' || typeof left === 'bigint') &&
    (typeof right === 'number' || typeof right === 'bigint')
  ) {
    return orderMixed(left, right);
  }
  return compareDecimalValues(left, right);
};

const compareDecimalValues: Comparer = (left, right) => {
  const leftText = typeof left === 'string' ? left : toDecimalText(left);
  const rightText = typeof right === 'string' ? right : toDecimalText(right);
  if (leftText === undefined || rightText === undefined) return NaN;
  return compareDecimalText(leftText, rightText);
};

const compareDoubleValues: Comparer = (left, right) => {
  if (typeof left === 'number' && typeof right === 'number') return orderNumbers(left, right);
  const leftNumber = typeof left === 'bigint' ? left : toDouble(left);
  const rightNumber = typeof right === 'bigint' ? right : toDouble(right);
  return orderMixed(leftNumber, rightNumber);
};

const numericComparers: Record<NumericDomain, Comparer> = {
  integer: compareIntegerValues,
  decimal: compareDecimalValues,
  double: compareDoubleValues,
};

const compareStringValues: Comparer = (left, right) =>
  typeof left === 'string' && typeof right === 'string' ? compareStrings(left, right) : NaN;

const compareGuidValues: Comparer = (left, right) =>
  typeof left === 'string' && typeof right === 'string' ? compareGuids(left, right) : NaN;

const compareBooleanValues: Comparer = (left, right) =>
  typeof left === 'boolean' && typeof right === 'boolean'
    ? left === right
      ? 0
      : left
        ? 1
        : -1
    : NaN;

function textComparer(compare: (left: string, right: string) => number): Comparer {
  return (left, right) =>
    typeof left === 'string' && typeof right === 'string' ? compare(left, right) : NaN;
}

const compareDateValues = textComparer(compareDates);
const compareDateTimeOffsetValues = textComparer(compareDateTimeOffsets);
const compareTimeOfDayValues = textComparer(compareTimesOfDay);
const compareDurationValues = textComparer(compareDurations);

const compareBinaryValues: Comparer = (left, right) =>
  left instanceof Uint8Array && right instanceof Uint8Array ? compareBinary(left, right) : NaN;

/** The comparer for two non-numeric types of the same kind, by type. */
const sameTypeComparers: Partial<Record<EdmPrimitiveType, Comparer>> = {
  'Edm.String': compareStringValues,
  'Edm.Guid': compareGuidValues,
  'Edm.Boolean': compareBooleanValues,
  'Edm.Date': compareDateValues,
  'Edm.DateTimeOffset': compareDateTimeOffsetValues,
  'Edm.TimeOfDay': compareTimeOfDayValues,
  'Edm.Duration': compareDurationValues,
  'Edm.Binary': compareBinaryValues,
};

/**
 * The comparer for values of the two types, or undefined when OData does not compare
 * them (e.g. a string with a number). A GUID compares with a string, ignoring case.
 */
export function comparerFor(left: EdmPrimitiveType, right: EdmPrimitiveType): Comparer | undefined {
  if (isNumericType(left) && isNumericType(right)) {
    return numericComparers[numericDomainOf(left, right)];
  }
  if (left === right) return sameTypeComparers[left];
  if (
    (left === 'Edm.Guid' && right === 'Edm.String') ||
    (left === 'Edm.String' && right === 'Edm.Guid')
  ) {
    return compareGuidValues;
  }
  return undefined;
}

/** An order over all values of a type: null first, unordered values (NaN...) last. */
export type OrderingComparer = (left: Value, right: Value) => number;

function isUnordered(comparer: Comparer, value: PresentValue): boolean {
  return Number.isNaN(comparer(value, value));
}

function orderCollections(
  comparer: Comparer,
  left: readonly Value[],
  right: readonly Value[],
): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const result = orderWith(comparer, left[index] ?? null, right[index] ?? null);
    if (result !== 0) return result;
  }
  return left.length - right.length;
}

function orderWith(comparer: Comparer, left: Value, right: Value): number {
  if (left === right) return 0;
  if (left === null) return -1;
  if (right === null) return 1;
  if (Array.isArray(left) || Array.isArray(right)) {
    return orderCollections(
      comparer,
      Array.isArray(left) ? left : [left],
      Array.isArray(right) ? right : [right],
    );
  }
  const result = comparer(left, right);
  if (result === result) return result < 0 ? -1 : result > 0 ? 1 : 0;
  const leftUnordered = isUnordered(comparer, left);
  const rightUnordered = isUnordered(comparer, right);
  if (leftUnordered === rightUnordered) return 0;
  return leftUnordered ? 1 : -1;
}

/**
 * The total order of `type` as a function (build once, call per pair of rows). Numbers and
 * strings in their usual representation compare inline; anything else (null, NaN, bigint,
 * collections) goes through the general order.
 */
export function orderingComparerFor(type: EdmPrimitiveType): OrderingComparer {
  const comparer = comparerFor(type, type) ?? compareStringValues;
  const general: OrderingComparer = (left, right) => orderWith(comparer, left, right);
  if (isNumericType(type) && type !== 'Edm.Decimal') {
    return (left, right) =>
      typeof left === 'number' && typeof right === 'number' && left === left && right === right
        ? left < right
          ? -1
          : left > right
            ? 1
            : 0
        : general(left, right);
  }
  if (type === 'Edm.String') {
    return (left, right) =>
      typeof left === 'string' && typeof right === 'string'
        ? compareStrings(left, right)
        : general(left, right);
  }
  return general;
}

const orderingComparers = new Map<EdmPrimitiveType, OrderingComparer>();

/**
 * Orders two values of `type` as $orderby does (ascending): null first, then the order
 * of the filter's `lt`/`gt`; values that the filter cannot order (NaN, INF's sibling
 * NaN in decimals, malformed text) after every other value, equal to each other. Returns
 * -1, 0 or 1. Collections compare element by element.
 */
export function compareValues(type: EdmPrimitiveType, left: Value, right: Value): number {
  let comparer = orderingComparers.get(type);
  if (comparer === undefined) {
    comparer = orderingComparerFor(type);
    orderingComparers.set(type, comparer);
  }
  return comparer(left, right);
}

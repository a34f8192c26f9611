/**
 * The conformance suite's own, deliberately simple evaluator of the conditions it
 * generates (comparisons, `in`, null tests on one column) with OData's rules: null equals
 * only null; an order comparison with null is false; numbers compare as numbers (decimals
 * exactly), date-times as instants, other texts by code unit. It is independent of the
 * connector under test and of the gateway's evaluator.
 */
import type { EdmPrimitiveType, Value } from '../../odata/edm/primitive-type.js';

function compareDecimals(left: string, right: string): number {
  const parse = (text: string) => {
    const negative = text.startsWith('-');
    const [whole = '0', fraction = ''] = text.replace(/^[-+]/, '').split('.');
    return {
      negative,
      whole: whole.replace(/^0+(?=\d)/, ''),
      fraction: fraction.replace(/0+$/, ''),
    };
  };
  const a = parse(left);
  const b = parse(right);
  const zero = (value: ReturnType<typeof parse>) =>
    /^0*$/.test(value.whole) && value.fraction === '';
  const signA = zero(a) ? 0 : a.negative ? -1 : 1;
  const signB = zero(b) ? 0 : b.negative ? -1 : 1;
  if (signA !== signB) return signA < signB ? -1 : 1;
  let magnitude: number;
  if (a.whole.length !== b.whole.length) magnitude = a.whole.length < b.whole.length ? -1 : 1;
  else if (a.whole !== b.whole) magnitude = a.whole < b.whole ? -1 : 1;
  else {
    const length = Math.max(a.fraction.length, b.fraction.length);
    const fa = a.fraction.padEnd(length, '0');
    const fb = b.fraction.padEnd(length, '0');
    magnitude = fa === fb ? 0 : fa < fb ? -1 : 1;
  }
  return signA < 0 ? -magnitude : magnitude;
}

/** Orders two non-null values of one type. */
export function compareNonNull(type: EdmPrimitiveType, left: Value, right: Value): number {
  if (type === 'Edm.Decimal') return compareDecimals(String(left), String(right));
  if (typeof left === 'number' || typeof left === 'bigint') {
    const a = typeof left === 'bigint' ? left : BigInt(Math.trunc(left));
    const b = typeof right === 'bigint' ? right : BigInt(Math.trunc(Number(right)));
    if (typeof left === 'number' && typeof right === 'number')
      return left < right ? -1 : left > right ? 1 : 0;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (type === 'Edm.DateTimeOffset') {
    const a = Date.parse(String(left));
    const b = Date.parse(String(right));
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const a = String(left);
  const b = String(right);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** OData order: null first. */
export function compareValuesNullsFirst(type: EdmPrimitiveType, left: Value, right: Value): number {
  if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1;
  return compareNonNull(type, left, right);
}

export type ReferenceOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export function referenceComparison(
  type: EdmPrimitiveType,
  operator: ReferenceOperator,
  value: Value,
  literal: Value,
): boolean {
  if (value === null || literal === null) {
    const equal = value === literal;
    if (operator === 'eq') return equal;
    if (operator === 'ne') return !equal;
    return false;
  }
  const order = compareNonNull(type, value, literal);
  switch (operator) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

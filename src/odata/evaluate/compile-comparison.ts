/**
 * The comparison operators (eq ne gt ge lt le) and `in`, per OData 4.01 §5.1.1.1:
 *
 * - `eq`/`ne` with null: null equals null and nothing else; `gt ge lt le` with a null
 *   operand are false. Comparisons never yield null.
 * - Values are ordered by compare-values.ts; NaN (and malformed values) are unordered:
 *   every operator but `ne` is false.
 * - `x in (a, b)` is `x eq a or x eq b` (so `null in (null)` is true).
 *
 * A column compared with a constant (the common residual filter) gets a closure that reads
 * the row cell and compares it inline for the column's usual JavaScript type, falling back
 * to the general comparer for other representations.
 */
import type { Row } from '../../connectors/connector.js';
import type { EdmPrimitiveType, PrimitiveValue } from '../edm/primitive-type.js';
import type { ComparisonNode, ComparisonOperator } from '../semantic/expression.js';
import {
  constantPredicate,
  derivedPredicate,
  fromPredicate,
  type CompileContext,
  type CompiledExpression,
  type PresentValue,
} from './compiled-expression.js';
import { comparerFor, ordersByCodePointWithAnyString, type Comparer } from './compare-values.js';
import { describeType, typeMismatch } from './evaluation-errors.js';
import { numericDomainOf, toDecimalText, toDouble } from './numeric-values.js';
import { isNumericType } from '../edm/primitive-type.js';
import { compareDecimalText } from '../values/decimal-text.js';
import {
  compareInstants,
  formatInstant,
  readDateTimeOffset,
  type Instant,
} from '../values/date-time-offset-text.js';
import { compareLengths, readDuration, type DurationLength } from '../values/duration-text.js';
import { createTemporalFields } from '../values/temporal-scanner.js';
import { timeOfDayNanoseconds } from '../values/time-of-day-text.js';

type StrictTest = (row: Row) => boolean;

const flipped: Record<ComparisonOperator, ComparisonOperator> = {
  eq: 'eq',
  ne: 'ne',
  gt: 'lt',
  ge: 'le',
  lt: 'gt',
  le: 'ge',
};

function strictPredicate(
  test: StrictTest,
  operands: readonly CompiledExpression[],
): CompiledExpression {
  return fromPredicate(derivedPredicate(test, test, operands));
}

function comparerOrThrow(
  operator: string,
  left: CompiledExpression,
  right: CompiledExpression,
  context: CompileContext,
): Comparer {
  const leftType = left.type.type;
  const rightType = right.type.type;
  const comparer =
    leftType === 'null' || rightType === 'null' || left.type.collection || right.type.collection
      ? undefined
      : comparerFor(leftType, rightType);
  if (comparer === undefined) {
    throw typeMismatch(
      `The operator '${operator}' cannot compare a value of type ${describeType(left.type)} with a value of type ${describeType(right.type)}.`,
      context.target,
    );
  }
  return comparer;
}

/** Comparison against the null literal: only a null test. */
function compileNullComparison(
  operator: ComparisonOperator,
  other: CompiledExpression,
): CompiledExpression {
  if (operator !== 'eq' && operator !== 'ne') {
    return fromPredicate(constantPredicate(false));
  }
  const index = other.columnIndex;
  const evaluate = other.evaluate;
  if (operator === 'eq') {
    return strictPredicate(
      index >= 0 ? (row) => row[index] == null : (row) => evaluate(row) === null,
      [other],
    );
  }
  return strictPredicate(
    index >= 0 ? (row) => row[index] != null : (row) => evaluate(row) !== null,
    [other],
  );
}

/** The general case: both operands evaluated, then compared. */
function generalTest(
  operator: ComparisonOperator,
  left: CompiledExpression,
  right: CompiledExpression,
  compare: Comparer,
): StrictTest {
  const leftEvaluate = left.evaluate;
  const rightEvaluate = right.evaluate;
  switch (operator) {
    case 'eq':
      return (row) => {
        const a = leftEvaluate(row);
        const b = rightEvaluate(row);
        return a === null || b === null ? a === b : compare(a, b) === 0;
      };
    case 'ne':
      return (row) => {
        const a = leftEvaluate(row);
        const b = rightEvaluate(row);
        return a === null || b === null ? a !== b : compare(a, b) !== 0;
      };
    case 'gt':
      return (row) => {
        const a = leftEvaluate(row);
        const b = rightEvaluate(row);
        return a !== null && b !== null && compare(a, b) > 0;
      };
    case 'ge':
      return (row) => {
        const a = leftEvaluate(row);
        const b = rightEvaluate(row);
        return a !== null && b !== null && compare(a, b) >= 0;
      };
    case 'lt':
      return (row) => {
        const a = leftEvaluate(row);
        const b = rightEvaluate(row);
        return a !== null && b !== null && compare(a, b) < 0;
      };
    case 'le':
      return (row) => {
        const a = leftEvaluate(row);
        const b = rightEvaluate(row);
        return a !== null && b !== null && compare(a, b) <= 0;
      };
  }
}

/** Column against a constant, with `compare(cell, constant)` for any representation. */
function columnTest(
  operator: ComparisonOperator,
  index: number,
  constant: PresentValue,
  compare: Comparer,
): StrictTest {
  switch (operator) {
    case 'eq':
      return (row) => {
        const v = row[index];
        return v != null && compare(v, constant) === 0;
      };
    case 'ne':
      return (row) => {
        const v = row[index];
        return v == null || compare(v, constant) !== 0;
      };
    case 'gt':
      return (row) => {
        const v = row[index];
        return v != null && compare(v, constant) > 0;
      };
    case 'ge':
      return (row) => {
        const v = row[index];
        return v != null && compare(v, constant) >= 0;
      };
    case 'lt':
      return (row) => {
        const v = row[index];
        return v != null && compare(v, constant) < 0;
      };
    case 'le':
      return (row) => {
        const v = row[index];
        return v != null && compare(v, constant) <= 0;
      };
  }
}

/** Column of numbers against a number constant: inline IEEE comparison (NaN-correct). */
function numberColumnTest(
  operator: ComparisonOperator,
  index: number,
  constant: number,
  compare: Comparer,
): StrictTest {
  switch (operator) {
    case 'eq':
      return (row) => {
        const v = row[index];
        return typeof v === 'number' ? v === constant : v != null && compare(v, constant) === 0;
      };
    case 'ne':
      return (row) => {
        const v = row[index];
        return typeof v === 'number' ? v !== constant : v == null || compare(v, constant) !== 0;
      };
    case 'gt':
      return (row) => {
        const v = row[index];
        return typeof v === 'number' ? v > constant : v != null && compare(v, constant) > 0;
      };
    case 'ge':
      return (row) => {
        const v = row[index];
        return typeof v === 'number' ? v >= constant : v != null && compare(v, constant) >= 0;
      };
    case 'lt':
      return (row) => {
        const v = row[index];
        return typeof v === 'number' ? v < constant : v != null && compare(v, constant) < 0;
      };
    case 'le':
      return (row) => {
        const v = row[index];
        return typeof v === 'number' ? v <= constant : v != null && compare(v, constant) <= 0;
      };
  }
}

/**
 * Column of strings against a string constant whose `<` order is the code point order
 * (no surrogates in the constant), or any string constant for eq/ne.
 */
function stringColumnTest(
  operator: ComparisonOperator,
  index: number,
  constant: string,
): StrictTest {
  switch (operator) {
    case 'eq':
      return (row) => row[index] === constant;
    case 'ne':
      return (row) => row[index] !== constant;
    case 'gt':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' && v > constant;
      };
    case 'ge':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' && v >= constant;
      };
    case 'lt':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' && v < constant;
      };
    case 'le':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' && v <= constant;
      };
  }
}

/** Column of decimal texts against a decimal text constant. */
function decimalColumnTest(
  operator: ComparisonOperator,
  index: number,
  constant: string,
  compare: Comparer,
): StrictTest {
  const general = columnTest(operator, index, constant, compare);
  switch (operator) {
    case 'gt':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' ? compareDecimalText(v, constant) > 0 : general(row);
      };
    case 'ge':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' ? compareDecimalText(v, constant) >= 0 : general(row);
      };
    case 'lt':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' ? compareDecimalText(v, constant) < 0 : general(row);
      };
    case 'le':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' ? compareDecimalText(v, constant) <= 0 : general(row);
      };
    default:
      return general;
  }
}

/** Column of texts against a constant, with `order(cell)` precomputed for the constant. */
function orderedTextColumnTest(
  operator: ComparisonOperator,
  index: number,
  order: (cell: string) => number,
): StrictTest {
  switch (operator) {
    case 'eq':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' && order(v) === 0;
      };
    case 'ne':
      return (row) => {
        const v = row[index];
        return typeof v !== 'string' || order(v) !== 0;
      };
    case 'gt':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' && order(v) > 0;
      };
    case 'ge':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' && order(v) >= 0;
      };
    case 'lt':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' && order(v) < 0;
      };
    case 'le':
      return (row) => {
        const v = row[index];
        return typeof v === 'string' && order(v) <= 0;
      };
  }
}

/**
 * How a cell compares with a temporal constant, parsing only the cell: date-times as
 * instants (UTC texts of the constant's shape compare as text), times of day as
 * nanoseconds, durations as lengths. Undefined when the constant is malformed.
 */
function temporalCellOrder(
  type: EdmPrimitiveType,
  constant: string,
): ((cell: string) => number) | undefined {
  if (type === 'Edm.DateTimeOffset') {
    const fields = createTemporalFields();
    const constantInstant: Instant = { epochSeconds: 0, nanoseconds: 0 };
    if (!readDateTimeOffset(constant, fields, constantInstant)) return undefined;
    const utc = formatInstant(constantInstant.epochSeconds, constantInstant.nanoseconds, 0);
    const textComparable =
      utc.charCodeAt(4) === 45 && utc.charCodeAt(10) === 84 && utc.endsWith('Z');
    const length = utc.length;
    const cellInstant: Instant = { epochSeconds: 0, nanoseconds: 0 };
    return (cell) => {
      if (
        textComparable &&
        cell.length === length &&
        cell.charCodeAt(length - 1) === 90 &&
        cell.charCodeAt(4) === 45 &&
        cell.charCodeAt(10) === 84
      ) {
        return cell < utc ? -1 : cell > utc ? 1 : 0;
      }
      if (!readDateTimeOffset(cell, fields, cellInstant)) return NaN;
      return compareInstants(cellInstant, constantInstant);
    };
  }
  if (type === 'Edm.TimeOfDay') {
    const nanoseconds = timeOfDayNanoseconds(constant);
    if (Number.isNaN(nanoseconds)) return undefined;
    return (cell) => {
      const value = timeOfDayNanoseconds(cell);
      return value < nanoseconds ? -1 : value > nanoseconds ? 1 : value === nanoseconds ? 0 : NaN;
    };
  }
  if (type === 'Edm.Duration') {
    const constantLength: DurationLength = { seconds: 0, nanoseconds: 0 };
    if (!readDuration(constant, constantLength)) return undefined;
    const cellLength: DurationLength = { seconds: 0, nanoseconds: 0 };
    return (cell) =>
      readDuration(cell, cellLength) ? compareLengths(cellLength, constantLength) : NaN;
  }
  return undefined;
}

/** The constant as a plain number when comparing it as one is exact, else undefined. */
function numberConstant(
  columnType: EdmPrimitiveType,
  constantType: EdmPrimitiveType,
  constant: PresentValue,
): number | undefined {
  if (!isNumericType(columnType) || !isNumericType(constantType)) return undefined;
  if (columnType === 'Edm.Decimal') return undefined;
  const domain = numericDomainOf(columnType, constantType);
  if (domain === 'double') {
    const number = typeof constant === 'bigint' ? undefined : toDouble(constant);
    return number;
  }
  if (typeof constant === 'number') return constant;
  if (typeof constant === 'string') {
    // An integer column against a decimal constant: exact when the double reads back as it.
    const number = Number(constant);
    return Number.isFinite(number) && compareDecimalText(String(number), constant) === 0
      ? number
      : undefined;
  }
  return undefined;
}

function specialisedColumnTest(
  operator: ComparisonOperator,
  column: CompiledExpression,
  constant: PresentValue,
  constantType: EdmPrimitiveType,
  compare: Comparer,
): StrictTest {
  const index = column.columnIndex;
  const columnType = column.type.type;
  if (columnType === 'null') return columnTest(operator, index, constant, compare);
  const number = numberConstant(columnType, constantType, constant);
  if (number !== undefined) return numberColumnTest(operator, index, number, compare);
  if (
    columnType === 'Edm.String' &&
    constantType === 'Edm.String' &&
    typeof constant === 'string' &&
    (operator === 'eq' || operator === 'ne' || ordersByCodePointWithAnyString(constant))
  ) {
    return stringColumnTest(operator, index, constant);
  }
  if (
    columnType === 'Edm.Decimal' &&
    isNumericType(constantType) &&
    numericDomainOf(columnType, constantType) === 'decimal'
  ) {
    // An integer constant becomes decimal text once, not per row.
    const text = typeof constant === 'string' ? constant : toDecimalText(constant);
    if (text !== undefined) return decimalColumnTest(operator, index, text, compare);
  }
  if (columnType === constantType && typeof constant === 'string') {
    const order = temporalCellOrder(columnType, constant);
    if (order !== undefined) return orderedTextColumnTest(operator, index, order);
  }
  if (columnType === 'Edm.Boolean' && (operator === 'eq' || operator === 'ne')) {
    return operator === 'eq' ? (row) => row[index] === constant : (row) => row[index] !== constant;
  }
  return columnTest(operator, index, constant, compare);
}

export function compileComparison(
  node: ComparisonNode,
  left: CompiledExpression,
  right: CompiledExpression,
  context: CompileContext,
): CompiledExpression {
  const operator = node.operator;
  if (left.type.type === 'null' || (left.constant && left.value === null)) {
    if (right.type.type === 'null' || (right.constant && right.value === null)) {
      return fromPredicate(constantPredicate(operator === 'eq'));
    }
    return compileNullComparison(operator, right);
  }
  if (right.type.type === 'null' || (right.constant && right.value === null)) {
    return compileNullComparison(operator, left);
  }
  const compare = comparerOrThrow(operator, left, right, context);
  if (left.columnIndex >= 0 && right.constant && right.value !== null) {
    const test = specialisedColumnTest(operator, left, right.value, right.type.type, compare);
    return strictPredicate(test, [left, right]);
  }
  if (right.columnIndex >= 0 && left.constant && left.value !== null) {
    const reversed = comparerOrThrow(operator, right, left, context);
    const test = specialisedColumnTest(
      flipped[operator],
      right,
      left.value,
      left.type.type,
      reversed,
    );
    return strictPredicate(test, [left, right]);
  }
  return strictPredicate(generalTest(operator, left, right, compare), [left, right]);
}

/** `operand in (values)`. */
export function compileIn(
  operand: CompiledExpression,
  values: readonly CompiledExpression[],
  context: CompileContext,
): CompiledExpression {
  if (operand.type.collection) {
    throw typeMismatch(
      `The operator 'in' cannot test a value of type ${describeType(operand.type)}.`,
      context.target,
    );
  }
  const nullOperand = operand.type.type === 'null';
  let includesNull = false;
  const members: { readonly value: CompiledExpression; readonly compare: Comparer }[] = [];
  for (const value of values) {
    if (value.type.type === 'null' || (value.constant && value.value === null)) {
      includesNull = true;
      continue;
    }
    if (nullOperand) continue;
    members.push({ value, compare: comparerOrThrow('in', operand, value, context) });
  }
  if (nullOperand) return fromPredicate(constantPredicate(includesNull));
  const evaluate = operand.evaluate;
  const allConstant = members.every((member) => member.value.constant);
  if (allConstant) {
    const constants = members.map((member) => member.value.value as PresentValue);
    const compares = members.map((member) => member.compare);
    const membership = exactMembershipSet(operand.type.type, members);
    const test: StrictTest =
      membership !== undefined
        ? (row) => {
            const v = evaluate(row);
            if (v === null) return includesNull;
            if (typeof v === membership.kind) {
              if (membership.set.has(v as PrimitiveValue) && v === v) return true;
              if (membership.complete) return false;
            }
            return linearMembership(v, constants, compares);
          }
        : (row) => {
            const v = evaluate(row);
            return v === null ? includesNull : linearMembership(v, constants, compares);
          };
    return strictPredicate(test, [operand, ...values]);
  }
  const memberEvaluates = members.map((member) => member.value.evaluate);
  const memberCompares = members.map((member) => member.compare);
  const test: StrictTest = (row) => {
    const v = evaluate(row);
    if (v === null) return includesNull;
    for (let index = 0; index < memberEvaluates.length; index++) {
      const memberEvaluate = memberEvaluates[index];
      const compare = memberCompares[index];
      if (memberEvaluate === undefined || compare === undefined) continue;
      const member = memberEvaluate(row);
      if (member !== null && compare(v, member) === 0) return true;
    }
    return false;
  };
  return strictPredicate(test, [operand, ...values]);
}

function linearMembership(
  value: PresentValue,
  constants: readonly PresentValue[],
  compares: readonly Comparer[],
): boolean {
  for (let index = 0; index < constants.length; index++) {
    const constant = constants[index];
    const compare = compares[index];
    if (constant !== undefined && compare !== undefined && compare(value, constant) === 0) {
      return true;
    }
  }
  return false;
}

interface MembershipSet {
  readonly set: ReadonlySet<PrimitiveValue>;
  /** The JavaScript type of the values the set holds. */
  readonly kind: 'string' | 'boolean' | 'number';
  /** True when the set holds every member: a miss is then a definite no. */
  readonly complete: boolean;
}

/**
 * A set for exact membership tests when equality is identity on the usual representation:
 * strings of a String operand, booleans, and numbers against a non-decimal numeric
 * operand. Members the set cannot hold (a bigint, a decimal text) make it incomplete: a
 * miss is then confirmed by comparing with each member.
 */
function exactMembershipSet(
  operandType: EdmPrimitiveType | 'null',
  members: readonly { readonly value: CompiledExpression }[],
): MembershipSet | undefined {
  const set = new Set<PrimitiveValue>();
  let complete = true;
  if (operandType === 'Edm.String' || operandType === 'Edm.Boolean') {
    const kind = operandType === 'Edm.String' ? 'string' : 'boolean';
    for (const member of members) {
      const constant = member.value.value;
      if (member.value.type.type !== operandType) return undefined;
      if (typeof constant !== 'string' && typeof constant !== 'boolean') return undefined;
      set.add(constant);
    }
    return { set, kind, complete };
  }
  if (operandType === 'null' || !isNumericType(operandType) || operandType === 'Edm.Decimal') {
    return undefined;
  }
  for (const member of members) {
    const constant = member.value.value;
    if (typeof constant === 'number' && member.value.type.type !== 'Edm.Decimal') {
      set.add(constant);
    } else {
      complete = false;
    }
  }
  return { set, kind: 'number', complete };
}

/**
 * The arithmetic operators (add sub mul div divby mod) and negation, per OData 4.01
 * §5.1.1.2, with null propagation (an operation with a null operand is null):
 *
 * - Numbers run in the domain of their promoted type (numeric-values.ts): integers exactly
 *   (`div` truncates toward zero; division by zero raises TSG230); decimals exactly (see
 *   decimal-arithmetic.ts; `divby` of integers is decimal division; division by zero
 *   raises TSG230); doubles as IEEE 754 (division by zero gives INF or NaN), rounded to
 *   float when neither operand is an Edm.Double.
 * - Dates, date-times and durations as temporal-arithmetic.ts describes.
 */
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import { isNumericType } from '../edm/primitive-type.js';
import type { ArithmeticNode, ArithmeticOperator, ExpressionType } from '../semantic/expression.js';
import { formatDecimal, type DecimalNumber } from '../values/decimal-text.js';
import {
  derivedExpression,
  type CompileContext,
  type CompiledExpression,
  type Evaluator,
} from './compiled-expression.js';
import {
  addDecimals,
  divideDecimals,
  multiplyDecimals,
  negateDecimal,
  remainderOfDecimals,
  subtractDecimals,
} from './decimal-arithmetic.js';
import { describeType, divisionByZero, typeMismatch } from './evaluation-errors.js';
import {
  addIntegers,
  divideIntegers,
  multiplyIntegers,
  negateInteger,
  remainderOfIntegers,
  subtractIntegers,
  type IntegerValue,
} from './integer-arithmetic.js';
import {
  doubleToDecimalText,
  isIntegerType,
  numericDomainOf,
  toDecimalNumber,
  toDouble,
  toInteger,
} from './numeric-values.js';
import {
  addDurations,
  addDurationToDate,
  addDurationToDateTimeOffset,
  divideDuration,
  multiplyDuration,
  negateDuration,
  subtractDates,
  subtractDateTimeOffsets,
} from './temporal-arithmetic.js';

type Operation = (left: Value, right: Value) => Value;

function scalar(type: EdmPrimitiveType): ExpressionType {
  return { type, collection: false };
}

/** Result type of an integer operation: the wider operand type. */
function widerInteger(left: EdmPrimitiveType, right: EdmPrimitiveType): EdmPrimitiveType {
  const order: readonly EdmPrimitiveType[] = [
    'Edm.Byte',
    'Edm.SByte',
    'Edm.Int16',
    'Edm.Int32',
    'Edm.Int64',
  ];
  return order.indexOf(left) >= order.indexOf(right) ? left : right;
}

function integerOperation(operator: ArithmeticOperator, target: string): Operation {
  const integers = (
    operate: (left: IntegerValue, right: IntegerValue) => IntegerValue | undefined,
  ): Operation => {
    return (left, right) => {
      const a = toInteger(left);
      const b = toInteger(right);
      if (a === undefined || b === undefined) return null;
      const result = operate(a, b);
      if (result === undefined) throw divisionByZero(operator, target);
      return result;
    };
  };
  switch (operator) {
    case 'add':
      return integers(addIntegers);
    case 'sub':
      return integers(subtractIntegers);
    case 'mul':
      return integers(multiplyIntegers);
    case 'div':
      return integers(divideIntegers);
    case 'mod':
      return integers(remainderOfIntegers);
    case 'divby':
      return decimalOperation(operator, target);
  }
}

function decimalOperation(operator: ArithmeticOperator, target: string): Operation {
  const exact = (
    operate: (left: DecimalNumber, right: DecimalNumber) => DecimalNumber | undefined,
    fallback: (left: number, right: number) => number,
  ): Operation => {
    return (left, right) => {
      const a = toDecimalNumber(left);
      const b = toDecimalNumber(right);
      if (a === undefined || b === undefined) {
        // INF, -INF or NaN (or a malformed value): IEEE semantics, as OData 4.01 allows.
        const leftNumber = toDouble(left);
        const rightNumber = toDouble(right);
        return doubleToDecimalText(fallback(leftNumber, rightNumber));
      }
      const result = operate(a, b);
      if (result === undefined) throw divisionByZero(operator, target);
      return formatDecimal(result.unscaled, result.scale);
    };
  };
  switch (operator) {
    case 'add':
      return exact(addDecimals, (a, b) => a + b);
    case 'sub':
      return exact(subtractDecimals, (a, b) => a - b);
    case 'mul':
      return exact(multiplyDecimals, (a, b) => a * b);
    case 'div':
    case 'divby':
      return exact(divideDecimals, (a, b) => a / b);
    case 'mod':
      return exact(remainderOfDecimals, (a, b) => a % b);
  }
}

function doubleOperation(operator: ArithmeticOperator, single: boolean): Operation {
  const round = single ? Math.fround : (value: number) => value;
  const doubles = (operate: (left: number, right: number) => number): Operation => {
    return (left, right) => round(operate(toDouble(left), toDouble(right)));
  };
  switch (operator) {
    case 'add':
      return doubles((a, b) => a + b);
    case 'sub':
      return doubles((a, b) => a - b);
    case 'mul':
      return doubles((a, b) => a * b);
    case 'div':
    case 'divby':
      return doubles((a, b) => a / b);
    case 'mod':
      return doubles((a, b) => a % b);
  }
}

function numericArithmetic(
  operator: ArithmeticOperator,
  leftType: EdmPrimitiveType,
  rightType: EdmPrimitiveType,
  target: string,
): { readonly type: EdmPrimitiveType; readonly operation: Operation } {
  const domain = numericDomainOf(leftType, rightType);
  if (domain === 'double') {
    const single = leftType !== 'Edm.Double' && rightType !== 'Edm.Double';
    return {
      type: single ? 'Edm.Single' : 'Edm.Double',
      operation: doubleOperation(operator, single),
    };
  }
  if (domain === 'decimal' || operator === 'divby') {
    return { type: 'Edm.Decimal', operation: decimalOperation(operator, target) };
  }
  return { type: widerInteger(leftType, rightType), operation: integerOperation(operator, target) };
}

function textOperands(operate: (left: string, right: string) => string | null): Operation {
  return (left, right) =>
    typeof left === 'string' && typeof right === 'string' ? operate(left, right) : null;
}

/** Temporal arithmetic for the operand types, or undefined when OData does not define it. */
function temporalArithmetic(
  operator: ArithmeticOperator,
  leftType: EdmPrimitiveType,
  rightType: EdmPrimitiveType,
  target: string,
): { readonly type: EdmPrimitiveType; readonly operation: Operation } | undefined {
  const additive = operator === 'add' || operator === 'sub';
  const sign = operator === 'sub' ? -1 : 1;
  if (additive && rightType === 'Edm.Duration') {
    if (leftType === 'Edm.DateTimeOffset') {
      return {
        type: 'Edm.DateTimeOffset',
        operation: textOperands((a, b) => addDurationToDateTimeOffset(a, b, sign)),
      };
    }
    if (leftType === 'Edm.Date') {
      return { type: 'Edm.Date', operation: textOperands((a, b) => addDurationToDate(a, b, sign)) };
    }
    if (leftType === 'Edm.Duration') {
      return { type: 'Edm.Duration', operation: textOperands((a, b) => addDurations(a, b, sign)) };
    }
  }
  if (operator === 'add' && leftType === 'Edm.Duration') {
    if (rightType === 'Edm.DateTimeOffset') {
      return {
        type: 'Edm.DateTimeOffset',
        operation: textOperands((a, b) => addDurationToDateTimeOffset(b, a, 1)),
      };
    }
    if (rightType === 'Edm.Date') {
      return { type: 'Edm.Date', operation: textOperands((a, b) => addDurationToDate(b, a, 1)) };
    }
  }
  if (operator === 'sub' && leftType === rightType) {
    if (leftType === 'Edm.DateTimeOffset') {
      return { type: 'Edm.Duration', operation: textOperands(subtractDateTimeOffsets) };
    }
    if (leftType === 'Edm.Date') {
      return { type: 'Edm.Duration', operation: textOperands(subtractDates) };
    }
  }
  if (operator === 'mul' && (leftType === 'Edm.Duration') !== (rightType === 'Edm.Duration')) {
    const durationOnLeft = leftType === 'Edm.Duration';
    const factorType = durationOnLeft ? rightType : leftType;
    if (!isNumericType(factorType)) return undefined;
    return {
      type: 'Edm.Duration',
      operation: (left, right) => {
        const duration = durationOnLeft ? left : right;
        const factor = toDecimalNumber(durationOnLeft ? right : left);
        return typeof duration === 'string' && factor !== undefined
          ? multiplyDuration(duration, factor)
          : null;
      },
    };
  }
  if (
    (operator === 'div' || operator === 'divby') &&
    leftType === 'Edm.Duration' &&
    isNumericType(rightType)
  ) {
    return {
      type: 'Edm.Duration',
      operation: (left, right) => {
        const divisor = toDecimalNumber(right);
        if (typeof left !== 'string' || divisor === undefined) return null;
        const result = divideDuration(left, divisor);
        if (result === undefined) throw divisionByZero(operator, target);
        return result;
      },
    };
  }
  return undefined;
}

export function compileArithmetic(
  node: ArithmeticNode,
  left: CompiledExpression,
  right: CompiledExpression,
  context: CompileContext,
): CompiledExpression {
  const operator = node.operator;
  const leftType = left.type.type;
  const rightType = right.type.type;
  if (left.type.collection || right.type.collection) {
    throw typeMismatch(
      `The operator '${operator}' cannot be applied to ${describeType(left.type)} and ${describeType(right.type)}.`,
      context.target,
    );
  }
  if (leftType === 'null' || rightType === 'null') {
    return derivedExpression(node.resultType, () => null, []);
  }
  const arithmetic =
    isNumericType(leftType) && isNumericType(rightType)
      ? numericArithmetic(operator, leftType, rightType, context.target)
      : temporalArithmetic(operator, leftType, rightType, context.target);
  if (arithmetic === undefined) {
    throw typeMismatch(
      `The operator '${operator}' cannot be applied to ${describeType(left.type)} and ${describeType(right.type)}.`,
      context.target,
    );
  }
  const operation = arithmetic.operation;
  const leftEvaluate = left.evaluate;
  const rightEvaluate = right.evaluate;
  const evaluate: Evaluator = (row) => {
    const a = leftEvaluate(row);
    if (a === null) return null;
    const b = rightEvaluate(row);
    if (b === null) return null;
    return operation(a, b);
  };
  return derivedExpression(scalar(arithmetic.type), evaluate, [left, right]);
}

export function compileNegate(
  operand: CompiledExpression,
  context: CompileContext,
): CompiledExpression {
  const type = operand.type.type;
  if (type === 'null') return derivedExpression(operand.type, () => null, []);
  let negate: ((value: Value) => Value) | undefined;
  if (!operand.type.collection) {
    if (isIntegerType(type)) {
      negate = (value) => {
        const integer = toInteger(value);
        return integer === undefined ? null : negateInteger(integer);
      };
    } else if (type === 'Edm.Decimal') {
      negate = (value) => {
        const decimal = toDecimalNumber(value);
        if (decimal !== undefined) {
          const negated = negateDecimal(decimal);
          return formatDecimal(negated.unscaled, negated.scale);
        }
        return doubleToDecimalText(-toDouble(value));
      };
    } else if (type === 'Edm.Double' || type === 'Edm.Single') {
      negate = (value) => -toDouble(value);
    } else if (type === 'Edm.Duration') {
      negate = (value) => (typeof value === 'string' ? negateDuration(value) : null);
    }
  }
  if (negate === undefined) {
    throw typeMismatch(
      `The operator '-' (negation) cannot be applied to ${describeType(operand.type)}.`,
      context.target,
    );
  }
  const operation = negate;
  const evaluate = operand.evaluate;
  return derivedExpression(
    operand.type,
    (row) => {
      const value = evaluate(row);
      return value === null ? null : operation(value);
    },
    [operand],
  );
}

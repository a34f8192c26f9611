/**
 * Type rules of the OData expression language (URL conventions 5.1.1): binary numeric
 * promotion, which types compare with which, arithmetic result types (including date and
 * duration arithmetic), and which casts exist between primitive types.
 */
import { integerTypes, isNumericType, type EdmPrimitiveType } from '../edm/primitive-type.js';
import type { ArithmeticOperator, ExpressionType } from '../semantic/expression.js';

/** Binary numeric promotion (URL conventions 5.1.1.1): the common type of two numeric operands. */
export function promoteNumeric(left: EdmPrimitiveType, right: EdmPrimitiveType): EdmPrimitiveType {
  if (left === right) return left;
  const either = (type: EdmPrimitiveType): boolean => left === type || right === type;
  if (either('Edm.Decimal') && !either('Edm.Single') && !either('Edm.Double')) return 'Edm.Decimal';
  if (either('Edm.Double')) return 'Edm.Double';
  if (either('Edm.Single')) return 'Edm.Single';
  if (either('Edm.Int64')) return 'Edm.Int64';
  if (either('Edm.Int32')) return 'Edm.Int32';
  return 'Edm.Int16';
}

/** Whether values of the two types can be compared (eq, ne, lt ...). `null` compares with anything. */
export function comparableTypes(
  left: EdmPrimitiveType | 'null',
  right: EdmPrimitiveType | 'null',
  ordering: boolean,
): boolean {
  if (left === 'null' || right === 'null') return true;
  if (ordering && (left === 'Edm.Binary' || right === 'Edm.Binary')) return false;
  if (left === right) return true;
  if (isNumericType(left) && isNumericType(right)) return true;
  return isDateAndDateTimeOffset(left, right);
}

export function isDateAndDateTimeOffset(left: EdmPrimitiveType, right: EdmPrimitiveType): boolean {
  return (
    (left === 'Edm.Date' && right === 'Edm.DateTimeOffset') ||
    (left === 'Edm.DateTimeOffset' && right === 'Edm.Date')
  );
}

/**
 * The result type of `left operator right`, or undefined when the operator does not apply.
 * Numbers promote; divby always divides exactly (Decimal unless a Double is involved).
 * Temporal arithmetic: DateTimeOffset/Date ± Duration, Duration ± Duration,
 * DateTimeOffset − DateTimeOffset and Date − Date (a Duration), Duration × / ÷ number.
 */
export function arithmeticResultType(
  operator: ArithmeticOperator,
  left: EdmPrimitiveType,
  right: EdmPrimitiveType,
): EdmPrimitiveType | undefined {
  if (isNumericType(left) && isNumericType(right)) {
    const promoted = promoteNumeric(left, right);
    if (operator === 'divby' && integerTypes.has(promoted)) return 'Edm.Decimal';
    return promoted;
  }
  const duration = 'Edm.Duration';
  switch (operator) {
    case 'add':
      if (
        right === duration &&
        (left === 'Edm.DateTimeOffset' || left === 'Edm.Date' || left === duration)
      ) {
        return left;
      }
      if (left === duration && (right === 'Edm.DateTimeOffset' || right === 'Edm.Date'))
        return right;
      return undefined;
    case 'sub':
      if (
        right === duration &&
        (left === 'Edm.DateTimeOffset' || left === 'Edm.Date' || left === duration)
      ) {
        return left;
      }
      if (left === right && (left === 'Edm.DateTimeOffset' || left === 'Edm.Date')) return duration;
      return undefined;
    case 'mul':
      if (left === duration && isNumericType(right)) return duration;
      if (right === duration && isNumericType(left)) return duration;
      return undefined;
    case 'div':
    case 'divby':
      return left === duration && isNumericType(right) ? duration : undefined;
    case 'mod':
      return undefined;
  }
}

/** The type of `-operand` (unary numeric promotion: small integers become Edm.Int32). */
export function negatedType(operand: EdmPrimitiveType): EdmPrimitiveType | undefined {
  if (operand === 'Edm.Byte' || operand === 'Edm.SByte' || operand === 'Edm.Int16')
    return 'Edm.Int32';
  if (isNumericType(operand) || operand === 'Edm.Duration') return operand;
  return undefined;
}

/** Whether `cast(value of from, to)` is defined between these primitive types. */
export function castAllowed(from: EdmPrimitiveType | 'null', to: EdmPrimitiveType): boolean {
  if (from === 'null' || from === to) return true;
  if (from === 'Edm.String' || to === 'Edm.String') return true;
  if (isNumericType(from) && isNumericType(to)) return true;
  return isDateAndDateTimeOffset(from, to);
}

/** `Edm.Int32`, `Collection(Edm.String)`, `null`. */
export function describeType(type: ExpressionType): string {
  return type.collection ? `Collection(${type.type})` : type.type;
}

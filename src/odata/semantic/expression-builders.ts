/**
 * Small functions that build bound expression nodes with their result types, for tests,
 * the planner (residual and rewritten filters) and anyone who needs an expression without
 * parsing a URL. Nodes are frozen like the binder's. Result types follow OData's rules:
 * numeric promotion (Byte/SByte < Int16 < Int32 < Int64 < Decimal < Single < Double),
 * `divby` of integers is Edm.Decimal, date/time arithmetic as in the URL conventions, and
 * each built-in function's return type.
 *
 *   and(gt(property(amount), literal('Edm.Int32', 100)), call('contains', property(name), literal('Edm.String', 'x')))
 */
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import { isNumericType } from '../edm/primitive-type.js';
import type { NavigationPropertyModel, PropertyModel } from '../edm/service-model.js';
import {
  booleanType,
  type ArithmeticNode,
  type ArithmeticOperator,
  type BoundExpression,
  type BuiltInFunction,
  type CastNode,
  type ComparisonNode,
  type ComparisonOperator,
  type CountNode,
  type ExpressionType,
  type FunctionCallNode,
  type InNode,
  type IsOfNode,
  type LambdaNode,
  type LiteralNode,
  type LogicalNode,
  type NavigationNode,
  type NegateNode,
  type NotNode,
  type PropertyNode,
} from './expression.js';

function expressionType(type: EdmPrimitiveType | 'null', collection = false): ExpressionType {
  return Object.freeze({ type, collection });
}

/**
 * A literal of `type`; an array value makes a collection literal (`["a","b"]`). The value
 * must already be in the in-memory representation (decimal text, bigint or number...).
 */
export function literal(type: EdmPrimitiveType, value: Value): LiteralNode {
  return Object.freeze({
    kind: 'literal',
    resultType: expressionType(type, Array.isArray(value)),
    value,
  });
}

/** The `null` literal (typed 'null' until compared). */
export function nullLiteral(): LiteralNode {
  return Object.freeze({ kind: 'literal', resultType: expressionType('null'), value: null });
}

/** A property of `$it`, or of the entity a range variable stands for. */
export function property(model: PropertyModel, variable: string | null = null): PropertyNode {
  return Object.freeze({
    kind: 'property',
    resultType: expressionType(model.type, model.collection),
    variable,
    property: model,
  });
}

/** A lambda's range variable standing for an element of a primitive collection (`t` in `Tags/any(t: t eq 'x')`). */
export function rangeVariable(name: string, elementType: EdmPrimitiveType): PropertyNode {
  return Object.freeze({
    kind: 'property',
    resultType: expressionType(elementType),
    variable: name,
    property: undefined,
  });
}

/** A path through a navigation property (`Customer/Name`, or the source of `Items/any(...)`). */
export function navigation(
  model: NavigationPropertyModel,
  next?: PropertyNode | NavigationNode,
  variable: string | null = null,
): NavigationNode {
  const resultType =
    next === undefined
      ? expressionType('null', model.collection)
      : expressionType(next.resultType.type, model.collection || next.resultType.collection);
  return Object.freeze({ kind: 'navigation', resultType, variable, navigation: model, next });
}

export function compare(
  operator: ComparisonOperator,
  left: BoundExpression,
  right: BoundExpression,
): ComparisonNode {
  return Object.freeze({ kind: 'comparison', resultType: booleanType, operator, left, right });
}

export const eq = (left: BoundExpression, right: BoundExpression): ComparisonNode =>
  compare('eq', left, right);
export const ne = (left: BoundExpression, right: BoundExpression): ComparisonNode =>
  compare('ne', left, right);
export const gt = (left: BoundExpression, right: BoundExpression): ComparisonNode =>
  compare('gt', left, right);
export const ge = (left: BoundExpression, right: BoundExpression): ComparisonNode =>
  compare('ge', left, right);
export const lt = (left: BoundExpression, right: BoundExpression): ComparisonNode =>
  compare('lt', left, right);
export const le = (left: BoundExpression, right: BoundExpression): ComparisonNode =>
  compare('le', left, right);

function logical(
  operator: 'and' | 'or',
  first: BoundExpression,
  rest: readonly BoundExpression[],
): BoundExpression {
  return rest.reduce<BoundExpression>(
    (left, right): LogicalNode =>
      Object.freeze({ kind: 'logical', resultType: booleanType, operator, left, right }),
    first,
  );
}

/** `a and b and c ...` (left-associative); one operand is returned as it is. */
export function and(first: BoundExpression, ...rest: BoundExpression[]): BoundExpression {
  return logical('and', first, rest);
}

/** `a or b or c ...` (left-associative); one operand is returned as it is. */
export function or(first: BoundExpression, ...rest: BoundExpression[]): BoundExpression {
  return logical('or', first, rest);
}

export function not(operand: BoundExpression): NotNode {
  return Object.freeze({ kind: 'not', resultType: booleanType, operand });
}

const numericRank: Partial<Record<EdmPrimitiveType, number>> = {
  'Edm.Byte': 1,
  'Edm.SByte': 1,
  'Edm.Int16': 2,
  'Edm.Int32': 3,
  'Edm.Int64': 4,
  'Edm.Decimal': 5,
  'Edm.Single': 6,
  'Edm.Double': 7,
};

/** The promoted type of two numeric types (the wider one). */
export function promoteNumericTypes(
  left: EdmPrimitiveType,
  right: EdmPrimitiveType,
): EdmPrimitiveType {
  return (numericRank[left] ?? 0) >= (numericRank[right] ?? 0) ? left : right;
}

/** The result type of `left operator right`, or 'null' when OData does not define it. */
export function arithmeticResultType(
  operator: ArithmeticOperator,
  left: EdmPrimitiveType | 'null',
  right: EdmPrimitiveType | 'null',
): EdmPrimitiveType | 'null' {
  if (left === 'null') return right === 'null' ? 'null' : right;
  if (right === 'null') return left;
  if (isNumericType(left) && isNumericType(right)) {
    const promoted = promoteNumericTypes(left, right);
    return operator === 'divby' && (numericRank[promoted] ?? 0) <= 4 ? 'Edm.Decimal' : promoted;
  }
  if (operator === 'add' || operator === 'sub') {
    if (right === 'Edm.Duration') {
      if (left === 'Edm.DateTimeOffset' || left === 'Edm.Date' || left === 'Edm.Duration') {
        return left;
      }
    }
    if (operator === 'add' && left === 'Edm.Duration') {
      if (right === 'Edm.DateTimeOffset' || right === 'Edm.Date') return right;
    }
    if (
      operator === 'sub' &&
      left === right &&
      (left === 'Edm.DateTimeOffset' || left === 'Edm.Date')
    ) {
      return 'Edm.Duration';
    }
  }
  if (operator === 'mul' && (left === 'Edm.Duration' || right === 'Edm.Duration')) {
    return 'Edm.Duration';
  }
  if ((operator === 'div' || operator === 'divby') && left === 'Edm.Duration') {
    return 'Edm.Duration';
  }
  return 'null';
}

export function arithmetic(
  operator: ArithmeticOperator,
  left: BoundExpression,
  right: BoundExpression,
): ArithmeticNode {
  const type = arithmeticResultType(operator, left.resultType.type, right.resultType.type);
  return Object.freeze({
    kind: 'arithmetic',
    resultType: expressionType(type),
    operator,
    left,
    right,
  });
}

export function negate(operand: BoundExpression): NegateNode {
  return Object.freeze({ kind: 'negate', resultType: operand.resultType, operand });
}

/** `operand in (values...)`. */
export function inList(operand: BoundExpression, values: readonly BoundExpression[]): InNode {
  return Object.freeze({
    kind: 'in',
    resultType: booleanType,
    operand,
    values: Object.freeze([...values]),
  });
}

const fixedResultTypes: Partial<Record<BuiltInFunction, EdmPrimitiveType>> = {
  contains: 'Edm.Boolean',
  startswith: 'Edm.Boolean',
  endswith: 'Edm.Boolean',
  matchesPattern: 'Edm.Boolean',
  hassubset: 'Edm.Boolean',
  hassubsequence: 'Edm.Boolean',
  length: 'Edm.Int32',
  indexof: 'Edm.Int32',
  tolower: 'Edm.String',
  toupper: 'Edm.String',
  trim: 'Edm.String',
  year: 'Edm.Int32',
  month: 'Edm.Int32',
  day: 'Edm.Int32',
  hour: 'Edm.Int32',
  minute: 'Edm.Int32',
  second: 'Edm.Int32',
  fractionalseconds: 'Edm.Decimal',
  totalseconds: 'Edm.Decimal',
  date: 'Edm.Date',
  time: 'Edm.TimeOfDay',
  totaloffsetminutes: 'Edm.Int32',
  now: 'Edm.DateTimeOffset',
  maxdatetime: 'Edm.DateTimeOffset',
  mindatetime: 'Edm.DateTimeOffset',
};

/** The result type of a call of a built-in function with these arguments. */
export function functionResultType(
  name: BuiltInFunction,
  args: readonly BoundExpression[],
): ExpressionType {
  const fixed = fixedResultTypes[name];
  if (fixed !== undefined) return expressionType(fixed);
  const first = args[0]?.resultType ?? expressionType('null');
  switch (name) {
    case 'substring':
      return first.collection ? first : expressionType('Edm.String');
    case 'concat': {
      const collection = args.find((arg) => arg.resultType.collection);
      return collection !== undefined ? collection.resultType : expressionType('Edm.String');
    }
    default:
      // round, floor, ceiling: the argument's type.
      return first;
  }
}

export function call(name: BuiltInFunction, ...args: BoundExpression[]): FunctionCallNode {
  return Object.freeze({
    kind: 'call',
    resultType: functionResultType(name, args),
    name,
    args: Object.freeze(args),
  });
}

export function cast(operand: BoundExpression, targetType: EdmPrimitiveType): CastNode {
  return Object.freeze({
    kind: 'cast',
    resultType: expressionType(targetType),
    operand,
    targetType,
  });
}

export function isOf(operand: BoundExpression, targetType: EdmPrimitiveType): IsOfNode {
  return Object.freeze({ kind: 'isof', resultType: booleanType, operand, targetType });
}

/** `source/any(variable: predicate)`, or `source/any()` without arguments. */
export function any(
  source: PropertyNode | NavigationNode,
  variable?: string,
  predicate?: BoundExpression,
): LambdaNode {
  return Object.freeze({
    kind: 'lambda',
    resultType: booleanType,
    operator: 'any',
    source,
    variable,
    predicate,
  });
}

/** `source/all(variable: predicate)`. */
export function all(
  source: PropertyNode | NavigationNode,
  variable: string,
  predicate: BoundExpression,
): LambdaNode {
  return Object.freeze({
    kind: 'lambda',
    resultType: booleanType,
    operator: 'all',
    source,
    variable,
    predicate,
  });
}

/** `source/$count`. */
export function count(source: PropertyNode | NavigationNode): CountNode {
  return Object.freeze({ kind: 'count', resultType: expressionType('Edm.Int32'), source });
}

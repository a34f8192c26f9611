/**
 * The compiler's intermediate form: an expression turned into a closure over a row, plus
 * what the compiler knows statically about it (its type, whether it is a constant, whether
 * it reads one column as is, whether a boolean result can be null). Parents use that
 * knowledge to pick specialised closures (e.g. "column > constant") and to fold constants.
 */
import type { Row } from '../../connectors/connector.js';
import type { PrimitiveValue, Value } from '../edm/primitive-type.js';
import type { ExpressionType } from '../semantic/expression.js';
import type { EvaluationOptions } from './evaluation-options.js';

export type Evaluator = (row: Row) => Value;

/** A boolean expression in three-valued logic: true, false or null (unknown). */
export type Test = (row: Row) => boolean | null;

/** A value that is not null. */
export type PresentValue = PrimitiveValue | readonly PrimitiveValue[];

export interface CompiledPredicate {
  readonly test: Test;
  /** The same test when it never yields null (comparisons, in, lambdas, isof). */
  readonly strictTest: ((row: Row) => boolean) | undefined;
  /** Set when the result does not depend on the row. */
  readonly constant: boolean;
  readonly value: boolean | null;
}

export interface CompiledExpression {
  readonly type: ExpressionType;
  readonly evaluate: Evaluator;
  /** True when `evaluate` ignores the row; `value` is then its result. */
  readonly constant: boolean;
  readonly value: Value;
  /** The column index when the expression reads one column of `$it` as is, else -1. */
  readonly columnIndex: number;
  /** Set for boolean expressions compiled as predicates. */
  readonly predicate: CompiledPredicate | undefined;
}

/** One slot per lambda variable; the lambda writes the current element into it. */
export interface VariableSlot {
  value: PrimitiveValue | null;
}

export interface LambdaScope {
  readonly name: string;
  readonly slot: VariableSlot;
  readonly elementType: ExpressionType;
  readonly parent: LambdaScope | undefined;
}

export interface CompileContext {
  readonly options: EvaluationOptions;
  /** Query option that errors name as target. */
  readonly target: string;
  readonly scope: LambdaScope | undefined;
}

const emptyRow: Row = Object.freeze([]);

export function constantExpression(type: ExpressionType, value: Value): CompiledExpression {
  const predicate =
    type.type === 'Edm.Boolean' &&
    !type.collection &&
    (value === null || typeof value === 'boolean')
      ? constantPredicate(value)
      : undefined;
  return {
    type,
    evaluate: () => value,
    constant: true,
    value,
    columnIndex: -1,
    predicate,
  };
}

export function constantPredicate(value: boolean | null): CompiledPredicate {
  return {
    test: () => value,
    strictTest: value === null ? undefined : () => value,
    constant: true,
    value,
  };
}

export function columnExpression(type: ExpressionType, columnIndex: number): CompiledExpression {
  return {
    type,
    evaluate: (row) => row[columnIndex] ?? null,
    constant: false,
    value: null,
    columnIndex,
    predicate: undefined,
  };
}

/**
 * An expression computed from `operands`: folded into a constant when every operand is
 * one and evaluating it succeeds (an error, e.g. division by zero, is left to be raised
 * when rows are evaluated).
 */
export function derivedExpression(
  type: ExpressionType,
  evaluate: Evaluator,
  operands: readonly CompiledExpression[],
): CompiledExpression {
  if (operands.every((operand) => operand.constant)) {
    try {
      return constantExpression(type, evaluate(emptyRow));
    } catch {
      // Raised again for each row, when the expression is evaluated.
    }
  }
  return { type, evaluate, constant: false, value: null, columnIndex: -1, predicate: undefined };
}

/** An expression that depends on the row (or on a lambda variable): never folded. */
export function dynamicExpression(type: ExpressionType, evaluate: Evaluator): CompiledExpression {
  return { type, evaluate, constant: false, value: null, columnIndex: -1, predicate: undefined };
}

/** A boolean expression from a test; `strictTest` when it never yields null. */
export function predicateExpression(
  test: Test,
  strictTest: ((row: Row) => boolean) | undefined,
  operands: readonly (CompiledExpression | CompiledPredicate)[],
): CompiledExpression {
  const predicate = derivedPredicate(test, strictTest, operands);
  return fromPredicate(predicate);
}

export function derivedPredicate(
  test: Test,
  strictTest: ((row: Row) => boolean) | undefined,
  operands: readonly (CompiledExpression | CompiledPredicate)[],
): CompiledPredicate {
  if (operands.every((operand) => operand.constant)) {
    try {
      return constantPredicate(test(emptyRow));
    } catch {
      // Raised again when rows are evaluated.
    }
  }
  return { test, strictTest, constant: false, value: null };
}

export const booleanExpressionType: ExpressionType = Object.freeze({
  type: 'Edm.Boolean',
  collection: false,
});

export function fromPredicate(predicate: CompiledPredicate): CompiledExpression {
  return {
    type: booleanExpressionType,
    evaluate: predicate.test,
    constant: predicate.constant,
    value: predicate.value,
    columnIndex: -1,
    predicate,
  };
}

export function isCollectionValue(value: Value | undefined): value is readonly PrimitiveValue[] {
  return Array.isArray(value);
}

/**
 * compileValue: turns a bound expression of any type into a function computing its value
 * for a row (in the representation of ../edm/primitive-type.ts), e.g. for $orderby by an
 * expression. Booleans come out as true, false or null.
 */
import type { Row } from '../../connectors/connector.js';
import type { Value } from '../edm/primitive-type.js';
import type { BoundExpression, ExpressionType } from '../semantic/expression.js';
import { compileExpression } from './compile-expression.js';
import type { EvaluationOptions } from './evaluation-options.js';

export interface CompiledValue {
  readonly evaluate: (row: Row) => Value;
  /** The type of the values `evaluate` returns (what to compare them with). */
  readonly type: ExpressionType;
}

/** Compiles `expression` into a function of the row. Errors as for compileFilter. */
export function compileValue(
  expression: BoundExpression,
  options: EvaluationOptions,
): (row: Row) => Value {
  return compileTypedValue(expression, options).evaluate;
}

/** compileValue plus the type of the results (the evaluator's view after promotion). */
export function compileTypedValue(
  expression: BoundExpression,
  options: EvaluationOptions,
): CompiledValue {
  const compiled = compileExpression(expression, {
    options,
    target: options.target ?? '$orderby',
    scope: undefined,
  });
  return { evaluate: compiled.evaluate, type: compiled.type };
}

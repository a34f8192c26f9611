/**
 * compileFilter: turns a bound $filter expression (or the residual part of one that a
 * connector could not apply) into a row test, compiled once per request and run per row.
 * A row is kept only when the expression is true (not false, not null).
 */
import type { Row } from '../../connectors/connector.js';
import type { BoundExpression } from '../semantic/expression.js';
import { compilePredicate } from './compile-expression.js';
import type { EvaluationOptions } from './evaluation-options.js';

/**
 * Compiles `expression` into a function that says whether a row passes the filter.
 * Throws a TsunagiError when the expression cannot be evaluated by the gateway (TSG210 for
 * navigation, TSG203 for incompatible types, TSG207 when it is not boolean, TSG231 for an
 * invalid matchesPattern literal...); the returned function throws TSG230 (division by
 * zero) or TSG232 (invalid function argument) for a row whose values make the expression
 * undefined.
 */
export function compileFilter(
  expression: BoundExpression,
  options: EvaluationOptions,
): (row: Row) => boolean {
  const predicate = compilePredicate(expression, {
    options,
    target: options.target ?? '$filter',
    scope: undefined,
  });
  if (predicate.constant) {
    const keep = predicate.value === true;
    return () => keep;
  }
  if (predicate.strictTest !== undefined) return predicate.strictTest;
  const test = predicate.test;
  return (row) => test(row) === true;
}

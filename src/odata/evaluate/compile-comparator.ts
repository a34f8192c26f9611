/**
 * compileComparator: the row order of an $orderby, for sorting rows in the gateway when
 * the source did not. Keys compare as compare-values.ts orders their type (null first in
 * ascending order, hence last in descending order); later keys break ties of earlier ones,
 * and rows equal on every key compare as 0 (Array.prototype.sort is stable, so they keep
 * the source's order).
 */
import type { Row } from '../../connectors/connector.js';
import type { Value } from '../edm/primitive-type.js';
import type { OrderByItem } from '../semantic/order-by.js';
import { compileExpression } from './compile-expression.js';
import { orderingComparerFor, type OrderingComparer } from './compare-values.js';
import { describeType, typeMismatch } from './evaluation-errors.js';
import type { EvaluationOptions } from './evaluation-options.js';

export type RowComparator = (left: Row, right: Row) => number;

function keyComparator(
  evaluate: (row: Row) => Value,
  columnIndex: number,
  order: OrderingComparer,
  descending: boolean,
): RowComparator {
  if (columnIndex >= 0) {
    return descending
      ? (left, right) => 0 - order(left[columnIndex] ?? null, right[columnIndex] ?? null)
      : (left, right) => order(left[columnIndex] ?? null, right[columnIndex] ?? null);
  }
  return descending
    ? (left, right) => 0 - order(evaluate(left), evaluate(right))
    : (left, right) => order(evaluate(left), evaluate(right));
}

/**
 * Compiles order-by items into a comparator of rows (negative: `left` first). Throws
 * TSG203 for a collection-valued key and TSG210 for a key through navigation. Expression
 * keys are evaluated at each comparison: to sort many rows by an expensive expression,
 * compute the keys once with compileValue and sort them with compareValues.
 */
export function compileComparator(
  orderBy: readonly OrderByItem[],
  options: EvaluationOptions,
): RowComparator {
  const context = { options, target: options.target ?? '$orderby', scope: undefined };
  const keys: RowComparator[] = [];
  for (const item of orderBy) {
    const compiled = compileExpression(item.expression, context);
    if (compiled.type.collection) {
      throw typeMismatch(
        `$orderby cannot sort by a value of type ${describeType(compiled.type)}.`,
        context.target,
      );
    }
    // A constant key (or null) orders nothing.
    if (compiled.constant || compiled.type.type === 'null') continue;
    keys.push(
      keyComparator(
        compiled.evaluate,
        compiled.columnIndex,
        orderingComparerFor(compiled.type.type),
        item.direction === 'desc',
      ),
    );
  }
  const [first, second] = keys;
  if (first === undefined) return () => 0;
  if (second === undefined) return first;
  if (keys.length === 2) {
    return (left, right) => first(left, right) || second(left, right);
  }
  return (left, right) => {
    for (const key of keys) {
      const result = key(left, right);
      if (result !== 0) return result;
    }
    return 0;
  };
}

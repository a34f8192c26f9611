/**
 * The keyset predicate of a page: "this row comes after the last row delivered" in the
 * total order of the query, with OData's null ordering (null first ascending, last
 * descending). For order keys e1..en with last values v1..vn it is the disjunction over i
 * of (e1 = v1 and ... and e(i-1) = v(i-1) and ei after vi). Sources that can filter on the
 * order keys push it down and seek; the others have the gateway evaluate it.
 */
import type { Value } from '../edm/primitive-type.js';
import type { BoundExpression } from '../semantic/expression.js';
import type { OrderByItem } from '../semantic/order-by.js';
import { andNode, comparisonNode, literalNode, orNode } from './expression-nodes.js';

function valueLiteral(item: OrderByItem, value: Value): BoundExpression {
  const type = item.expression.resultType.type;
  return value === null ? literalNode('null', null) : literalNode(type, value);
}

/** `expression comes strictly after value` in the item's direction; undefined when nothing can. */
function after(item: OrderByItem, value: Value): BoundExpression | undefined {
  const expression = item.expression;
  if (item.direction === 'asc') {
    // Ascending: null first; after null comes every non-null value.
    return value === null
      ? comparisonNode('ne', expression, literalNode('null', null))
      : comparisonNode('gt', expression, valueLiteral(item, value));
  }
  // Descending: null last; nothing comes after null.
  if (value === null) return undefined;
  return orNode(
    comparisonNode('lt', expression, valueLiteral(item, value)),
    comparisonNode('eq', expression, literalNode('null', null)),
  );
}

export function keysetPredicate(
  orderBy: readonly OrderByItem[],
  values: readonly Value[],
): BoundExpression {
  if (values.length !== orderBy.length) throw new Error('keyset values do not match the order');
  let disjunction: BoundExpression | undefined;
  let equalPrefix: BoundExpression | undefined;
  orderBy.forEach((item, index) => {
    const value = values[index] ?? null;
    const strictlyAfter = after(item, value);
    if (strictlyAfter !== undefined) {
      const term = equalPrefix === undefined ? strictlyAfter : andNode(equalPrefix, strictlyAfter);
      disjunction = disjunction === undefined ? term : orNode(disjunction, term);
    }
    const equal = comparisonNode('eq', item.expression, valueLiteral(item, value));
    equalPrefix = equalPrefix === undefined ? equal : andNode(equalPrefix, equal);
  });
  // Only reachable when every key is null and descending: no row can follow.
  return (
    disjunction ??
    comparisonNode('eq', literalNode('Edm.Boolean', true), literalNode('Edm.Boolean', false))
  );
}

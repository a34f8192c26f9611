/**
 * Small constructors for the bound expression nodes the planner adds itself: the
 * conjunction of filters, key equality for entity reads, and keyset predicates for paging.
 */
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import type { PropertyModel } from '../edm/service-model.js';
import {
  booleanType,
  type BoundExpression,
  type ComparisonOperator,
  type LiteralNode,
  type PropertyNode,
} from '../semantic/expression.js';

export function literalNode(type: EdmPrimitiveType | 'null', value: Value): LiteralNode {
  return Object.freeze({ kind: 'literal', resultType: { type, collection: false }, value });
}

export function propertyNode(property: PropertyModel): PropertyNode {
  return Object.freeze({
    kind: 'property',
    resultType: { type: property.type, collection: property.collection },
    variable: null,
    property,
  });
}

export function comparisonNode(
  operator: ComparisonOperator,
  left: BoundExpression,
  right: BoundExpression,
): BoundExpression {
  return Object.freeze({ kind: 'comparison', resultType: booleanType, operator, left, right });
}

export function inNode(
  operand: BoundExpression,
  values: readonly BoundExpression[],
): BoundExpression {
  return Object.freeze({
    kind: 'in',
    resultType: booleanType,
    operand,
    values: Object.freeze([...values]),
  });
}

export function andNode(left: BoundExpression, right: BoundExpression): BoundExpression {
  return Object.freeze({ kind: 'logical', resultType: booleanType, operator: 'and', left, right });
}

export function orNode(left: BoundExpression, right: BoundExpression): BoundExpression {
  return Object.freeze({ kind: 'logical', resultType: booleanType, operator: 'or', left, right });
}

/** The conjunction of the defined expressions, or undefined when there is none. */
export function conjunction(
  ...expressions: readonly (BoundExpression | undefined)[]
): BoundExpression | undefined {
  let result: BoundExpression | undefined;
  for (const expression of expressions) {
    if (expression === undefined) continue;
    result = result === undefined ? expression : andNode(result, expression);
  }
  return result;
}

/** Splits a conjunction into its conjuncts (`a and (b and c)` → [a, b, c]). */
export function conjuncts(expression: BoundExpression | undefined): BoundExpression[] {
  if (expression === undefined) return [];
  if (expression.kind === 'logical' && expression.operator === 'and') {
    return [...conjuncts(expression.left), ...conjuncts(expression.right)];
  }
  return [expression];
}

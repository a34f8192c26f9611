/**
 * The column ordinals an expression reads from the row in scope ($it), so that scans
 * fetch them. Lambda bodies read elements, not columns, except through outer references.
 */
import {
  visitExpression,
  type BoundExpression,
  type ExpressionVisitor,
} from '../semantic/expression.js';

export function expressionColumns(expression: BoundExpression): Set<number> {
  const columns = new Set<number>();
  const visitor: ExpressionVisitor<void> = {
    literal: () => undefined,
    property: (node) => {
      if (node.variable === null && node.property !== undefined)
        columns.add(node.property.columnIndex);
    },
    // Navigation is never evaluated by the gateway (the evaluator refuses it), so it needs no columns.
    navigation: () => undefined,
    comparison: (node) => {
      visitExpression(node.left, visitor);
      visitExpression(node.right, visitor);
    },
    logical: (node) => {
      visitExpression(node.left, visitor);
      visitExpression(node.right, visitor);
    },
    not: (node) => visitExpression(node.operand, visitor),
    arithmetic: (node) => {
      visitExpression(node.left, visitor);
      visitExpression(node.right, visitor);
    },
    negate: (node) => visitExpression(node.operand, visitor),
    in: (node) => {
      visitExpression(node.operand, visitor);
      for (const value of node.values) visitExpression(value, visitor);
    },
    call: (node) => {
      for (const argument of node.args) visitExpression(argument, visitor);
    },
    cast: (node) => visitExpression(node.operand, visitor),
    isof: (node) => visitExpression(node.operand, visitor),
    lambda: (node) => {
      visitExpression(node.source, visitor);
      if (node.predicate !== undefined) visitExpression(node.predicate, visitor);
    },
    count: (node) => visitExpression(node.source, visitor),
  };
  visitExpression(expression, visitor);
  return columns;
}

/**
 * The executor's access to the expression evaluator: compiled row predicates, comparators
 * and value readers. TEMPORARY minimal implementation (property/literal comparisons,
 * and/or/not) until the full evaluator in src/odata/evaluate/ is merged; then this file
 * only re-exports it.
 */
import type { Row } from '../../connectors/connector.js';
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import type { BoundExpression } from '../semantic/expression.js';
import type { OrderByItem } from '../semantic/order-by.js';
import type { SearchExpression } from '../semantic/search.js';

export interface EvaluationOptions {
  readonly now: Date;
}

export function compareValues(_type: EdmPrimitiveType | 'null', left: Value, right: Value): number {
  if (left === right) return 0;
  if (left === null) return -1;
  if (right === null) return 1;
  return (left as number) < (right as number) ? -1 : (left as number) > (right as number) ? 1 : 0;
}

export function compileValue(
  expression: BoundExpression,
  _options: EvaluationOptions,
): (row: Row) => Value {
  if (expression.kind === 'literal') return () => expression.value;
  if (expression.kind === 'property' && expression.property !== undefined) {
    const index = expression.property.columnIndex;
    return (row) => row[index] ?? null;
  }
  throw new Error(`temporary evaluator: ${expression.kind} not supported`);
}

export function compileFilter(
  expression: BoundExpression,
  options: EvaluationOptions,
): (row: Row) => boolean {
  switch (expression.kind) {
    case 'logical': {
      const left = compileFilter(expression.left, options);
      const right = compileFilter(expression.right, options);
      return expression.operator === 'and'
        ? (row) => left(row) && right(row)
        : (row) => left(row) || right(row);
    }
    case 'not': {
      const operand = compileFilter(expression.operand, options);
      return (row) => !operand(row);
    }
    case 'comparison': {
      const left = compileValue(expression.left, options);
      const right = compileValue(expression.right, options);
      const type = expression.left.resultType.type;
      const operator = expression.operator;
      return (row) => {
        const a = left(row);
        const b = right(row);
        if (operator === 'eq') return compareValues(type, a, b) === 0;
        if (operator === 'ne') return compareValues(type, a, b) !== 0;
        if (a === null || b === null) return false;
        const order = compareValues(type, a, b);
        return operator === 'gt'
          ? order > 0
          : operator === 'ge'
            ? order >= 0
            : operator === 'lt'
              ? order < 0
              : order <= 0;
      };
    }
    default:
      throw new Error(`temporary evaluator: ${expression.kind} not supported`);
  }
}

export function compileComparator(
  orderBy: readonly OrderByItem[],
  options: EvaluationOptions,
): (a: Row, b: Row) => number {
  const keys = orderBy.map((item) => ({
    read: compileValue(item.expression, options),
    type: item.expression.resultType.type,
    sign: item.direction === 'asc' ? 1 : -1,
  }));
  return (a, b) => {
    for (const key of keys) {
      const order = compareValues(key.type, key.read(a), key.read(b));
      if (order !== 0) return order * key.sign;
    }
    return 0;
  };
}

export function compileSearch(
  _search: SearchExpression,
  _columns: readonly { columnIndex: number; type: EdmPrimitiveType; collection: boolean }[],
): (row: Row) => boolean {
  throw new Error('temporary evaluator: search not supported');
}

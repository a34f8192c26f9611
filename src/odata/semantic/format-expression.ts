/**
 * Writes a bound expression back as OData URL syntax, for explain output, logs and test
 * messages: `(Amount gt 5) and contains(Name,'x')`. Literals are written in their URL
 * form; the result is meant for people, not for re-parsing.
 */
import { isCollectionValue, type EdmPrimitiveType, type Value } from '../edm/primitive-type.js';
import { visitExpression, type BoundExpression, type ExpressionVisitor } from './expression.js';
import type { OrderByItem } from './order-by.js';
import type { SearchExpression } from './search.js';

function formatLiteral(type: EdmPrimitiveType | 'null', value: Value): string {
  if (value === null) return 'null';
  if (isCollectionValue(value)) {
    return `[${value.map((element) => formatLiteral(type, element)).join(',')}]`;
  }
  if (value instanceof Uint8Array) return `binary'${Buffer.from(value).toString('base64url')}'`;
  if (type === 'Edm.String') return `'${String(value).replace(/'/g, "''")}'`;
  if (type === 'Edm.Duration') return `duration'${String(value)}'`;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'INF' : '-INF';
  }
  return String(value);
}

const formatter: ExpressionVisitor<string> = {
  literal: (node) => formatLiteral(node.resultType.type, node.value),
  property: (node) => {
    const name = node.property?.name;
    if (node.variable === null) return name ?? '$it';
    return name === undefined ? node.variable : `${node.variable}/${name}`;
  },
  navigation: (node) => {
    const head =
      node.variable === null ? node.navigation.name : `${node.variable}/${node.navigation.name}`;
    return node.next === undefined
      ? head
      : `${head}/${visitExpression({ ...node.next, variable: null }, formatter)}`;
  },
  comparison: (node) => `${wrap(node.left)} ${node.operator} ${wrap(node.right)}`,
  logical: (node) => `${wrap(node.left)} ${node.operator} ${wrap(node.right)}`,
  not: (node) => `not ${wrap(node.operand)}`,
  arithmetic: (node) => `${wrap(node.left)} ${node.operator} ${wrap(node.right)}`,
  negate: (node) => `-${wrap(node.operand)}`,
  in: (node) =>
    `${wrap(node.operand)} in (${node.values.map((value) => visitExpression(value, formatter)).join(',')})`,
  call: (node) =>
    `${node.name}(${node.args.map((argument) => visitExpression(argument, formatter)).join(',')})`,
  cast: (node) => `cast(${visitExpression(node.operand, formatter)},${node.targetType})`,
  isof: (node) => `isof(${visitExpression(node.operand, formatter)},${node.targetType})`,
  lambda: (node) =>
    `${visitExpression(node.source, formatter)}/${node.operator}(${
      node.variable === undefined || node.predicate === undefined
        ? ''
        : `${node.variable}:${visitExpression(node.predicate, formatter)}`
    })`,
  count: (node) => `${visitExpression(node.source, formatter)}/$count`,
};

function wrap(node: BoundExpression): string {
  const text = visitExpression(node, formatter);
  return node.kind === 'logical' ||
    node.kind === 'comparison' ||
    node.kind === 'arithmetic' ||
    node.kind === 'in'
    ? `(${text})`
    : text;
}

export function formatExpression(expression: BoundExpression): string {
  return visitExpression(expression, formatter);
}

export function formatOrderBy(orderBy: readonly OrderByItem[]): string {
  return orderBy.map((item) => `${formatExpression(item.expression)} ${item.direction}`).join(',');
}

export function formatSearch(search: SearchExpression): string {
  switch (search.kind) {
    case 'term':
      return search.phrase ? `"${search.text}"` : search.text;
    case 'and':
      return `(${formatSearch(search.left)} AND ${formatSearch(search.right)})`;
    case 'or':
      return `(${formatSearch(search.left)} OR ${formatSearch(search.right)})`;
    case 'not':
      return `NOT ${formatSearch(search.operand)}`;
  }
}

/**
 * A compact text form of bound expressions for tests: operators as prefix S-expressions,
 * literals with their type (`5:Int32`, `'Acme':String`, `null:null`), paths as written
 * (`Customer/Name`, `i/Quantity`), calls as `name(args)`.
 */
import type { Value } from '../edm/primitive-type.js';
import {
  visitExpression,
  type BoundExpression,
  type NavigationNode,
  type PropertyNode,
} from '../semantic/expression.js';

export function formatBoundExpression(node: BoundExpression): string {
  return visitExpression<string>(node, {
    literal: (literal) =>
      `${formatValue(literal.value)}:${literal.resultType.collection ? 'Collection(' : ''}${literal.resultType.type.replace('Edm.', '')}${literal.resultType.collection ? ')' : ''}`,
    property: (property) => formatPath(property),
    navigation: (navigation) => formatPath(navigation),
    comparison: (comparison) =>
      `(${comparison.operator} ${formatBoundExpression(comparison.left)} ${formatBoundExpression(comparison.right)})`,
    logical: (logical) =>
      `(${logical.operator} ${formatBoundExpression(logical.left)} ${formatBoundExpression(logical.right)})`,
    not: (not) => `(not ${formatBoundExpression(not.operand)})`,
    arithmetic: (arithmetic) =>
      `(${arithmetic.operator} ${formatBoundExpression(arithmetic.left)} ${formatBoundExpression(arithmetic.right)})`,
    negate: (negate) => `(negate ${formatBoundExpression(negate.operand)})`,
    in: (node) =>
      `(in ${formatBoundExpression(node.operand)} [${node.values.map(formatBoundExpression).join(', ')}])`,
    call: (call) => `${call.name}(${call.args.map(formatBoundExpression).join(', ')})`,
    cast: (cast) =>
      `cast(${formatBoundExpression(cast.operand)}, ${cast.targetType.replace('Edm.', '')})`,
    isof: (isof) =>
      `isof(${formatBoundExpression(isof.operand)}, ${isof.targetType.replace('Edm.', '')})`,
    lambda: (lambda) =>
      `${formatPath(lambda.source)}/${lambda.operator}(${
        lambda.variable === undefined || lambda.predicate === undefined
          ? ''
          : `${lambda.variable}: ${formatBoundExpression(lambda.predicate)}`
      })`,
    count: (count) => `${formatPath(count.source)}/$count`,
  });
}

function formatPath(node: PropertyNode | NavigationNode): string {
  const parts: string[] = [];
  if (node.variable !== null) parts.push(node.variable);
  let current: PropertyNode | NavigationNode | undefined = node;
  while (current !== undefined) {
    if (current.kind === 'property') {
      if (current.property !== undefined) parts.push(current.property.name);
      current = undefined;
    } else {
      parts.push(current.navigation.name);
      current = current.next;
    }
  }
  return parts.join('/');
}

function formatValue(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `bytes(${value.length})`;
  if (Array.isArray(value)) {
    const items = value as readonly Value[];
    return `[${items.map((item) => formatValue(item)).join(',')}]`;
  }
  return String(value);
}

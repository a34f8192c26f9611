/**
 * Compact text forms of syntax trees, for tests and debugging: operators as prefix
 * S-expressions (`(and (eq Name 'Milk') (lt Price 2.55))`), paths, calls and literals
 * close to how they are written. The switches are exhaustive over node kinds, so a new
 * kind does not compile until it is printed.
 */
import type { SearchExpression } from '../semantic/search.js';
import type {
  ArgumentListSyntax,
  ExpressionSyntax,
  LiteralSyntax,
  MemberSegmentSyntax,
} from './expression-syntax.js';
import type { PathSegmentSyntax, ResourcePathSyntax } from './path-syntax.js';

export function formatExpression(node: ExpressionSyntax): string {
  switch (node.kind) {
    case 'literal':
      return formatLiteral(node);
    case 'memberPath':
      return node.segments.map(formatMemberSegment).join('/');
    case 'methodCall':
      return `${node.name}(${node.args.map(formatExpression).join(', ')})`;
    case 'cast':
    case 'isof': {
      const type = node.typeName.collection
        ? `Collection(${node.typeName.name})`
        : node.typeName.name;
      return node.operand === undefined
        ? `${node.kind}(${type})`
        : `${node.kind}(${formatExpression(node.operand)}, ${type})`;
    }
    case 'case':
      return `case(${node.branches
        .map((branch) => `${formatExpression(branch.condition)}: ${formatExpression(branch.value)}`)
        .join(', ')})`;
    case 'binary':
      return `(${node.operator} ${formatExpression(node.left)} ${formatExpression(node.right)})`;
    case 'unary':
      return `(${node.operator} ${formatExpression(node.operand)})`;
    case 'list':
      return `(list${node.items.map((item) => ' ' + formatExpression(item)).join('')})`;
    case 'array':
      return `[${node.items.map(formatExpression).join(', ')}]`;
    case 'object':
      return `{${node.members
        .map((member) => `${JSON.stringify(member.name)}: ${formatExpression(member.value)}`)
        .join(', ')}}`;
  }
}

function formatLiteral(node: LiteralSyntax): string {
  switch (node.literalKind) {
    case 'null':
      return 'null';
    case 'string':
      return node.json === true
        ? JSON.stringify(node.value)
        : `'${node.value.replaceAll("'", "''")}'`;
    case 'duration':
    case 'binary':
    case 'geography':
    case 'geometry':
      return `${node.literalKind}'${node.value}'`;
    case 'enum':
      return `${node.typeName ?? ''}'${node.value}'`;
    case 'boolean':
    case 'integer':
    case 'decimal':
    case 'double':
    case 'date':
    case 'dateTimeOffset':
    case 'timeOfDay':
    case 'guid':
      return node.value;
  }
}

function formatMemberSegment(segment: MemberSegmentSyntax): string {
  switch (segment.kind) {
    case 'name':
      return segment.name + segment.argumentLists.map(formatArgumentList).join('');
    case 'implicitVariable':
      return segment.name;
    case 'at':
      return `@${segment.name}${segment.qualifier === undefined ? '' : '#' + segment.qualifier}`;
    case 'count': {
      const options: string[] = [];
      if (segment.filter !== undefined) options.push(`$filter=${formatExpression(segment.filter)}`);
      if (segment.search !== undefined) options.push(`$search=${formatSearch(segment.search)}`);
      return options.length === 0 ? '$count' : `$count(${options.join(';')})`;
    }
    case 'filter':
      return `$filter(${formatExpression(segment.expression)})${segment.argumentLists
        .map(formatArgumentList)
        .join('')}`;
    case 'lambda':
      return segment.variable === undefined || segment.predicate === undefined
        ? `${segment.operator}()`
        : `${segment.operator}(${segment.variable}: ${formatExpression(segment.predicate)})`;
  }
}

function formatArgumentList(list: ArgumentListSyntax): string {
  return `(${list.items
    .map((item) =>
      item.name === undefined
        ? formatExpression(item.value)
        : `${item.name}=${formatExpression(item.value)}`,
    )
    .join(',')})`;
}

export function formatSearch(node: SearchExpression): string {
  switch (node.kind) {
    case 'term':
      return node.phrase ? JSON.stringify(node.text) : node.text;
    case 'and':
    case 'or':
      return `(${node.kind} ${formatSearch(node.left)} ${formatSearch(node.right)})`;
    case 'not':
      return `(not ${formatSearch(node.operand)})`;
  }
}

export function formatResourcePath(path: ResourcePathSyntax): string {
  return path.segments.map(formatPathSegment).join('/');
}

function formatPathSegment(segment: PathSegmentSyntax): string {
  switch (segment.kind) {
    case 'name':
      return segment.name + segment.argumentLists.map(formatArgumentList).join('');
    case 'text':
      return `<${segment.text}>`;
    case 'keyword':
      return segment.keyword;
    case 'filter':
      return `$filter(${formatExpression(segment.expression)})${segment.argumentLists
        .map(formatArgumentList)
        .join('')}`;
    case 'crossjoin':
      return `$crossjoin(${segment.entitySets.join(',')})`;
  }
}

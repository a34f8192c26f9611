/**
 * The bound expression tree: a $filter, $orderby or lambda expression after names have
 * been resolved against the service model and every node has been given its type. This is
 * the tree the planner splits, connectors translate into source queries and the evaluator
 * runs. Nodes are frozen plain objects, one `kind` per node; code that walks the tree
 * switches on `kind` exhaustively, so adding a kind fails to compile until every walker
 * handles it.
 *
 * Values of literals follow the representation of ../edm/primitive-type.ts.
 */
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import type { NavigationPropertyModel, PropertyModel } from '../edm/service-model.js';

/** The type of an expression. `null` type: the `null` literal, before it is compared. */
export interface ExpressionType {
  readonly type: EdmPrimitiveType | 'null';
  readonly collection: boolean;
}

export const booleanType: ExpressionType = Object.freeze({
  type: 'Edm.Boolean',
  collection: false,
});

/** A literal value, converted from its URL form. */
export interface LiteralNode {
  readonly kind: 'literal';
  readonly resultType: ExpressionType;
  readonly value: Value;
}

/**
 * A property of the entity in scope: `$it` (the row being filtered) when `variable` is
 * null, else the range variable of an enclosing lambda. For a lambda over a primitive
 * collection the variable itself stands for the element: `property` is then undefined.
 */
export interface PropertyNode {
  readonly kind: 'property';
  readonly resultType: ExpressionType;
  readonly variable: string | null;
  readonly property: PropertyModel | undefined;
}

/**
 * A path through single- or collection-valued navigation to a property of a related
 * entity (e.g. `Customer/Name`, or the source of `Items/any(...)`). Only connectors and
 * executors that can join evaluate it; the others leave it residual.
 */
export interface NavigationNode {
  readonly kind: 'navigation';
  readonly resultType: ExpressionType;
  readonly variable: string | null;
  readonly navigation: NavigationPropertyModel;
  /** What is read from the target: a property, or nothing (the entities themselves). */
  readonly next: PropertyNode | NavigationNode | undefined;
}

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export interface ComparisonNode {
  readonly kind: 'comparison';
  readonly resultType: ExpressionType;
  readonly operator: ComparisonOperator;
  readonly left: BoundExpression;
  readonly right: BoundExpression;
}

export interface LogicalNode {
  readonly kind: 'logical';
  readonly resultType: ExpressionType;
  readonly operator: 'and' | 'or';
  readonly left: BoundExpression;
  readonly right: BoundExpression;
}

export interface NotNode {
  readonly kind: 'not';
  readonly resultType: ExpressionType;
  readonly operand: BoundExpression;
}

export type ArithmeticOperator = 'add' | 'sub' | 'mul' | 'div' | 'divby' | 'mod';

export interface ArithmeticNode {
  readonly kind: 'arithmetic';
  readonly resultType: ExpressionType;
  readonly operator: ArithmeticOperator;
  readonly left: BoundExpression;
  readonly right: BoundExpression;
}

export interface NegateNode {
  readonly kind: 'negate';
  readonly resultType: ExpressionType;
  readonly operand: BoundExpression;
}

/** `operand in (v1, v2, ...)`; the list holds literals (or aliases resolved to literals). */
export interface InNode {
  readonly kind: 'in';
  readonly resultType: ExpressionType;
  readonly operand: BoundExpression;
  readonly values: readonly BoundExpression[];
}

export const builtInFunctions = [
  // string
  'contains',
  'startswith',
  'endswith',
  'length',
  'indexof',
  'substring',
  'tolower',
  'toupper',
  'trim',
  'concat',
  'matchesPattern',
  // date and time
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'fractionalseconds',
  'totalseconds',
  'date',
  'time',
  'totaloffsetminutes',
  'now',
  'maxdatetime',
  'mindatetime',
  // arithmetic
  'round',
  'floor',
  'ceiling',
  // collections
  'hassubset',
  'hassubsequence',
] as const;

export type BuiltInFunction = (typeof builtInFunctions)[number];

export interface FunctionCallNode {
  readonly kind: 'call';
  readonly resultType: ExpressionType;
  readonly name: BuiltInFunction;
  readonly args: readonly BoundExpression[];
}

/** `cast(expr, Edm.Type)` (or `cast(Edm.Type)` on `$it`, which we do not support). */
export interface CastNode {
  readonly kind: 'cast';
  readonly resultType: ExpressionType;
  readonly operand: BoundExpression;
  readonly targetType: EdmPrimitiveType;
}

/** `isof(expr, Edm.Type)`. */
export interface IsOfNode {
  readonly kind: 'isof';
  readonly resultType: ExpressionType;
  readonly operand: BoundExpression;
  readonly targetType: EdmPrimitiveType;
}

/**
 * `source/any(v: predicate)`, `source/all(v: predicate)`, or `source/any()` (no variable
 * and no predicate: "the collection is not empty"). `source` is a collection-valued
 * property or navigation.
 */
export interface LambdaNode {
  readonly kind: 'lambda';
  readonly resultType: ExpressionType;
  readonly operator: 'any' | 'all';
  readonly source: PropertyNode | NavigationNode;
  readonly variable: string | undefined;
  readonly predicate: BoundExpression | undefined;
}

/** `source/$count`: the number of elements of a collection. */
export interface CountNode {
  readonly kind: 'count';
  readonly resultType: ExpressionType;
  readonly source: PropertyNode | NavigationNode;
}

export type BoundExpression =
  | LiteralNode
  | PropertyNode
  | NavigationNode
  | ComparisonNode
  | LogicalNode
  | NotNode
  | ArithmeticNode
  | NegateNode
  | InNode
  | FunctionCallNode
  | CastNode
  | IsOfNode
  | LambdaNode
  | CountNode;

export type BoundExpressionKind = BoundExpression['kind'];

/** A visitor with one method per node kind: adding a kind breaks every visitor at compile time. */
export type ExpressionVisitor<R> = {
  readonly [K in BoundExpressionKind]: (node: Extract<BoundExpression, { kind: K }>) => R;
};

export function visitExpression<R>(node: BoundExpression, visitor: ExpressionVisitor<R>): R {
  // The cast is safe: `visitor[node.kind]` is exactly the method for this node's kind.
  const method = visitor[node.kind] as (node: BoundExpression) => R;
  return method(node);
}

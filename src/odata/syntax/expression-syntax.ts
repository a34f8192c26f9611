/**
 * Syntax nodes of the OData expression language ($filter, $orderby, $compute, parameter
 * alias values, function arguments): what the text says, before any name is resolved.
 * Every node is frozen, has a `kind`, and records `offset`: where it starts in the path or
 * query string as sent (percent-encoded), so that the binder can point at it.
 *
 * Names stay unresolved here: `Customer/Name` is a member path of two name segments, and
 * whether `Customer` is a navigation property, a complex property or a lambda variable is
 * the binder's business. Built-in functions (`contains`, `year` ...) are recognised by
 * name because their argument syntax differs from the `name=value` parameters of
 * service-defined functions.
 */
import type { SearchExpression } from '../semantic/search.js';

/** The literal forms of the URL syntax (section 7 of the OData ABNF). */
export type LiteralKind =
  | 'null'
  | 'boolean'
  /** Digits with an optional sign: the binder picks the smallest integer type that fits. */
  | 'integer'
  /** Digits with a fractional part: Edm.Decimal. */
  | 'decimal'
  /** A number with an exponent, or NaN / INF / -INF: Edm.Double. */
  | 'double'
  | 'string'
  | 'date'
  | 'dateTimeOffset'
  | 'timeOfDay'
  /** `duration'P1D'`; a bare `'P1D'` is a string the binder may read as a duration. */
  | 'duration'
  | 'guid'
  | 'binary'
  /** `Namespace.EnumType'Member,Member'`. */
  | 'enum'
  | 'geography'
  | 'geometry';

export interface LiteralSyntax {
  readonly kind: 'literal';
  readonly offset: number;
  readonly literalKind: LiteralKind;
  /**
   * The value as text, decoded: a string's content with `''` unescaped, a number as
   * written (without a leading '+'), a date or GUID as written, a duration or binary
   * literal's quoted content, an enum's member list, a geo literal's content. Empty for
   * null; "true"/"false" for booleans.
   */
  readonly value: string;
  /** Qualified enum type name for `enum` literals. */
  readonly typeName?: string;
  /** True for a JSON string ("...") inside an array or object. */
  readonly json?: boolean;
}

/** One `name=value` or plain value inside the parentheses after a name. */
export interface ArgumentSyntax {
  readonly kind: 'argument';
  readonly offset: number;
  readonly name: string | undefined;
  readonly value: ExpressionSyntax;
}

/** `( ... )` after a name: a key predicate or function parameters, told apart by the binder. */
export interface ArgumentListSyntax {
  readonly kind: 'arguments';
  readonly offset: number;
  readonly items: readonly ArgumentSyntax[];
}

/** A property, navigation property, lambda variable, type cast or function in a path. */
export interface NameSegmentSyntax {
  readonly kind: 'name';
  readonly offset: number;
  /** The name as written; qualified names keep their dots (`Model.Customer`). */
  readonly name: string;
  readonly qualified: boolean;
  /** Parenthesised lists that follow the name, e.g. `Items(1)` or `F(a=1)(2)`. */
  readonly argumentLists: readonly ArgumentListSyntax[];
}

/** `$it`, `$this` or `$root` at the start of a path. */
export interface ImplicitVariableSegmentSyntax {
  readonly kind: 'implicitVariable';
  readonly offset: number;
  readonly name: '$it' | '$this' | '$root';
}

/** `@name`: a parameter alias, or `@Namespace.Term#Qualifier`: an annotation. */
export interface AtSegmentSyntax {
  readonly kind: 'at';
  readonly offset: number;
  /** Without the `@`. */
  readonly name: string;
  readonly qualified: boolean;
  readonly qualifier: string | undefined;
}

/** `/$count`, optionally with `($filter=...;$search=...)`. */
export interface CountSegmentSyntax {
  readonly kind: 'count';
  readonly offset: number;
  readonly filter: ExpressionSyntax | undefined;
  readonly search: SearchExpression | undefined;
}

/** `/$filter(expression)` inside a path, optionally followed by key predicates. */
export interface FilterSegmentSyntax {
  readonly kind: 'filter';
  readonly offset: number;
  readonly expression: ExpressionSyntax;
  readonly argumentLists: readonly ArgumentListSyntax[];
}

/** `/any(v: predicate)`, `/any()`, `/all(v: predicate)`. */
export interface LambdaSegmentSyntax {
  readonly kind: 'lambda';
  readonly offset: number;
  readonly operator: 'any' | 'all';
  readonly variable: string | undefined;
  readonly predicate: ExpressionSyntax | undefined;
}

export type MemberSegmentSyntax =
  | NameSegmentSyntax
  | ImplicitVariableSegmentSyntax
  | AtSegmentSyntax
  | CountSegmentSyntax
  | FilterSegmentSyntax
  | LambdaSegmentSyntax;

/** A path such as `Name`, `Customer/Name`, `$it/Items/any(i:...)`, `@alias`, `Model.F(a=1)`. */
export interface MemberPathSyntax {
  readonly kind: 'memberPath';
  readonly offset: number;
  readonly segments: readonly MemberSegmentSyntax[];
}

/** A built-in function call: `contains(Name,'x')`, `now()`, `geo.distance(a,b)`. */
export interface MethodCallSyntax {
  readonly kind: 'methodCall';
  readonly offset: number;
  /** The name in lower case (`matchespattern`, `geo.distance`). */
  readonly name: string;
  readonly args: readonly ExpressionSyntax[];
}

/** `Edm.Int32`, `Model.Customer`, `Collection(Edm.String)`. */
export interface TypeNameSyntax {
  readonly kind: 'typeName';
  readonly offset: number;
  readonly name: string;
  readonly collection: boolean;
}

/** `cast(expression, Type)` or `cast(Type)`; `isof(...)` alike. */
export interface TypeFunctionSyntax {
  readonly kind: 'cast' | 'isof';
  readonly offset: number;
  readonly operand: ExpressionSyntax | undefined;
  readonly typeName: TypeNameSyntax;
}

/** `case(condition:value, ...)`. */
export interface CaseBranchSyntax {
  readonly kind: 'caseBranch';
  readonly condition: ExpressionSyntax;
  readonly value: ExpressionSyntax;
}

/** `case(condition:value, ...)`. */
export interface CaseSyntax {
  readonly kind: 'case';
  readonly offset: number;
  readonly branches: readonly CaseBranchSyntax[];
}

export type BinaryOperatorSyntax =
  | 'or'
  | 'and'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'has'
  | 'in'
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'divby'
  | 'mod';

export interface BinarySyntax {
  readonly kind: 'binary';
  readonly offset: number;
  readonly operator: BinaryOperatorSyntax;
  /** Offset of the operator keyword. */
  readonly operatorOffset: number;
  readonly left: ExpressionSyntax;
  readonly right: ExpressionSyntax;
}

export interface UnarySyntax {
  readonly kind: 'unary';
  readonly offset: number;
  readonly operator: 'not' | 'negate';
  readonly operand: ExpressionSyntax;
}

/** `(literal, literal, ...)`: only on the right of `in`. */
export interface ListSyntax {
  readonly kind: 'list';
  readonly offset: number;
  readonly items: readonly ExpressionSyntax[];
}

/** A JSON array `[...]` (4.01). */
export interface ArraySyntax {
  readonly kind: 'array';
  readonly offset: number;
  readonly items: readonly ExpressionSyntax[];
}

/** A JSON object `{"name": value, ...}` (4.01). */
export interface ObjectMemberSyntax {
  readonly kind: 'objectMember';
  readonly name: string;
  readonly value: ExpressionSyntax;
}

/** A JSON object `{"name": value, ...}` (4.01). */
export interface ObjectSyntax {
  readonly kind: 'object';
  readonly offset: number;
  readonly members: readonly ObjectMemberSyntax[];
}

export type ExpressionSyntax =
  | LiteralSyntax
  | MemberPathSyntax
  | MethodCallSyntax
  | TypeFunctionSyntax
  | CaseSyntax
  | BinarySyntax
  | UnarySyntax
  | ListSyntax
  | ArraySyntax
  | ObjectSyntax;

export type ExpressionSyntaxKind = ExpressionSyntax['kind'];

/**
 * Syntax nodes of the resource path (the URL path after the service root). The path is
 * a list of segments split on literal `/`; each segment is decoded on its own, so `%2F`
 * inside a key is data. Segments stay generic: `Customers(5)` is a name with one argument
 * list, whether it is an entity set with a key or a function import with parameters is
 * decided by the binder. Offsets are raw offsets within the path as sent.
 */
import type { ArgumentListSyntax, ExpressionSyntax } from './expression-syntax.js';

/** An identifier (or qualified name) with optional parenthesised lists: `Orders`, `Orders(5)`, `Model.F(a=1)`. */
export interface PathNameSegmentSyntax {
  readonly kind: 'name';
  readonly offset: number;
  readonly name: string;
  readonly qualified: boolean;
  readonly argumentLists: readonly ArgumentListSyntax[];
  /** The whole segment, decoded (the value when the binder reads it as key-as-segment). */
  readonly text: string;
}

/** A segment that is no name: a key-as-segment value (`Customers/5`) or an ordinal index. */
export interface PathTextSegmentSyntax {
  readonly kind: 'text';
  readonly offset: number;
  /** Decoded. */
  readonly text: string;
}

export type PathKeyword =
  '$metadata' | '$batch' | '$entity' | '$all' | '$count' | '$value' | '$ref' | '$each' | '$query';

export interface PathKeywordSegmentSyntax {
  readonly kind: 'keyword';
  readonly offset: number;
  readonly keyword: PathKeyword;
}

/** `$filter(expression)`, optionally followed by key predicates. */
export interface PathFilterSegmentSyntax {
  readonly kind: 'filter';
  readonly offset: number;
  readonly expression: ExpressionSyntax;
  readonly argumentLists: readonly ArgumentListSyntax[];
}

/** `$crossjoin(Set1,Set2)`. */
export interface PathCrossJoinSegmentSyntax {
  readonly kind: 'crossjoin';
  readonly offset: number;
  readonly entitySets: readonly string[];
}

export type PathSegmentSyntax =
  | PathNameSegmentSyntax
  | PathTextSegmentSyntax
  | PathKeywordSegmentSyntax
  | PathFilterSegmentSyntax
  | PathCrossJoinSegmentSyntax;

/** The resource path; no segments means the service document. */
export interface ResourcePathSyntax {
  readonly kind: 'resourcePath';
  readonly segments: readonly PathSegmentSyntax[];
}

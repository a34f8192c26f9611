/**
 * Syntax nodes of the query string: the system query options with their parsed values,
 * parameter aliases and custom options. The same shape holds the options nested in
 * `$expand=Nav(...)` and `$select=Prop(...)`. Offsets are raw offsets within the query
 * string as sent.
 */
import type { SearchExpression } from '../semantic/search.js';
import type { ExpressionSyntax } from './expression-syntax.js';

/** One system query option as written: its name (`$filter`, `Filter` ...) and where its value starts. */
export interface OptionSyntax<T> {
  readonly kind: 'option';
  /** The name as written in the URL. */
  readonly name: string;
  /** The canonical name (`$filter`), used in messages and error targets. */
  readonly canonicalName: string;
  readonly nameOffset: number;
  readonly valueOffset: number;
  readonly value: T;
}

export interface OrderByItemSyntax {
  readonly kind: 'orderByItem';
  readonly offset: number;
  readonly expression: ExpressionSyntax;
  readonly direction: 'asc' | 'desc';
}

/** A name in a $select or $expand path: a property, navigation property, type cast or annotation. */
export interface PathNameSyntax {
  readonly kind: 'name' | 'annotation';
  readonly offset: number;
  /** As written; qualified names keep their dots; annotations without the `@`. */
  readonly name: string;
  readonly qualified: boolean;
}

export type SelectItemSyntax =
  /** `*` */
  | { readonly kind: 'selectAll'; readonly offset: number }
  /** `Namespace.*`: all operations of a schema. */
  | { readonly kind: 'selectAllOperations'; readonly offset: number; readonly namespace: string }
  /** `Name`, `Address/Street`, `Model.Function(p1,p2)`, `Tags($top=2)` ... */
  | {
      readonly kind: 'selectPath';
      readonly offset: number;
      readonly path: readonly PathNameSyntax[];
      /** `(p1,p2)` after a function name: its parameter names. */
      readonly parameterNames: readonly string[] | undefined;
      readonly options: QueryOptionsSyntax | undefined;
    };

export type ExpandItemSyntax =
  /** `$value`: the media stream. */
  | { readonly kind: 'expandValue'; readonly offset: number }
  | {
      readonly kind: 'expandPath';
      readonly offset: number;
      /** The names before the navigation property (complex properties, casts) and it. */
      readonly path: readonly PathNameSyntax[];
      /** True for `*` (all navigation properties, after the path if any). */
      readonly star: boolean;
      /** `/$ref` (references only) or `/$count` (the number of related entities). */
      readonly suffix: 'none' | '$ref' | '$count';
      readonly options: QueryOptionsSyntax | undefined;
    };

export interface ComputeItemSyntax {
  readonly kind: 'computeItem';
  readonly offset: number;
  readonly expression: ExpressionSyntax;
  readonly alias: string;
}

export interface AliasSyntax {
  readonly kind: 'alias';
  /** Without the `@`. */
  readonly name: string;
  readonly nameOffset: number;
  readonly valueOffset: number;
  readonly value: ExpressionSyntax;
}

export interface CustomOptionSyntax {
  readonly kind: 'customOption';
  readonly name: string;
  readonly value: string | undefined;
  readonly offset: number;
}

export interface QueryOptionsSyntax {
  readonly kind: 'queryOptions';
  readonly filter: OptionSyntax<ExpressionSyntax> | undefined;
  readonly orderBy: OptionSyntax<readonly OrderByItemSyntax[]> | undefined;
  readonly select: OptionSyntax<readonly SelectItemSyntax[]> | undefined;
  readonly expand: OptionSyntax<readonly ExpandItemSyntax[]> | undefined;
  readonly top: OptionSyntax<number> | undefined;
  readonly skip: OptionSyntax<number> | undefined;
  readonly count: OptionSyntax<boolean> | undefined;
  readonly search: OptionSyntax<SearchExpression> | undefined;
  readonly compute: OptionSyntax<readonly ComputeItemSyntax[]> | undefined;
  /** `$apply` is kept as text: aggregation is not implemented. */
  readonly apply: OptionSyntax<string> | undefined;
  readonly index: OptionSyntax<number> | undefined;
  /** `$levels` (only inside $expand): a number or 'max'. */
  readonly levels: OptionSyntax<number | 'max'> | undefined;
  readonly format: OptionSyntax<string> | undefined;
  readonly skipToken: OptionSyntax<string> | undefined;
  readonly deltaToken: OptionSyntax<string> | undefined;
  readonly id: OptionSyntax<string> | undefined;
  readonly schemaVersion: OptionSyntax<string> | undefined;
  /** Parameter aliases by name (without `@`). */
  readonly aliases: ReadonlyMap<string, AliasSyntax>;
  /** Options that are neither system options nor aliases, in order; the service ignores them. */
  readonly custom: readonly CustomOptionSyntax[];
}

export type SystemOptionField = Exclude<keyof QueryOptionsSyntax, 'kind' | 'aliases' | 'custom'>;

/** Every system query option field, in the order of QueryOptionsSyntax (the order checks report in). */
export const systemOptionFields: readonly SystemOptionField[] = [
  'filter',
  'orderBy',
  'select',
  'expand',
  'top',
  'skip',
  'count',
  'search',
  'compute',
  'apply',
  'index',
  'levels',
  'format',
  'skipToken',
  'deltaToken',
  'id',
  'schemaVersion',
];

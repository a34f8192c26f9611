/**
 * The parsed form of a Kintone query (facts sheet §5.1), before field codes are resolved:
 * what the parser produces and the condition compiler consumes. Nodes are plain frozen
 * data with a `kind` tag; `position` is the 0-based offset in the query text.
 */

export type ComparisonOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** A field as written: `$id`, a field code, or `table.field` (parts split on dots). */
export interface FieldReference {
  readonly name: string;
  readonly position: number;
}

export type FunctionArgument =
  | { readonly kind: 'integer'; readonly value: number; readonly text: string }
  | { readonly kind: 'symbol'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string };

export type ValueNode =
  /** A double-quoted string, escapes already decoded. */
  | { readonly kind: 'string'; readonly value: string; readonly position: number }
  /** A bare number exactly as written (`100`, `-5`, `1.5`). */
  | { readonly kind: 'number'; readonly text: string; readonly position: number }
  | {
      readonly kind: 'function';
      readonly name: string;
      readonly arguments: readonly FunctionArgument[];
      readonly position: number;
    };

export type ConditionNode =
  | { readonly kind: 'or'; readonly operands: readonly ConditionNode[] }
  | { readonly kind: 'and'; readonly operands: readonly ConditionNode[] }
  | {
      readonly kind: 'comparison';
      readonly field: FieldReference;
      readonly operator: ComparisonOperator;
      readonly value: ValueNode;
    }
  | {
      readonly kind: 'membership';
      readonly field: FieldReference;
      readonly negated: boolean;
      readonly values: readonly ValueNode[];
    }
  | {
      readonly kind: 'like';
      readonly field: FieldReference;
      readonly negated: boolean;
      readonly pattern: string;
    }
  | { readonly kind: 'emptiness'; readonly field: FieldReference; readonly negated: boolean };

export interface SortKeyNode {
  readonly field: FieldReference;
  readonly direction: 'asc' | 'desc';
}

/** A whole query: optional condition, then `order by`, `limit`, `offset` in that order. */
export interface QuerySyntax {
  readonly condition: ConditionNode | undefined;
  readonly orderBy: readonly SortKeyNode[];
  /** `limit` as written (a non-negative integer; may exceed the maximum). */
  readonly limit: number | undefined;
  readonly offset: number | undefined;
}

/** The operator of a condition as the type check names it. */
export type ConditionOperator =
  ComparisonOperator | 'in' | 'not in' | 'like' | 'not like' | 'is empty' | 'is not empty';

export function conditionOperator(
  condition: Exclude<ConditionNode, { kind: 'or' | 'and' }>,
): ConditionOperator {
  switch (condition.kind) {
    case 'comparison':
      return condition.operator;
    case 'membership':
      return condition.negated ? 'not in' : 'in';
    case 'like':
      return condition.negated ? 'not like' : 'like';
    case 'emptiness':
      return condition.negated ? 'is not empty' : 'is empty';
  }
}

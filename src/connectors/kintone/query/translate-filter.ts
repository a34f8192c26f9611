/**
 * Translates a bound $filter into a Kintone query condition, per field type, using only
 * the operators Kintone allows for that type (facts sheet §5.2). Each translated part is
 * either exact (Kintone returns exactly the rows OData selects) or a superset (Kintone
 * pre-filters, the gateway still evaluates the OData condition on what comes back). What
 * cannot be translated safely is left to the gateway. The rules, and why:
 *
 * - Empty values. Kintone's handling of empty numbers, dates and times in comparisons is
 *   not documented (excluded, or treated like zero / the smallest value). A comparison is
 *   exact only when both readings give the same rows (`num > 5`, `date >= "2024-01-01"`);
 *   otherwise it is a superset (`num < 5`, `num = 0`). `!=` and `not in` may drop empty
 *   values, which OData keeps; they are used only where an exact emptiness test exists to
 *   add them back (`choice not in ("A") or choice in ("")`).
 * - Text `=` may ignore case or normalise characters (not documented): a superset.
 * - Date-times and times are stored to the minute: bounds with seconds are moved to the
 *   minute that gives the same rows; an equality with seconds is false.
 * - `not` is pushed into the leaves by inverting operators, with OData's null rules
 *   (`not (x gt 5)` is `x le 5 or x eq null`).
 * - contains/startswith/endswith are substring matches; Kintone's `like` is a word search.
 *   Only the `containsAsLike` option maps contains() to `like`, knowingly.
 * - Fields of a subtable, filtered on the subtable's own table, match a record when any row
 *   matches: positive conditions are supersets of the rows wanted, negative ones are left out.
 */
import type { Value } from '../../../odata/edm/primitive-type.js';
import type {
  BoundExpression,
  ComparisonOperator,
  LiteralNode,
  PropertyNode,
} from '../../../odata/semantic/expression.js';
import type {
  KintoneColumnSource,
  KintoneTableSchema,
  SubtableSource,
} from '../schema/kintone-table-model.js';
import { decimalText, integerText, minuteInstant, minuteOfDay } from './kintone-literals.js';
import {
  dateLiteral,
  dateTimeLiteral,
  fieldToken,
  numberToken,
  quoteString,
  timeLiteral,
} from './kintone-query-text.js';

/** A Kintone condition; `exact` false means it selects a superset of the OData condition. */
export interface KintoneCondition {
  readonly text: string;
  readonly exact: boolean;
  /** The operator joining its top level, or false for one condition. */
  readonly compound: false | 'and' | 'or';
  /**
   * Subtables whose fields it tests through `any()`. Kintone requires conditions on one
   * subtable joined by `and` to hold in the same row, so two `any()` on one subtable must
   * not be joined.
   */
  readonly subtables?: readonly string[];
}

export type Translation = KintoneCondition | { readonly constant: boolean } | undefined;

export interface TranslationScope {
  readonly table: KintoneTableSchema;
  /** Inside `Items/any(i: ...)`: the range variable and the subtable's columns. */
  readonly lambda?: {
    readonly variable: string;
    readonly subtable: SubtableSource;
  };
}

export function isConstant(
  translation: Translation,
): translation is { readonly constant: boolean } {
  return translation !== undefined && 'constant' in translation;
}

function atom(text: string, exact: boolean): KintoneCondition {
  return { text, exact, compound: false };
}

/** The text of a part of an `and` / `or`: parenthesised unless it is joined the same way. */
function parenthesised(condition: KintoneCondition, parent: 'and' | 'or'): string {
  return condition.compound === false || condition.compound === parent
    ? condition.text
    : `(${condition.text})`;
}

function subtablesOf(left: KintoneCondition, right: KintoneCondition): { subtables?: string[] } {
  const all = [...(left.subtables ?? []), ...(right.subtables ?? [])];
  return all.length === 0 ? {} : { subtables: [...new Set(all)] };
}

/** Whether two conditions test the same subtable (they must not be joined by `and`). */
export function shareSubtable(left: KintoneCondition, right: KintoneCondition): boolean {
  return (left.subtables ?? []).some((code) => (right.subtables ?? []).includes(code));
}

export function andConditions(left: KintoneCondition, right: KintoneCondition): KintoneCondition {
  return {
    text: `${parenthesised(left, 'and')} and ${parenthesised(right, 'and')}`,
    exact: left.exact && right.exact,
    compound: 'and',
    ...subtablesOf(left, right),
  };
}

export function orConditions(left: KintoneCondition, right: KintoneCondition): KintoneCondition {
  return {
    text: `${parenthesised(left, 'or')} or ${parenthesised(right, 'or')}`,
    exact: left.exact && right.exact,
    compound: 'or',
    ...subtablesOf(left, right),
  };
}

function inexact(translation: Translation): Translation {
  if (translation === undefined || isConstant(translation)) return translation;
  return { ...translation, exact: false };
}

/** `a and b`, keeping a translatable side as a superset when the other is not translatable. */
function andTranslations(left: Translation, right: Translation): Translation {
  if (isConstant(left)) return left.constant ? right : left;
  if (isConstant(right)) return right.constant ? left : right;
  if (left === undefined) return inexact(right);
  if (right === undefined) return inexact(left);
  // Kintone would require both to hold in one subtable row: keep one, as a superset.
  if (shareSubtable(left, right)) return inexact(left);
  return andConditions(left, right);
}

/** `a or b`: both sides must be translatable. */
function orTranslations(left: Translation, right: Translation): Translation {
  if (isConstant(left)) return left.constant ? left : right;
  if (isConstant(right)) return right.constant ? right : left;
  if (left === undefined || right === undefined) return undefined;
  return orConditions(left, right);
}

interface Operand {
  readonly source: KintoneColumnSource;
  readonly field: string;
  /** Rows of a subtable table are selected through their records: a superset. */
  readonly perRow: boolean;
  /** A field inside a subtable: no `=` / `!=` (GAIA_IQ07), no negative operators (every-row semantics). */
  readonly inSubtable: boolean;
  readonly nullable: boolean;
  /** Delimiter of multi-value fields published as text. */
  readonly delimiter: string;
}

function operandOf(node: BoundExpression, scope: TranslationScope): Operand | undefined {
  if (node.kind !== 'property' || node.property === undefined) return undefined;
  if (node.variable !== null) {
    const lambda = scope.lambda;
    if (lambda === undefined || node.variable !== lambda.variable) return undefined;
    const column = lambda.subtable.columns[node.property.column];
    const field = fieldToken(node.property.column);
    if (column === undefined || field === undefined) return undefined;
    return {
      source: column.source,
      field,
      perRow: false,
      inSubtable: true,
      nullable: column.nullable,
      delimiter: scope.table.kintone.delimiter,
    };
  }
  return columnOperand(node, scope);
}

function columnOperand(node: PropertyNode, scope: TranslationScope): Operand | undefined {
  const property = node.property;
  if (property === undefined) return undefined;
  const index = property.columnIndex;
  const column = scope.table.columns[index];
  const source = scope.table.kintone.columns[index];
  if (column === undefined || source === undefined || column.name !== property.column)
    return undefined;
  const kind = scope.table.kintone.kind;
  if (kind === 'apps') return undefined;
  let code = source.code;
  let perRow = false;
  if (kind === 'subtable') {
    if (source.valueKind === 'parentId') code = '$id';
    else if (source.valueKind === 'rowId' || source.valueKind === 'revision') return undefined;
    else perRow = true;
  }
  const field = fieldToken(code);
  if (field === undefined) return undefined;
  return {
    source,
    field,
    perRow,
    inSubtable: perRow,
    nullable: column.nullable,
    delimiter: scope.table.kintone.delimiter,
  };
}

const inverse: Record<ComparisonOperator, ComparisonOperator> = {
  eq: 'ne',
  ne: 'eq',
  gt: 'le',
  ge: 'lt',
  lt: 'ge',
  le: 'gt',
};

const mirrored: Record<ComparisonOperator, ComparisonOperator> = {
  eq: 'eq',
  ne: 'ne',
  gt: 'lt',
  ge: 'le',
  lt: 'gt',
  le: 'ge',
};

const symbol: Record<ComparisonOperator, string> = {
  eq: '=',
  ne: '!=',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

function quotedList(values: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const value of values) {
    const quoted = quoteString(value);
    if (quoted === undefined) return undefined;
    parts.push(quoted);
  }
  return `(${parts.join(', ')})`;
}

/** Does `0 op v` hold for a number v of this sign (empty numbers might compare like zero)? */
function zeroSatisfies(operator: ComparisonOperator, sign: -1 | 0 | 1): boolean {
  switch (operator) {
    case 'eq':
      return sign === 0;
    case 'ne':
      return sign !== 0;
    case 'gt':
      return sign < 0;
    case 'ge':
      return sign <= 0;
    case 'lt':
      return sign > 0;
    case 'le':
      return sign >= 0;
  }
}

/** The emptiness test of a column, exact, when Kintone has one for its type. */
function emptinessTest(operand: Operand, empty: boolean): KintoneCondition | undefined {
  const { field, source } = operand;
  switch (source.queryKind) {
    case 'choice':
    case 'multiChoice':
    case 'entities':
      return atom(empty ? `${field} in ("")` : `${field} not in ("")`, true);
    case 'files':
      return atom(empty ? `${field} is empty` : `${field} is not empty`, true);
    default:
      return undefined;
  }
}

/** `x eq null` (empty) or `x ne null` (not empty). */
function nullTest(operand: Operand, empty: boolean): Translation {
  if (!operand.nullable) return { constant: !empty };
  if (operand.inSubtable && !empty) return undefined;
  const exactTest = emptinessTest(operand, empty);
  if (exactTest !== undefined) return operand.perRow ? { ...exactTest, exact: false } : exactTest;
  if (!empty) return undefined;
  const { field, source } = operand;
  switch (source.queryKind) {
    case 'text':
      // Empty text is ""; Kintone may also count blank text as empty: a superset.
      return atom(operand.inSubtable ? `${field} in ("")` : `${field} = ""`, false);
    case 'longText':
      return source.fieldType === 'RICH_TEXT' ? undefined : atom(`${field} is empty`, false);
    default:
      return undefined;
  }
}

/** Comparison of a column with a non-null literal, after `not` was folded into the operator. */
function comparison(
  operand: Operand,
  operator: ComparisonOperator,
  literal: LiteralNode,
): Translation {
  const value = literal.value;
  const { field, source } = operand;
  if (value === null) {
    if (operator === 'eq') return nullTest(operand, true);
    if (operator === 'ne') return nullTest(operand, false);
    return { constant: false };
  }
  // OData keeps null rows for `ne`; the translations below do not, unless stated.
  switch (source.queryKind) {
    case 'id': {
      const text = integerText(value);
      if (text === undefined) return undefined;
      if (operand.perRow) return undefined;
      return atom(`${field} ${symbol[operator]} ${text}`, true);
    }
    case 'number': {
      const number = decimalText(value);
      if (number === undefined) return undefined;
      const token = numberToken(number.text);
      if (token === undefined || operator === 'ne') return undefined;
      const exact = !zeroSatisfies(operator, number.sign) && !operand.perRow;
      if (operator === 'eq' && operand.inSubtable) return atom(`${field} in (${token})`, exact);
      return atom(`${field} ${symbol[operator]} ${token}`, exact);
    }
    case 'systemTime':
    case 'dateTime':
      return dateTimeComparison(operand, operator, value);
    case 'date': {
      if (typeof value !== 'string') return undefined;
      const token = dateLiteral(value);
      if (token === undefined || operator === 'ne') return undefined;
      if (operator === 'eq') {
        return operand.inSubtable
          ? {
              ...andConditions(
                atom(`${field} >= ${token}`, true),
                atom(`${field} <= ${token}`, true),
              ),
              exact: !operand.perRow,
            }
          : atom(`${field} = ${token}`, true);
      }
      // An empty date might sort below every date: `<` and `<=` may include it.
      return atom(
        `${field} ${symbol[operator]} ${token}`,
        (operator === 'gt' || operator === 'ge') && !operand.perRow,
      );
    }
    case 'time':
      return timeComparison(operand, operator, value, literal.resultType.type);
    case 'text': {
      if (typeof value !== 'string') return undefined;
      if (operator === 'eq') {
        // Empty text reads as null, so no row equals ''.
        if (value === '') return { constant: false };
        const quoted = quoteString(value);
        if (quoted === undefined) return undefined;
        return atom(operand.inSubtable ? `${field} in (${quoted})` : `${field} = ${quoted}`, false);
      }
      return undefined;
    }
    case 'choice':
    case 'status':
    case 'entity':
      if (operator !== 'eq' && operator !== 'ne') return undefined;
      if (typeof value !== 'string') return undefined;
      return membership(operand, [value], operator === 'ne');
    case 'multiChoice':
      return delimitedEquality(operand, operator, value);
    case 'longText':
    case 'entities':
    case 'files':
    case 'none':
      return undefined;
  }
}

function dateTimeComparison(
  operand: Operand,
  operator: ComparisonOperator,
  value: Value,
): Translation {
  const instant = minuteInstant(value);
  if (instant === undefined) return undefined;
  const { field } = operand;
  const at = dateTimeLiteral(instant.minuteStart);
  if (at === undefined) return undefined;
  const nonNull = operand.source.queryKind === 'systemTime' && !operand.perRow;
  // Stored values are whole minutes: `> 09:00:30` is `> 09:00`, `<= 09:00:30` is `<= 09:00`.
  const on = instant.onMinute;
  switch (operator) {
    case 'eq':
      if (!on) return { constant: false };
      return {
        ...andConditions(atom(`${field} >= ${at}`, true), atom(`${field} <= ${at}`, true)),
        exact: !operand.perRow,
      };
    case 'ne':
      if (!on) return operand.nullable ? undefined : { constant: true };
      if (!nonNull) return undefined;
      return orConditions(atom(`${field} < ${at}`, true), atom(`${field} > ${at}`, true));
    case 'gt':
      return atom(`${field} > ${at}`, !operand.perRow);
    case 'ge':
      return atom(on ? `${field} >= ${at}` : `${field} > ${at}`, !operand.perRow);
    case 'lt':
      return atom(on ? `${field} < ${at}` : `${field} <= ${at}`, nonNull);
    case 'le':
      return atom(`${field} <= ${at}`, nonNull);
  }
}

function timeComparison(
  operand: Operand,
  operator: ComparisonOperator,
  value: Value,
  literalType: string,
): Translation {
  const time = minuteOfDay(value);
  if (time === undefined) return undefined;
  // In Salesforce mode the column is text "HH:MM": only literals of that exact form compare the same way.
  // Compared as text (Salesforce mode, or a model that publishes times as strings), only a
  // literal in the column's own text form orders like the time it names.
  if (operand.source.valueKind === 'timeText' && !/^\d{2}:\d{2}$/.test(String(value)))
    return undefined;
  if (
    literalType === 'Edm.String' &&
    operand.source.valueKind === 'timeOfDay' &&
    !/^\d{2}:\d{2}:\d{2}$/.test(String(value))
  )
    return undefined;
  const at = timeLiteral(time.minute);
  if (at === undefined) return undefined;
  const { field } = operand;
  const on = time.onMinute;
  const exact = !operand.perRow;
  switch (operator) {
    case 'eq':
      if (!on) return { constant: false };
      return {
        ...andConditions(atom(`${field} >= ${at}`, true), atom(`${field} <= ${at}`, true)),
        exact,
      };
    case 'ne':
      return undefined;
    case 'gt':
      return atom(`${field} > ${at}`, exact);
    case 'ge':
      return atom(on ? `${field} >= ${at}` : `${field} > ${at}`, exact);
    case 'lt':
      return atom(on ? `${field} < ${at}` : `${field} <= ${at}`, false);
    case 'le':
      return atom(`${field} <= ${at}`, false);
  }
}

/** Whether two options of a selection could be confused by a case- or width-insensitive match. */
function optionsDistinct(options: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const option of options) {
    const folded = option.normalize('NFKC').toLowerCase();
    if (seen.has(folded)) return false;
    seen.add(folded);
  }
  return true;
}

/**
 * `x in (values)` (or `not in` when `negated`), with OData's null rules: a null in the list
 * matches empty values; `not in` keeps empty values unless null is listed.
 */
function membership(
  operand: Operand,
  values: readonly (string | null)[],
  negated: boolean,
): Translation {
  const { field, source } = operand;
  const strings = values.filter((value): value is string => value !== null);
  const withNull = strings.length !== values.length;
  if (source.queryKind === 'choice') {
    const options = source.options ?? [];
    // A value that is not an option makes Kintone fail (GAIA_IQ10); stored values of removed options may exist.
    if (strings.some((value) => !options.includes(value))) return undefined;
    const exact = optionsDistinct(options) && !operand.perRow;
    if (strings.length === 0) return nullTest(operand, !negated);
    const items = withNull ? [...strings, ''] : strings;
    const list = quotedList(items);
    if (list === undefined) return undefined;
    if (!negated) return atom(`${field} in ${list}`, exact);
    if (operand.inSubtable) return undefined;
    const notIn = atom(`${field} not in ${list}`, exact);
    // Empty values are kept by OData unless null was listed; Kintone may drop them from `not in`.
    return withNull ? notIn : orConditions(notIn, atom(`${field} in ("")`, true));
  }
  if (source.queryKind === 'status' || source.queryKind === 'entity') {
    if (negated || strings.length === 0) return undefined;
    if (strings.some((value) => value === '')) return undefined;
    const list = quotedList(strings);
    if (list === undefined) return undefined;
    const condition = atom(`${field} in ${list}`, false);
    if (!withNull) return condition;
    return source.queryKind === 'entity' ? condition : undefined;
  }
  return undefined;
}

/** A delimited multi-value text equal to a literal: each listed option must be selected (superset). */
function delimitedEquality(
  operand: Operand,
  operator: ComparisonOperator,
  value: Value,
): Translation {
  if (operator !== 'eq' || typeof value !== 'string' || operand.source.collection) return undefined;
  if (value === '') return { constant: false };
  const options = operand.source.options ?? [];
  const items = value.split(operand.delimiter);
  if (items.some((item) => !options.includes(item))) return undefined;
  let result: KintoneCondition | undefined;
  for (const item of items) {
    const quoted = quoteString(item);
    if (quoted === undefined) return undefined;
    const condition = atom(`${operand.field} in (${quoted})`, false);
    result = result === undefined ? condition : andConditions(result, condition);
  }
  return result === undefined ? undefined : { ...result, exact: false };
}

function literalOf(node: BoundExpression): LiteralNode | undefined {
  return node.kind === 'literal' ? node : undefined;
}

function translateComparison(
  node: Extract<BoundExpression, { kind: 'comparison' }>,
  negated: boolean,
  scope: TranslationScope,
): Translation {
  let operator = node.operator;
  let operandNode = node.left;
  let literal = literalOf(node.right);
  if (literal === undefined) {
    literal = literalOf(node.left);
    operandNode = node.right;
    operator = mirrored[operator];
  }
  if (literal === undefined) return undefined;
  // `contains(x,'a') eq true` (how Salesforce writes it): the boolean expression itself.
  if (literal.resultType.type === 'Edm.Boolean' && operandNode.kind !== 'property') {
    if (typeof literal.value !== 'boolean' || (operator !== 'eq' && operator !== 'ne'))
      return undefined;
    const wantTrue = (operator === 'eq') === literal.value;
    return translateNode(operandNode, wantTrue ? negated : !negated, scope, false);
  }
  const operand = operandOf(operandNode, scope);
  if (operand === undefined) return undefined;
  if (!negated) return comparison(operand, operator, literal);
  // not (x op v): the inverse operator, plus the null rows for which `x op v` was false.
  const inverted = inverse[operator];
  const main = comparison(operand, inverted, literal);
  if (literal.value === null || operator === 'eq' || operator === 'ne') return main;
  return orTranslations(main, nullTest(operand, true));
}

function translateIn(
  node: Extract<BoundExpression, { kind: 'in' }>,
  negated: boolean,
  scope: TranslationScope,
): Translation {
  const operand = operandOf(node.operand, scope);
  if (operand === undefined) return undefined;
  const values: Value[] = [];
  for (const item of node.values) {
    const literal = literalOf(item);
    if (literal === undefined) return undefined;
    values.push(literal.value);
  }
  if (values.length === 0) return { constant: negated };
  const kind = operand.source.queryKind;
  if (kind === 'id') {
    if (operand.perRow) return undefined;
    if (values.some((value) => value === null)) {
      const others = values.filter((value) => value !== null);
      if (others.length === 0) return { constant: negated };
      values.length = 0;
      values.push(...others);
    }
    const texts = values.map(integerText);
    if (texts.some((text) => text === undefined)) return undefined;
    return atom(`${operand.field} ${negated ? 'not in' : 'in'} (${texts.join(', ')})`, true);
  }
  if (kind === 'choice' || kind === 'status' || kind === 'entity') {
    if (values.some((value) => value !== null && typeof value !== 'string')) return undefined;
    return membership(operand, values as (string | null)[], negated);
  }
  if (kind === 'number' && !negated) {
    if (values.some((value) => value === null)) return undefined;
    const numbers = values.map(decimalText);
    const tokens: string[] = [];
    let exact = !operand.perRow;
    for (const number of numbers) {
      if (number === undefined) return undefined;
      const token = numberToken(number.text);
      if (token === undefined) return undefined;
      if (number.sign === 0) exact = false;
      tokens.push(token);
    }
    return atom(`${operand.field} in (${tokens.join(', ')})`, exact);
  }
  if (kind === 'text' && !negated) {
    const strings = values.filter(
      (value): value is string => typeof value === 'string' && value !== '',
    );
    if (values.some((value) => value !== null && typeof value !== 'string')) return undefined;
    const withNull = values.some((value) => value === null);
    if (strings.length === 0) return withNull ? nullTest(operand, true) : { constant: false };
    const list = quotedList(withNull ? [...strings, ''] : strings);
    if (list === undefined) return undefined;
    return atom(`${operand.field} in ${list}`, false);
  }
  // Anything else: a disjunction (or, negated, a conjunction) of comparisons.
  let result: Translation = { constant: negated };
  for (const value of values) {
    const literal: LiteralNode = {
      kind: 'literal',
      resultType: { type: node.operand.resultType.type, collection: false },
      value,
    };
    const part = negated
      ? translateComparison(
          {
            kind: 'comparison',
            resultType: node.resultType,
            operator: 'eq',
            left: node.operand,
            right: literal,
          },
          true,
          scope,
        )
      : comparison(operand, 'eq', literal);
    result = negated ? andStrict(result, part) : orTranslations(result, part);
    if (result === undefined) return undefined;
  }
  return result;
}

/** `a and b` where both sides must be translatable (a conjunction derived from one condition). */
function andStrict(left: Translation, right: Translation): Translation {
  if (left === undefined || right === undefined) return undefined;
  return andTranslations(left, right);
}

function translateCall(
  node: Extract<BoundExpression, { kind: 'call' }>,
  negated: boolean,
  scope: TranslationScope,
): Translation {
  if (node.name !== 'contains' || !scope.table.kintone.containsAsLike) return undefined;
  const [target, search] = node.args;
  if (target === undefined || search === undefined) return undefined;
  const operand = operandOf(target, scope);
  const literal = literalOf(search);
  if (operand === undefined || literal === undefined || typeof literal.value !== 'string')
    return undefined;
  const kind = operand.source.queryKind;
  if (kind !== 'text' && kind !== 'longText' && kind !== 'files') return undefined;
  const quoted = quoteString(literal.value);
  if (quoted === undefined) return undefined;
  if (negated && operand.inSubtable) return undefined;
  // Exact by the administrator's choice (containsAsLike): Kintone's word search decides.
  return atom(`${operand.field} ${negated ? 'not like' : 'like'} ${quoted}`, !operand.perRow);
}

function translateLambda(
  node: Extract<BoundExpression, { kind: 'lambda' }>,
  negated: boolean,
  scope: TranslationScope,
): Translation {
  if (node.source.kind === 'navigation') return translateSubtableAny(node, negated, scope);
  // Only `Tags/any(t: t eq 'A' or t eq 'B')` over a multi-choice collection column.
  if (node.operator !== 'any' || node.source.kind !== 'property') return undefined;
  const operand = operandOf(node.source, scope);
  if (
    operand === undefined ||
    operand.source.queryKind !== 'multiChoice' ||
    !operand.source.collection
  )
    return undefined;
  if (node.predicate === undefined) return nullTest(operand, negated);
  const values: string[] = [];
  const collect = (predicate: BoundExpression): boolean => {
    if (predicate.kind === 'logical' && predicate.operator === 'or')
      return collect(predicate.left) && collect(predicate.right);
    if (
      predicate.kind === 'comparison' &&
      predicate.operator === 'eq' &&
      predicate.left.kind === 'property' &&
      predicate.left.variable === node.variable &&
      predicate.left.property === undefined &&
      predicate.right.kind === 'literal' &&
      typeof predicate.right.value === 'string'
    ) {
      values.push(predicate.right.value);
      return true;
    }
    return false;
  };
  if (!collect(node.predicate)) return undefined;
  const options = operand.source.options ?? [];
  if (values.some((value) => !options.includes(value))) return undefined;
  const list = quotedList(values);
  if (list === undefined) return undefined;
  const exact = optionsDistinct(options);
  if (!negated) return atom(`${operand.field} in ${list}`, exact);
  return orConditions(
    atom(`${operand.field} not in ${list}`, exact),
    atom(`${operand.field} in ("")`, true),
  );
}

/**
 * `Items/any(i: <predicate>)` on an app: Kintone matches a record when one subtable row
 * satisfies all the `and`-joined positive conditions on that subtable, which is exactly
 * `any`. Only exact predicates without negative operators are pushed (the gateway cannot
 * evaluate navigation, so nothing here may be a mere superset); `all`, `not any` and
 * `any()` without a predicate are not (records without rows match no Kintone condition).
 */
function translateSubtableAny(
  node: Extract<BoundExpression, { kind: 'lambda' }>,
  negated: boolean,
  scope: TranslationScope,
): Translation {
  const source = node.source;
  if (negated || node.operator !== 'any' || source.kind !== 'navigation') return undefined;
  if (source.variable !== null || source.next !== undefined || scope.lambda !== undefined)
    return undefined;
  if (node.predicate === undefined || node.variable === undefined) return undefined;
  const subtable = scope.table.kintone.subtables?.[source.navigation.name];
  if (subtable === undefined) return undefined;
  const inner = translateNode(
    node.predicate,
    false,
    { ...scope, lambda: { variable: node.variable, subtable } },
    false,
  );
  if (inner === undefined) return undefined;
  if (isConstant(inner)) return inner.constant ? undefined : inner;
  if (!inner.exact || inner.subtables !== undefined || hasNegativeOperator(inner.text))
    return undefined;
  return { ...inner, subtables: [subtable.code] };
}

/** Whether a condition uses `!=`, `not in`, `not like` or `is not empty` (outside string literals). */
function hasNegativeOperator(text: string): boolean {
  const withoutStrings = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return /!=|\bnot\b/.test(withoutStrings);
}

function translateNode(
  node: BoundExpression,
  negated: boolean,
  scope: TranslationScope,
  _top: boolean,
): Translation {
  switch (node.kind) {
    case 'literal':
      return typeof node.value === 'boolean' ? { constant: node.value !== negated } : undefined;
    case 'logical': {
      const left = translateNode(node.left, negated, scope, false);
      const right = translateNode(node.right, negated, scope, false);
      // De Morgan: a negated `and` is an `or` of the negations, and the other way round.
      const conjunction = (node.operator === 'and') !== negated;
      return conjunction ? andTranslations(left, right) : orTranslations(left, right);
    }
    case 'not':
      return translateNode(node.operand, !negated, scope, false);
    case 'comparison':
      return translateComparison(node, negated, scope);
    case 'in':
      return translateIn(node, negated, scope);
    case 'call':
      return translateCall(node, negated, scope);
    case 'lambda':
      return translateLambda(node, negated, scope);
    case 'property':
    case 'navigation':
    case 'arithmetic':
    case 'negate':
    case 'cast':
    case 'isof':
    case 'count':
      return undefined;
  }
}

/** Translates one condition of the filter (a conjunct) in a table's scope. */
export function translateCondition(node: BoundExpression, scope: TranslationScope): Translation {
  return translateNode(node, false, scope, true);
}

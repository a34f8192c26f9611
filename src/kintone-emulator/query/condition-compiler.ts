/**
 * Type-checks the condition of a parsed query and compiles it into one record predicate
 * made of closures (facts sheet §5.2–5.4). All parsing of literals, option checks, function
 * evaluation and field lookups happen here, once; the predicate only reads values.
 *
 * Checks, in this order per condition: field known (`GAIA_IQ11`, `GAIA_IR02`), `=`/`!=` on a
 * subtable field (`GAIA_IQ07`), operator allowed for the type (`GAIA_IQ03`), then values:
 * unknown function or function not usable with the field, unreadable literal (`CB_VA01`),
 * function arguments (`GAIA_IL08`, `GAIA_IQ23`, `GAIA_IQ25`), `in` values that are not
 * options of a selection field (`GAIA_IQ10`; `""` is always allowed).
 *
 * Semantics:
 * - Negative operators (`!=`, `not in`, `not like`, `is not empty`) are the exact negation of
 *   their positive forms on top-level fields, so `x != 5` and `x not in (5)` also match
 *   records where `x` is empty.
 * - `= ""`, `!= ""` and `in ("")` test emptiness (see `isEmptyValue`; whitespace-only strings
 *   are empty, so a whitespace-only `in` value acts as `""`) for every type that allows them.
 * - Text equality (`=`, `in`) is exact and case-sensitive.
 * - Ordered types compare in their domain: NUMBER/CALC numerically; RECORD_NUMBER by the
 *   number after an optional app-code prefix (`"APP-12"` and `12` both name record 12);
 *   DATE by day; DATETIME/CREATED_TIME/UPDATED_TIME by minute (UTC); TIME by minute of the
 *   day (dates and times as canonical strings, see `temporal-values.ts`); CALC by its
 *   `format`. A value that names a span (a date literal on a DATETIME field, `TODAY()`,
 *   `THIS_MONTH()` ...) is a range [first, last]: `=` matches inside it, `!=` outside,
 *   `<` before its first minute/day, `<=` up to its last, `>` after its last, `>=` from its
 *   first. A datetime literal or `NOW()` names one minute (seconds are dropped).
 * - A datetime literal used on a DATE field names the day it falls on in the user's zone.
 * - Multi-valued fields (CHECK_BOX, MULTI_SELECT, CATEGORY, user/organization/group selects,
 *   STATUS_ASSIGNEE) match `in` when any of their values is in the list; users,
 *   organizations and groups are matched by code. `LOGINUSER()` is the caller's code;
 *   `PRIMARY_ORGANIZATION()` without a primary organization is left out of the list, and a
 *   condition left with no values at all is ignored (always true).
 * - Subtable fields: a positive condition matches when any row matches; a negative one when
 *   every row matches; a record with no rows matches neither. Positive conditions on fields
 *   of the same subtable that are operands of one `and` chain (nested parentheses that
 *   contain only `and` are part of the chain) must all hold in one row; negative conditions
 *   hold for every row anyway, so they are checked on their own.
 */
import type { FieldRawValue, FieldValue, KintoneRecord, SubtableRow } from '../model/record.js';
import { allowedOperators, fieldDomain, hasOptionList, type FieldDomain } from './field-domain.js';
import { invalidInput, queryError } from './query-error-messages.js';
import type { QueryField, QueryFieldCatalog } from './query-field-catalog.js';
import { checkNoArguments, evaluateDayFunction, functionCategory } from './query-functions.js';
import {
  conditionOperator,
  type ComparisonOperator,
  type ConditionNode,
  type ValueNode,
} from './query-syntax-tree.js';
import {
  canonicalReaderFor,
  isEmptyValue,
  numericReaderFor,
  recordNumberOf,
  type CanonicalReader,
  type NumericReader,
} from './stored-value-readers.js';
import {
  dayOfTemporalLiteral,
  formatDay,
  formatMinute,
  formatMinuteOfDay,
  parseDurationLiteral,
  parseTemporalLiteral,
  parseTimeLiteral,
  rangeEnd,
} from './temporal-values.js';
import { instantOfWallClock, millisecondsPerMinute } from './time-zone-calendar.js';
import { compileWordSearch, isBlankText } from './word-search.js';

export type RecordPredicate = (record: KintoneRecord) => boolean;
type ValuePredicate = (raw: FieldRawValue | undefined) => boolean;
type Cells = Readonly<Record<string, FieldValue>>;

/** What the compiler needs besides the tree. */
export interface ConditionEnvironment {
  readonly catalog: QueryFieldCatalog;
  readonly loginUserCode: string;
  readonly primaryOrganization: string | undefined;
  readonly timeZone: string;
  /** The current minute (minutes since the epoch). */
  readonly nowMinute: number;
  /** Today's day number in the user's time zone (computed on first use). */
  today(): number;
}

/** A condition on one field, not yet bound to records (subtable conditions stay open). */
interface FieldCondition {
  readonly kind: 'field';
  readonly code: string;
  readonly subtableCode: string | undefined;
  /** The positive test on the field's value. */
  readonly test: ValuePredicate;
  /** True for `!=`, `not in`, `not like`, `is not empty`. */
  readonly negated: boolean;
}

type CompiledCondition =
  | FieldCondition
  | { readonly kind: 'record'; readonly test: RecordPredicate }
  | { readonly kind: 'always' };

const always: RecordPredicate = () => true;

/** Compiles a query condition into a record predicate (absent condition: every record). */
export function compileCondition(
  condition: ConditionNode | undefined,
  environment: ConditionEnvironment,
): RecordPredicate {
  return condition === undefined ? always : bind(compileNode(condition, environment));
}

function compileNode(node: ConditionNode, environment: ConditionEnvironment): CompiledCondition {
  switch (node.kind) {
    case 'or': {
      const operands = node.operands.map((operand) => compileNode(operand, environment));
      if (operands.some((operand) => operand.kind === 'always')) return { kind: 'always' };
      return { kind: 'record', test: anyOf(operands.map(bind)) };
    }
    case 'and':
      return compileAnd(node, environment);
    case 'comparison':
    case 'membership':
    case 'like':
    case 'emptiness':
      return compileLeaf(node, environment);
  }
}

// ---- and / or ----

function flattenAnd(node: ConditionNode, into: ConditionNode[]): ConditionNode[] {
  if (node.kind === 'and') for (const operand of node.operands) flattenAnd(operand, into);
  else into.push(node);
  return into;
}

function compileAnd(node: ConditionNode, environment: ConditionEnvironment): CompiledCondition {
  const predicates: RecordPredicate[] = [];
  const rowGroups = new Map<string, FieldCondition[]>();
  for (const operand of flattenAnd(node, [])) {
    const compiled = compileNode(operand, environment);
    if (compiled.kind === 'always') continue;
    if (compiled.kind === 'field' && compiled.subtableCode !== undefined && !compiled.negated) {
      const group = rowGroups.get(compiled.subtableCode);
      if (group === undefined) rowGroups.set(compiled.subtableCode, [compiled]);
      else group.push(compiled);
      continue;
    }
    predicates.push(bind(compiled));
  }
  for (const [subtableCode, group] of rowGroups) {
    const [single] = group;
    predicates.push(
      group.length === 1 && single !== undefined ? bind(single) : sameRow(subtableCode, group),
    );
  }
  return { kind: 'record', test: allOf(predicates) };
}

function allOf(predicates: readonly RecordPredicate[]): RecordPredicate {
  const [first, second, third] = predicates;
  if (first === undefined) return always;
  if (second === undefined) return first;
  if (third === undefined) return (record) => first(record) && second(record);
  if (predicates.length === 3) {
    return (record) => first(record) && second(record) && third(record);
  }
  return (record) => {
    for (const predicate of predicates) if (!predicate(record)) return false;
    return true;
  };
}

function anyOf(predicates: readonly RecordPredicate[]): RecordPredicate {
  const [first, second] = predicates;
  if (first === undefined) return () => false;
  if (second === undefined) return first;
  if (predicates.length === 2) return (record) => first(record) || second(record);
  return (record) => {
    for (const predicate of predicates) if (predicate(record)) return true;
    return false;
  };
}

// ---- binding field conditions to records ----

const noRows: readonly SubtableRow[] = [];

function rowsOf(record: KintoneRecord, subtableCode: string): readonly SubtableRow[] {
  const value = record[subtableCode]?.value;
  return Array.isArray(value) ? (value as readonly SubtableRow[]) : noRows;
}

function bind(condition: CompiledCondition): RecordPredicate {
  switch (condition.kind) {
    case 'always':
      return always;
    case 'record':
      return condition.test;
    case 'field':
      break;
  }
  const { code, subtableCode, test } = condition;
  if (subtableCode === undefined) {
    return condition.negated
      ? (record) => !test(record[code]?.value)
      : (record) => test(record[code]?.value);
  }
  if (condition.negated) {
    return (record) => {
      const rows = rowsOf(record, subtableCode);
      if (rows.length === 0) return false;
      for (const row of rows) if (test(row.value[code]?.value)) return false;
      return true;
    };
  }
  return (record) => {
    for (const row of rowsOf(record, subtableCode)) if (test(row.value[code]?.value)) return true;
    return false;
  };
}

function sameRow(subtableCode: string, group: readonly FieldCondition[]): RecordPredicate {
  const codes = group.map((condition) => condition.code);
  const tests = group.map((condition) => condition.test);
  const rowMatches = (cells: Cells): boolean => {
    for (let index = 0; index < tests.length; index += 1) {
      const test = tests[index];
      const code = codes[index];
      if (test === undefined || code === undefined || !test(cells[code]?.value)) return false;
    }
    return true;
  };
  return (record) => {
    for (const row of rowsOf(record, subtableCode)) if (rowMatches(row.value)) return true;
    return false;
  };
}

// ---- single conditions ----

type LeafNode = Exclude<ConditionNode, { kind: 'or' | 'and' }>;

function compileLeaf(node: LeafNode, environment: ConditionEnvironment): CompiledCondition {
  const field = environment.catalog.resolve(node.field);
  const operator = conditionOperator(node);
  if (field.subtableCode !== undefined && (operator === '=' || operator === '!=')) {
    throw queryError('GAIA_IQ07', { code: field.code });
  }
  if (!allowedOperators(field.property.type).has(operator)) {
    throw queryError('GAIA_IQ03', { operator, code: field.code, type: field.property.type });
  }
  const domain = fieldDomain(field.property);
  const condition = (test: ValuePredicate, negated: boolean): FieldCondition => ({
    kind: 'field',
    code: field.code,
    subtableCode: field.subtableCode,
    test,
    negated,
  });
  switch (node.kind) {
    case 'comparison':
      return condition(
        compileComparison(field, domain, node.operator, node.value, environment),
        node.operator === '!=',
      );
    case 'membership': {
      const test = compileMembership(field, domain, node.values, environment);
      return test === undefined ? { kind: 'always' } : condition(test, node.negated);
    }
    case 'like':
      return condition(compileLike(domain, node.pattern), node.negated);
    case 'emptiness':
      return condition(emptinessTest(domain), node.negated);
  }
}

// ---- comparisons ----

/** An inclusive range: numbers (days, minutes ...) or canonical-string bounds. */
interface Range<Value extends number | string = number> {
  readonly low: Value;
  readonly high: Value;
}

function compileComparison(
  field: QueryField,
  domain: FieldDomain,
  operator: ComparisonOperator,
  value: ValueNode,
  environment: ConditionEnvironment,
): ValuePredicate {
  const isEquality = operator === '=' || operator === '!=';
  if (isEquality && value.kind === 'string' && value.value === '') return isEmptyValue;
  const readNumber = numericReaderFor(domain);
  if (readNumber !== undefined) {
    return numericTest(operator, readNumber, operandRange(field, domain, value, environment));
  }
  const readCanonical = canonicalReaderFor(domain);
  if (readCanonical !== undefined) {
    const range = operandRange(field, domain, value, environment);
    return canonicalTest(operator, readCanonical, canonicalBounds(domain, range));
  }
  // `=` / `!=` on SINGLE_LINE_TEXT, LINK and STATUS: exact, case-sensitive equality.
  const literal = textLiteral(field, value);
  return (raw) => raw === literal;
}

function numericTest(
  operator: ComparisonOperator,
  read: NumericReader,
  range: Range,
): ValuePredicate {
  const { low, high } = range;
  switch (operator) {
    case '=':
    case '!=':
      if (low === high) return (raw) => read(raw) === low;
      return (raw) => {
        const value = read(raw);
        return value >= low && value <= high;
      };
    case '<':
      return (raw) => read(raw) < low;
    case '<=':
      return (raw) => read(raw) <= high;
    case '>':
      return (raw) => read(raw) > high;
    case '>=':
      return (raw) => read(raw) >= low;
  }
}

function canonicalTest(
  operator: ComparisonOperator,
  read: CanonicalReader,
  bounds: Range<string>,
): ValuePredicate {
  const { low, high } = bounds;
  switch (operator) {
    case '=':
    case '!=':
      return (raw) => {
        const value = read(raw);
        return value !== undefined && value >= low && value <= high;
      };
    case '<':
      return (raw) => {
        const value = read(raw);
        return value !== undefined && value < low;
      };
    case '<=':
      return (raw) => {
        const value = read(raw);
        return value !== undefined && value <= high;
      };
    case '>':
      return (raw) => {
        const value = read(raw);
        return value !== undefined && value > high;
      };
    case '>=':
      return (raw) => {
        const value = read(raw);
        return value !== undefined && value >= low;
      };
  }
}

/** The canonical-string bounds of a range of days / minutes / minutes of the day. */
function canonicalBounds(domain: FieldDomain, range: Range): Range<string> {
  const format =
    domain === 'date' ? formatDay : domain === 'datetime' ? formatMinute : formatMinuteOfDay;
  return { low: format(range.low), high: format(range.high) + rangeEnd };
}

function literalText(value: Exclude<ValueNode, { kind: 'function' }>): string {
  return value.kind === 'string' ? value.value : value.text;
}

function textLiteral(field: QueryField, value: ValueNode): string {
  if (value.kind === 'function') throw functionNotAllowed(field, value);
  return literalText(value);
}

function functionNotAllowed(
  field: QueryField,
  value: Extract<ValueNode, { kind: 'function' }>,
): Error {
  if (functionCategory(value.name) === undefined) {
    return invalidInput('unknown-function', { function: value.name });
  }
  return invalidInput('function-not-allowed', { function: value.name, code: field.code });
}

const expectedValues: Readonly<
  Record<
    'number' | 'record-number' | 'date' | 'datetime' | 'time' | 'duration',
    {
      readonly expected: string;
      readonly expectedJapanese: string;
    }
  >
> = {
  number: { expected: 'a number', expectedJapanese: '数値を指定してください' },
  'record-number': {
    expected: 'a record number such as 12 or "APP-12"',
    expectedJapanese: '12や"APP-12"のようなレコード番号を指定してください',
  },
  date: {
    expected: 'a date such as "2024-04-01" or a date function',
    expectedJapanese: '"2024-04-01"のような日付、または日付の関数を指定してください',
  },
  datetime: {
    expected: 'a date and time such as "2024-04-01T09:00:00Z", a date, or a date function',
    expectedJapanese:
      '"2024-04-01T09:00:00Z"のような日時、日付、または日付の関数を指定してください',
  },
  time: {
    expected: 'a time such as "09:30"',
    expectedJapanese: '"09:30"のような時刻を指定してください',
  },
  duration: {
    expected: 'a duration such as "25:30"',
    expectedJapanese: '"25:30"のような時間を指定してください',
  },
};

function invalidValue(field: QueryField, domain: keyof typeof expectedValues, text: string): Error {
  return invalidInput('invalid-value', {
    value: text,
    code: field.code,
    ...expectedValues[domain],
  });
}

/** The range a value denotes in the field's ordered domain. */
function operandRange(
  field: QueryField,
  domain: FieldDomain,
  value: ValueNode,
  environment: ConditionEnvironment,
): Range {
  if (value.kind === 'function') return functionRange(field, domain, value, environment);
  const text = literalText(value);
  switch (domain) {
    case 'number': {
      const trimmed = text.trim();
      const number = trimmed === '' ? NaN : Number(trimmed);
      if (!Number.isFinite(number)) throw invalidValue(field, domain, text);
      return { low: number, high: number };
    }
    case 'record-number': {
      const number = /^(?:[A-Za-z0-9_]+-)?\d+$/.test(text.trim())
        ? recordNumberOf(text.trim())
        : NaN;
      if (Number.isNaN(number)) throw invalidValue(field, domain, text);
      return { low: number, high: number };
    }
    case 'date': {
      const literal = parseTemporalLiteral(text, environment.timeZone);
      if (literal === undefined) throw invalidValue(field, domain, text);
      const day = dayOfTemporalLiteral(literal, environment.timeZone);
      return { low: day, high: day };
    }
    case 'datetime': {
      const literal = parseTemporalLiteral(text, environment.timeZone);
      if (literal === undefined) throw invalidValue(field, domain, text);
      if (literal.kind === 'minute') return { low: literal.minute, high: literal.minute };
      return minutesOfDays(literal.day, literal.day, environment.timeZone);
    }
    case 'time': {
      const minute = parseTimeLiteral(text);
      if (minute === undefined) throw invalidValue(field, domain, text);
      return { low: minute, high: minute };
    }
    case 'duration': {
      const minutes = parseDurationLiteral(text);
      if (minutes === undefined) throw invalidValue(field, domain, text);
      return { low: minutes, high: minutes };
    }
    default:
      throw new Error(`${domain} is not an ordered domain`);
  }
}

/** The minutes from the start of the first day to the end of the last, in the user's zone. */
function minutesOfDays(first: number, last: number, timeZone: string): Range {
  const start = Math.floor(instantOfWallClock(first, 0, timeZone) / millisecondsPerMinute);
  const end = Math.floor(instantOfWallClock(last + 1, 0, timeZone) / millisecondsPerMinute);
  return { low: start, high: end - 1 };
}

function functionRange(
  field: QueryField,
  domain: FieldDomain,
  value: Extract<ValueNode, { kind: 'function' }>,
  environment: ConditionEnvironment,
): Range {
  const category = functionCategory(value.name);
  if (category === 'now' && domain === 'datetime') {
    checkNoArguments(value);
    return { low: environment.nowMinute, high: environment.nowMinute };
  }
  if (category === 'days' && (domain === 'date' || domain === 'datetime')) {
    const days = evaluateDayFunction(value, environment.today());
    return domain === 'date'
      ? { low: days.first, high: days.last }
      : minutesOfDays(days.first, days.last, environment.timeZone);
  }
  throw functionNotAllowed(field, value);
}

// ---- in / not in ----

function isOrderedDomain(domain: FieldDomain): boolean {
  return numericReaderFor(domain) !== undefined || canonicalReaderFor(domain) !== undefined;
}

const userFunctionTypes: ReadonlySet<string> = new Set([
  'CREATOR',
  'MODIFIER',
  'USER_SELECT',
  'STATUS_ASSIGNEE',
]);

/** The positive `in` test, or undefined when the condition is ignored. */
function compileMembership(
  field: QueryField,
  domain: FieldDomain,
  values: readonly ValueNode[],
  environment: ConditionEnvironment,
): ValuePredicate | undefined {
  const { type, options } = field.property;
  let matchesEmpty = false;
  let ignoredValues = 0;
  const literals: ValueNode[] = [];
  for (const value of values) {
    if (value.kind === 'function') {
      const category = functionCategory(value.name);
      if (category === 'login-user' && userFunctionTypes.has(type)) {
        checkNoArguments(value);
        literals.push({
          kind: 'string',
          value: environment.loginUserCode,
          position: value.position,
        });
      } else if (category === 'primary-organization' && type === 'ORGANIZATION_SELECT') {
        checkNoArguments(value);
        const organization = environment.primaryOrganization;
        if (organization === undefined) ignoredValues += 1;
        else literals.push({ kind: 'string', value: organization, position: value.position });
      } else if (isOrderedDomain(domain)) {
        literals.push(value);
      } else {
        throw functionNotAllowed(field, value);
      }
      continue;
    }
    const text = literalText(value);
    if (isBlankText(text, false)) {
      // `""` (and a whitespace-only string, which is empty too) selects empty values.
      matchesEmpty = true;
      continue;
    }
    if (hasOptionList(type) && (options === undefined || !Object.hasOwn(options, text))) {
      throw queryError('GAIA_IQ10', { value: text, code: field.code });
    }
    literals.push(value);
  }
  if (ignoredValues > 0 && literals.length === 0 && !matchesEmpty) return undefined;

  const readNumber = numericReaderFor(domain);
  if (readNumber !== undefined) {
    const ranges = literals.map((value) => operandRange(field, domain, value, environment));
    return (raw) => {
      const number = readNumber(raw);
      if (Number.isNaN(number)) return matchesEmpty && isEmptyValue(raw);
      for (const range of ranges) if (number >= range.low && number <= range.high) return true;
      return false;
    };
  }
  const readCanonical = canonicalReaderFor(domain);
  if (readCanonical !== undefined) {
    const bounds = literals.map((value) =>
      canonicalBounds(domain, operandRange(field, domain, value, environment)),
    );
    return (raw) => {
      const text = readCanonical(raw);
      if (text === undefined) return matchesEmpty && isEmptyValue(raw);
      for (const range of bounds) if (text >= range.low && text <= range.high) return true;
      return false;
    };
  }
  const accepted: ReadonlySet<string> = new Set(
    literals.map((value) => (value.kind === 'function' ? '' : literalText(value))),
  );
  switch (domain) {
    case 'text':
    case 'choice':
      return (raw) =>
        (typeof raw === 'string' && accepted.has(raw)) || (matchesEmpty && isEmptyValue(raw));
    case 'choices':
      return (raw) => {
        if (!Array.isArray(raw) || raw.length === 0) return matchesEmpty;
        for (const item of raw as readonly unknown[]) {
          if (typeof item === 'string' && accepted.has(item)) return true;
        }
        return false;
      };
    case 'entity':
      return (raw) => {
        if (raw == null || typeof raw !== 'object' || !('code' in raw) || raw.code === '') {
          return matchesEmpty;
        }
        return accepted.has(raw.code);
      };
    case 'entities':
      return (raw) => {
        if (!Array.isArray(raw) || raw.length === 0) return matchesEmpty;
        for (const item of raw as readonly unknown[]) {
          if (hasCode(item) && accepted.has(item.code)) return true;
        }
        return false;
      };
    default:
      throw new Error(`"in" is not defined for the ${domain} domain`);
  }
}

function hasCode(item: unknown): item is { readonly code: string } {
  return (
    typeof item === 'object' && item !== null && 'code' in item && typeof item.code === 'string'
  );
}

function hasName(item: unknown): item is { readonly name: string } {
  return (
    typeof item === 'object' && item !== null && 'name' in item && typeof item.name === 'string'
  );
}

// ---- like / is empty ----

function compileLike(domain: FieldDomain, pattern: string): ValuePredicate {
  const matches = compileWordSearch(pattern);
  switch (domain) {
    case 'text':
      return (raw) => typeof raw === 'string' && matches(raw, false);
    case 'rich-text':
      return (raw) => typeof raw === 'string' && matches(raw, true);
    case 'files':
      return (raw) => {
        if (!Array.isArray(raw)) return false;
        for (const file of raw as readonly unknown[]) {
          if (hasName(file) && matches(file.name, false)) return true;
        }
        return false;
      };
    default:
      throw new Error(`"like" is not defined for the ${domain} domain`);
  }
}

function emptinessTest(domain: FieldDomain): ValuePredicate {
  switch (domain) {
    case 'rich-text':
      return (raw) => raw == null || (typeof raw === 'string' && isBlankText(raw, true));
    default:
      return isEmptyValue;
  }
}

/**
 * The built-in functions of OData 4.01 §5.1.1.5-5.1.1.9 (string and collection, date and
 * time, arithmetic): each checks its arguments at compile time (TSG205 when they do not
 * fit) and becomes a closure. Every function yields null when an argument is null (so
 * `contains(Name, 'x')` on a null Name is null, and a filter drops the row whether or not
 * it is negated). String functions are case-sensitive and ordinal; see string-functions.ts
 * for how characters are counted and match-pattern.ts for matchesPattern.
 *
 * Date and time parts of an Edm.DateTimeOffset are those written in the value's own
 * offset: `hour(2024-01-01T23:30:00+09:00)` is 23. `now()` is the request's time in UTC.
 */
import type { EdmPrimitiveType, PrimitiveValue, Value } from '../edm/primitive-type.js';
import { isNumericType } from '../edm/primitive-type.js';
import type { BuiltInFunction, ExpressionType, FunctionCallNode } from '../semantic/expression.js';
import { fractionDigits, nanosecondsPerSecond } from '../values/calendar.js';
import { formatDateParts } from '../values/date-text.js';
import { formatDateTimeOffset } from '../values/date-time-offset-text.js';
import { formatDecimal } from '../values/decimal-text.js';
import { readDuration, type DurationLength } from '../values/duration-text.js';
import {
  createTemporalFields,
  scanDate,
  scanDateTimeOffset,
  scanTime,
  type TemporalFields,
} from '../values/temporal-scanner.js';
import { formatTimeParts } from '../values/time-of-day-text.js';
import {
  booleanExpressionType,
  constantExpression,
  derivedExpression,
  isCollectionValue,
  predicateExpression,
  type CompileContext,
  type CompiledExpression,
  type PresentValue,
  type Test,
} from './compiled-expression.js';
import { comparerFor } from './compare-values.js';
import { ceilingDecimal, floorDecimal, roundDecimal } from './decimal-arithmetic.js';
import { describeType, invalidArgument, wrongArguments } from './evaluation-errors.js';
import { compilePattern } from './match-pattern.js';
import {
  doubleToDecimalText,
  isIntegerType,
  toDecimalNumber,
  toDouble,
  toInteger,
} from './numeric-values.js';
import {
  codePointIndexOf,
  codePointLength,
  codePointSubstring,
  collectionEndsWith,
  collectionHasSubsequence,
  collectionHasSubset,
  collectionIndexOf,
  collectionStartsWith,
  substringBounds,
  type ElementEquality,
} from './string-functions.js';

type Arguments = readonly CompiledExpression[];
type FunctionCompiler = (args: Arguments, context: CompileContext) => CompiledExpression;

const int32: ExpressionType = { type: 'Edm.Int32', collection: false };
const stringType: ExpressionType = { type: 'Edm.String', collection: false };
const decimalType: ExpressionType = { type: 'Edm.Decimal', collection: false };
const dateTimeOffsetType: ExpressionType = { type: 'Edm.DateTimeOffset', collection: false };

function isNull(arg: CompiledExpression): boolean {
  return arg.type.type === 'null';
}

function checkArity(
  name: string,
  args: Arguments,
  minimum: number,
  maximum: number,
  context: CompileContext,
): void {
  if (args.length < minimum || args.length > maximum) {
    const expected = minimum === maximum ? `${minimum}` : `${minimum} to ${maximum}`;
    throw wrongArguments(
      `The function '${name}' takes ${expected} argument${maximum === 1 ? '' : 's'}, but ${args.length} ${args.length === 1 ? 'was' : 'were'} given.`,
      context.target,
    );
  }
}

function argumentAt(args: Arguments, index: number): CompiledExpression {
  const arg = args[index];
  if (arg === undefined) throw new RangeError(`missing argument ${index}`);
  return arg;
}

function badArgument(
  name: string,
  arg: CompiledExpression,
  expected: string,
  context: CompileContext,
): never {
  throw wrongArguments(
    `The function '${name}' expects ${expected}, but an argument has type ${describeType(arg.type)}.`,
    context.target,
  );
}

/** A function of one argument with null propagation. */
function unary(
  resultType: ExpressionType,
  arg: CompiledExpression,
  operate: (value: PresentValue) => Value,
): CompiledExpression {
  if (isNull(arg)) return constantExpression(resultType, null);
  const evaluate = arg.evaluate;
  const index = arg.columnIndex;
  return derivedExpression(
    resultType,
    index >= 0
      ? (row) => {
          const value = row[index];
          return value == null ? null : operate(value);
        }
      : (row) => {
          const value = evaluate(row);
          return value === null ? null : operate(value);
        },
    [arg],
  );
}

/** A function of two arguments with null propagation; a constant second argument is inlined. */
function binary(
  resultType: ExpressionType,
  first: CompiledExpression,
  second: CompiledExpression,
  operate: (left: PresentValue, right: PresentValue) => Value,
): CompiledExpression {
  if (isNull(first) || isNull(second)) return constantExpression(resultType, null);
  const firstEvaluate = first.evaluate;
  const secondEvaluate = second.evaluate;
  if (second.constant) {
    const constant = second.value;
    if (constant === null) return constantExpression(resultType, null);
    const index = first.columnIndex;
    return derivedExpression(
      resultType,
      index >= 0
        ? (row) => {
            const value = row[index];
            return value == null ? null : operate(value, constant);
          }
        : (row) => {
            const value = firstEvaluate(row);
            return value === null ? null : operate(value, constant);
          },
      [first, second],
    );
  }
  return derivedExpression(
    resultType,
    (row) => {
      const left = firstEvaluate(row);
      if (left === null) return null;
      const right = secondEvaluate(row);
      return right === null ? null : operate(left, right);
    },
    [first, second],
  );
}

/** A boolean function of two arguments (three-valued: null when an argument is null). */
function binaryTest(
  first: CompiledExpression,
  second: CompiledExpression,
  operate: (left: PresentValue, right: PresentValue) => boolean | null,
): CompiledExpression {
  const expression = binary(booleanExpressionType, first, second, operate);
  if (expression.constant) return expression;
  const evaluate = expression.evaluate as Test;
  return predicateExpression(evaluate, undefined, [first, second]);
}

// ---------------------------------------------------------------------------------------
// String and collection functions

function elementEquality(first: CompiledExpression, second: CompiledExpression): ElementEquality {
  const leftType = first.type.type;
  const rightType = second.type.type;
  const compare =
    leftType === 'null' || rightType === 'null' ? undefined : comparerFor(leftType, rightType);
  return compare === undefined
    ? (left, right) => left === right
    : (left, right) => compare(left, right) === 0;
}

/** Checks two arguments that are both strings, or both collections; true for collections. */
function stringOrCollectionPair(
  name: string,
  first: CompiledExpression,
  second: CompiledExpression,
  context: CompileContext,
): boolean {
  for (const arg of [first, second]) {
    if (isNull(arg)) continue;
    if (!arg.type.collection && arg.type.type !== 'Edm.String') {
      badArgument(name, arg, 'two strings or two collections', context);
    }
  }
  const collections = first.type.collection || second.type.collection;
  if (
    collections &&
    !((first.type.collection || isNull(first)) && (second.type.collection || isNull(second)))
  ) {
    badArgument(
      name,
      first.type.collection ? second : first,
      'two strings or two collections',
      context,
    );
  }
  return collections;
}

function stringOrCollectionTest(
  name: string,
  onStrings: (text: string, search: string) => boolean,
  onCollections: (
    items: readonly PrimitiveValue[],
    search: readonly PrimitiveValue[],
    equal: ElementEquality,
  ) => boolean,
): FunctionCompiler {
  return (args, context) => {
    checkArity(name, args, 2, 2, context);
    const first = argumentAt(args, 0);
    const second = argumentAt(args, 1);
    if (stringOrCollectionPair(name, first, second, context)) {
      const equal = elementEquality(first, second);
      return binaryTest(first, second, (items, search) =>
        isCollectionValue(items) && isCollectionValue(search)
          ? onCollections(items, search, equal)
          : null,
      );
    }
    return binaryTest(first, second, (text, search) =>
      typeof text === 'string' && typeof search === 'string' ? onStrings(text, search) : null,
    );
  };
}

function stringArgument(
  name: string,
  args: Arguments,
  context: CompileContext,
): CompiledExpression {
  checkArity(name, args, 1, 1, context);
  const arg = argumentAt(args, 0);
  if (!isNull(arg) && (arg.type.collection || arg.type.type !== 'Edm.String')) {
    badArgument(name, arg, 'a string', context);
  }
  return arg;
}

function stringFunction(name: string, operate: (text: string) => string): FunctionCompiler {
  return (args, context) =>
    unary(stringType, stringArgument(name, args, context), (value) =>
      typeof value === 'string' ? operate(value) : null,
    );
}

function integerArgument(name: string, arg: CompiledExpression, context: CompileContext): void {
  if (
    !isNull(arg) &&
    (arg.type.collection || arg.type.type === 'null' || !isIntegerType(arg.type.type))
  ) {
    badArgument(name, arg, 'an integer position or length', context);
  }
}

function toPosition(value: Value): number | undefined {
  const integer = toInteger(value);
  if (integer === undefined) return undefined;
  return typeof integer === 'bigint' ? (integer < 0n ? -Infinity : Infinity) : integer;
}

const compileSubstring: FunctionCompiler = (args, context) => {
  checkArity('substring', args, 2, 3, context);
  const source = argumentAt(args, 0);
  const startArgument = argumentAt(args, 1);
  const lengthArgument = args[2];
  if (!isNull(source) && !source.type.collection && source.type.type !== 'Edm.String') {
    badArgument('substring', source, 'a string or a collection', context);
  }
  integerArgument('substring', startArgument, context);
  if (lengthArgument !== undefined) integerArgument('substring', lengthArgument, context);
  const resultType = source.type.collection ? source.type : stringType;
  const target = context.target;
  const operands =
    lengthArgument === undefined
      ? [source, startArgument]
      : [source, startArgument, lengthArgument];
  if (operands.some(isNull)) return constantExpression(resultType, null);
  const sourceEvaluate = source.evaluate;
  const startEvaluate = startArgument.evaluate;
  const lengthEvaluate = lengthArgument?.evaluate;
  return derivedExpression(
    resultType,
    (row) => {
      const value = sourceEvaluate(row);
      if (value === null) return null;
      const start = toPosition(startEvaluate(row));
      if (start === undefined) return null;
      let length: number | undefined;
      if (lengthEvaluate !== undefined) {
        length = toPosition(lengthEvaluate(row));
        if (length === undefined) return null;
        if (length < 0) {
          throw invalidArgument(
            `The function 'substring' was given the length ${length}; a length cannot be negative.`,
            target,
          );
        }
      }
      if (typeof value === 'string') return codePointSubstring(value, start, length);
      if (isCollectionValue(value)) {
        const [from, to] = substringBounds(value.length, start, length);
        return value.slice(from, to);
      }
      return null;
    },
    operands,
  );
};

const compileLength: FunctionCompiler = (args, context) => {
  checkArity('length', args, 1, 1, context);
  const arg = argumentAt(args, 0);
  if (!isNull(arg) && !arg.type.collection && arg.type.type !== 'Edm.String') {
    badArgument('length', arg, 'a string or a collection', context);
  }
  return unary(int32, arg, (value) =>
    typeof value === 'string'
      ? codePointLength(value)
      : isCollectionValue(value)
        ? value.length
        : null,
  );
};

const compileIndexOf: FunctionCompiler = (args, context) => {
  checkArity('indexof', args, 2, 2, context);
  const first = argumentAt(args, 0);
  const second = argumentAt(args, 1);
  if (stringOrCollectionPair('indexof', first, second, context)) {
    const equal = elementEquality(first, second);
    return binary(int32, first, second, (items, search) =>
      isCollectionValue(items) && isCollectionValue(search)
        ? collectionIndexOf(items, search, equal)
        : null,
    );
  }
  return binary(int32, first, second, (text, search) =>
    typeof text === 'string' && typeof search === 'string' ? codePointIndexOf(text, search) : null,
  );
};

const compileConcat: FunctionCompiler = (args, context) => {
  checkArity('concat', args, 2, 2, context);
  const first = argumentAt(args, 0);
  const second = argumentAt(args, 1);
  if (stringOrCollectionPair('concat', first, second, context)) {
    const type = first.type.collection ? first.type : second.type;
    return binary(type, first, second, (left, right) =>
      isCollectionValue(left) && isCollectionValue(right) ? [...left, ...right] : null,
    );
  }
  return binary(stringType, first, second, (left, right) =>
    typeof left === 'string' && typeof right === 'string' ? left + right : null,
  );
};

const compileMatchesPattern: FunctionCompiler = (args, context) => {
  checkArity('matchesPattern', args, 2, 3, context);
  const text = argumentAt(args, 0);
  const pattern = argumentAt(args, 1);
  const flagsArgument = args[2];
  for (const arg of args) {
    if (!isNull(arg) && (arg.type.collection || arg.type.type !== 'Edm.String')) {
      badArgument('matchesPattern', arg, 'strings', context);
    }
  }
  let flags = '';
  if (flagsArgument !== undefined) {
    if (!flagsArgument.constant) {
      throw wrongArguments(
        "The flags of 'matchesPattern' must be a literal string.",
        context.target,
      );
    }
    flags = typeof flagsArgument.value === 'string' ? flagsArgument.value : '';
  }
  const target = context.target;
  if (pattern.constant) {
    if (typeof pattern.value !== 'string') return constantExpression(booleanExpressionType, null);
    const compiled = compilePattern(pattern.value, flags, target);
    if (!(compiled instanceof RegExp)) throw compiled;
    return binaryTest(text, pattern, (value) =>
      typeof value === 'string' ? compiled.test(value) : null,
    );
  }
  let lastPattern: string | undefined;
  let lastRegExp: RegExp | undefined;
  return binaryTest(text, pattern, (value, patternValue) => {
    if (typeof value !== 'string' || typeof patternValue !== 'string') return null;
    if (patternValue !== lastPattern || lastRegExp === undefined) {
      const compiled = compilePattern(patternValue, flags, target);
      if (!(compiled instanceof RegExp)) throw compiled;
      lastPattern = patternValue;
      lastRegExp = compiled;
    }
    return lastRegExp.test(value);
  });
};

function collectionTest(
  name: string,
  operate: (
    items: readonly PrimitiveValue[],
    search: readonly PrimitiveValue[],
    equal: ElementEquality,
  ) => boolean,
): FunctionCompiler {
  return (args, context) => {
    checkArity(name, args, 2, 2, context);
    const first = argumentAt(args, 0);
    const second = argumentAt(args, 1);
    for (const arg of [first, second]) {
      if (!isNull(arg) && !arg.type.collection) badArgument(name, arg, 'two collections', context);
    }
    const equal = elementEquality(first, second);
    return binaryTest(first, second, (items, search) =>
      isCollectionValue(items) && isCollectionValue(search) ? operate(items, search, equal) : null,
    );
  };
}

// ---------------------------------------------------------------------------------------
// Date and time functions

const fields = createTemporalFields();
const durationLength: DurationLength = { seconds: 0, nanoseconds: 0 };

/** Reads a temporal text of `type` into `fields`; false when malformed. */
function readTemporal(text: string, type: EdmPrimitiveType, target: TemporalFields): boolean {
  switch (type) {
    case 'Edm.Date':
      return scanDate(text, 0, target) === text.length;
    case 'Edm.DateTimeOffset':
      return scanDateTimeOffset(text, target);
    case 'Edm.TimeOfDay':
      return scanTime(text, 0, target) === text.length;
    default:
      return false;
  }
}

function temporalPart(
  name: BuiltInFunction,
  allowed: readonly EdmPrimitiveType[],
  resultType: ExpressionType,
  extract: (fields: TemporalFields) => Value,
): FunctionCompiler {
  return (args, context) => {
    checkArity(name, args, 1, 1, context);
    const arg = argumentAt(args, 0);
    const type = arg.type.type;
    if (type === 'null') return constantExpression(resultType, null);
    if (arg.type.collection || !allowed.includes(type)) {
      badArgument(name, arg, allowed.join(' or '), context);
    }
    return unary(resultType, arg, (value) =>
      typeof value === 'string' && readTemporal(value, type, fields) ? extract(fields) : null,
    );
  };
}

const dateTypes: readonly EdmPrimitiveType[] = ['Edm.Date', 'Edm.DateTimeOffset'];
const timeTypes: readonly EdmPrimitiveType[] = ['Edm.DateTimeOffset', 'Edm.TimeOfDay'];
const dateTimeOffsetOnly: readonly EdmPrimitiveType[] = ['Edm.DateTimeOffset'];

function decimalOfNanoseconds(nanoseconds: number): string {
  return nanoseconds === 0 ? '0' : `0.${fractionDigits(nanoseconds)}`;
}

const compileTotalSeconds: FunctionCompiler = (args, context) => {
  checkArity('totalseconds', args, 1, 1, context);
  const arg = argumentAt(args, 0);
  if (!isNull(arg) && (arg.type.collection || arg.type.type !== 'Edm.Duration')) {
    badArgument('totalseconds', arg, 'an Edm.Duration', context);
  }
  const nanosecondsPerSecondBig = BigInt(nanosecondsPerSecond);
  return unary(decimalType, arg, (value) => {
    if (typeof value !== 'string' || !readDuration(value, durationLength)) return null;
    return formatDecimal(
      BigInt(durationLength.seconds) * nanosecondsPerSecondBig + BigInt(durationLength.nanoseconds),
      9,
    );
  });
};

function constantFunction(
  name: string,
  value: (context: CompileContext) => string,
): FunctionCompiler {
  return (args, context) => {
    checkArity(name, args, 0, 0, context);
    return constantExpression(dateTimeOffsetType, value(context));
  };
}

// ---------------------------------------------------------------------------------------
// Arithmetic functions

function roundingFunction(
  name: string,
  onDouble: (value: number) => number,
  onDecimal: typeof roundDecimal,
): FunctionCompiler {
  return (args, context) => {
    checkArity(name, args, 1, 1, context);
    const arg = argumentAt(args, 0);
    const type = arg.type.type;
    if (type === 'null') return arg;
    if (arg.type.collection || !isNumericType(type)) badArgument(name, arg, 'a number', context);
    if (isIntegerType(type)) return arg;
    if (type === 'Edm.Decimal') {
      return unary(arg.type, arg, (value) => {
        const decimal = toDecimalNumber(value);
        if (decimal === undefined) return doubleToDecimalText(onDouble(toDouble(value)));
        const result = onDecimal(decimal);
        return formatDecimal(result.unscaled, result.scale);
      });
    }
    return unary(arg.type, arg, (value) => {
      const result = onDouble(toDouble(value));
      return result === 0 ? 0 : result;
    });
  };
}

function roundHalfAwayFromZero(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

// ---------------------------------------------------------------------------------------

const functionCompilers: Record<BuiltInFunction, FunctionCompiler> = {
  contains: stringOrCollectionTest(
    'contains',
    (text, search) => text.includes(search),
    (items, search, equal) => collectionIndexOf(items, search, equal) >= 0,
  ),
  startswith: stringOrCollectionTest(
    'startswith',
    (text, search) => text.startsWith(search),
    collectionStartsWith,
  ),
  endswith: stringOrCollectionTest(
    'endswith',
    (text, search) => text.endsWith(search),
    collectionEndsWith,
  ),
  length: compileLength,
  indexof: compileIndexOf,
  substring: compileSubstring,
  tolower: stringFunction('tolower', (text) => text.toLowerCase()),
  toupper: stringFunction('toupper', (text) => text.toUpperCase()),
  trim: stringFunction('trim', (text) => text.trim()),
  concat: compileConcat,
  matchesPattern: compileMatchesPattern,
  year: temporalPart('year', dateTypes, int32, (parts) => parts.year),
  month: temporalPart('month', dateTypes, int32, (parts) => parts.month),
  day: temporalPart('day', dateTypes, int32, (parts) => parts.day),
  hour: temporalPart('hour', timeTypes, int32, (parts) => parts.hour),
  minute: temporalPart('minute', timeTypes, int32, (parts) => parts.minute),
  second: temporalPart('second', timeTypes, int32, (parts) => parts.second),
  fractionalseconds: temporalPart('fractionalseconds', timeTypes, decimalType, (parts) =>
    decimalOfNanoseconds(parts.nanosecond),
  ),
  totalseconds: compileTotalSeconds,
  date: temporalPart('date', dateTimeOffsetOnly, { type: 'Edm.Date', collection: false }, (parts) =>
    formatDateParts(parts.year, parts.month, parts.day),
  ),
  time: temporalPart(
    'time',
    dateTimeOffsetOnly,
    { type: 'Edm.TimeOfDay', collection: false },
    (parts) => formatTimeParts(parts.hour, parts.minute, parts.second, parts.nanosecond),
  ),
  totaloffsetminutes: temporalPart(
    'totaloffsetminutes',
    dateTimeOffsetOnly,
    int32,
    (parts) => parts.offsetMinutes,
  ),
  now: constantFunction('now', (context) => formatDateTimeOffset(context.options.now.getTime())),
  maxdatetime: constantFunction('maxdatetime', () => '9999-12-31T23:59:59.9999999Z'),
  mindatetime: constantFunction('mindatetime', () => '0001-01-01T00:00:00Z'),
  round: roundingFunction('round', roundHalfAwayFromZero, roundDecimal),
  floor: roundingFunction('floor', Math.floor, floorDecimal),
  ceiling: roundingFunction('ceiling', Math.ceil, ceilingDecimal),
  hassubset: collectionTest('hassubset', collectionHasSubset),
  hassubsequence: collectionTest('hassubsequence', collectionHasSubsequence),
};

export function compileFunctionCall(
  node: FunctionCallNode,
  args: Arguments,
  context: CompileContext,
): CompiledExpression {
  const compile = functionCompilers[node.name];
  return compile(args, context);
}

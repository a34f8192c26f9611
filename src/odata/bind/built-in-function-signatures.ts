/**
 * Signatures of the built-in functions (URL conventions 5.1.1.5 - 5.1.1.10): for each
 * name, the overloads with the types each parameter accepts and the result type. Numeric
 * parameters accept any numeric type; `round`, `floor` and `ceiling` return Edm.Double for
 * floating-point arguments and Edm.Decimal otherwise.
 */
import type { EdmPrimitiveType } from '../edm/primitive-type.js';
import { integerTypes, numericTypes } from '../edm/primitive-type.js';
import {
  builtInFunctions,
  type BuiltInFunction,
  type ExpressionType,
} from '../semantic/expression.js';

/** What one parameter accepts. */
export interface ParameterSignature {
  /** Accepted element types. */
  readonly types: ReadonlySet<EdmPrimitiveType>;
  /** True when the argument must be a collection of those types. */
  readonly collection: boolean;
  /** The type a literal argument is given (e.g. Edm.Int32 for substring's index). */
  readonly literalType: EdmPrimitiveType | undefined;
  /** How messages name the parameter's type. */
  readonly description: string;
}

export interface FunctionOverload {
  readonly parameters: readonly ParameterSignature[];
  readonly result: (argumentTypes: readonly ExpressionType[]) => ExpressionType;
}

function parameter(
  types: readonly EdmPrimitiveType[],
  description: string,
  literalType?: EdmPrimitiveType,
  collection = false,
): ParameterSignature {
  return Object.freeze({
    types: new Set(types),
    collection,
    literalType: literalType ?? (types.length === 1 ? types[0] : undefined),
    description,
  });
}

const string = parameter(['Edm.String'], 'Edm.String');
const integer = parameter([...integerTypes], 'an integer', 'Edm.Int32');
const numeric = parameter([...numericTypes], 'a number');
const dateOrDateTime = parameter(
  ['Edm.Date', 'Edm.DateTimeOffset'],
  'Edm.Date or Edm.DateTimeOffset',
);
const timeOrDateTime = parameter(
  ['Edm.TimeOfDay', 'Edm.DateTimeOffset'],
  'Edm.TimeOfDay or Edm.DateTimeOffset',
);
const dateTime = parameter(['Edm.DateTimeOffset'], 'Edm.DateTimeOffset');
const duration = parameter(['Edm.Duration'], 'Edm.Duration');
const anyCollection = parameter(
  [
    'Edm.String',
    'Edm.Boolean',
    'Edm.Byte',
    'Edm.SByte',
    'Edm.Int16',
    'Edm.Int32',
    'Edm.Int64',
    'Edm.Decimal',
    'Edm.Double',
    'Edm.Single',
    'Edm.Date',
    'Edm.DateTimeOffset',
    'Edm.TimeOfDay',
    'Edm.Duration',
    'Edm.Guid',
  ],
  'a collection',
  undefined,
  true,
);

function fixed(type: EdmPrimitiveType): () => ExpressionType {
  const result: ExpressionType = Object.freeze({ type, collection: false });
  return () => result;
}

function overload(
  parameters: readonly ParameterSignature[],
  result: FunctionOverload['result'],
): FunctionOverload {
  return Object.freeze({ parameters: Object.freeze([...parameters]), result });
}

const roundingResult = (argumentTypes: readonly ExpressionType[]): ExpressionType => {
  const type = argumentTypes[0]?.type;
  return type === 'Edm.Double' || type === 'Edm.Single'
    ? { type: 'Edm.Double', collection: false }
    : { type: 'Edm.Decimal', collection: false };
};

const stringPair = [overload([string, string], fixed('Edm.Boolean'))];

export const functionSignatures: Readonly<Record<BuiltInFunction, readonly FunctionOverload[]>> = {
  contains: stringPair,
  startswith: stringPair,
  endswith: stringPair,
  length: [overload([string], fixed('Edm.Int32'))],
  indexof: [overload([string, string], fixed('Edm.Int32'))],
  substring: [
    overload([string, integer], fixed('Edm.String')),
    overload([string, integer, integer], fixed('Edm.String')),
  ],
  tolower: [overload([string], fixed('Edm.String'))],
  toupper: [overload([string], fixed('Edm.String'))],
  trim: [overload([string], fixed('Edm.String'))],
  concat: [overload([string, string], fixed('Edm.String'))],
  matchesPattern: stringPair,
  year: [overload([dateOrDateTime], fixed('Edm.Int32'))],
  month: [overload([dateOrDateTime], fixed('Edm.Int32'))],
  day: [overload([dateOrDateTime], fixed('Edm.Int32'))],
  hour: [overload([timeOrDateTime], fixed('Edm.Int32'))],
  minute: [overload([timeOrDateTime], fixed('Edm.Int32'))],
  second: [overload([timeOrDateTime], fixed('Edm.Int32'))],
  fractionalseconds: [overload([timeOrDateTime], fixed('Edm.Decimal'))],
  totalseconds: [overload([duration], fixed('Edm.Decimal'))],
  date: [overload([dateTime], fixed('Edm.Date'))],
  time: [overload([dateTime], fixed('Edm.TimeOfDay'))],
  totaloffsetminutes: [overload([dateTime], fixed('Edm.Int32'))],
  now: [overload([], fixed('Edm.DateTimeOffset'))],
  maxdatetime: [overload([], fixed('Edm.DateTimeOffset'))],
  mindatetime: [overload([], fixed('Edm.DateTimeOffset'))],
  round: [overload([numeric], roundingResult)],
  floor: [overload([numeric], roundingResult)],
  ceiling: [overload([numeric], roundingResult)],
  hassubset: [overload([anyCollection, anyCollection], fixed('Edm.Boolean'))],
  hassubsequence: [overload([anyCollection, anyCollection], fixed('Edm.Boolean'))],
};

const byLowerCaseName: ReadonlyMap<string, BuiltInFunction> = new Map(
  builtInFunctions.map((name) => [name.toLowerCase(), name]),
);

/** The canonical name of a built-in function written in any case, or undefined. */
export function builtInFunctionNamed(name: string): BuiltInFunction | undefined {
  return byLowerCaseName.get(name.toLowerCase());
}

/** `contains(Edm.String, Edm.String)` for messages. */
export function describeOverloads(name: BuiltInFunction): string {
  return functionSignatures[name]
    .map(
      (candidate) => `${name}(${candidate.parameters.map((item) => item.description).join(', ')})`,
    )
    .join(' or ');
}

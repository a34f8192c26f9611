/**
 * The errors the evaluator raises, in one place so that their wording stays consistent.
 * Compile-time errors (the expression cannot be evaluated by the gateway) and run-time
 * errors (a row's values make an operation undefined, e.g. division by zero) are both
 * TsunagiErrors carrying a catalogue code and the query option as target.
 */
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { ExpressionType } from '../semantic/expression.js';

export function describeType(type: ExpressionType): string {
  return type.collection ? `Collection(${type.type})` : type.type;
}

export function typeMismatch(message: string, target: string): TsunagiError {
  return new TsunagiError('TSG203', message, { target });
}

export function notSupported(message: string, target: string): TsunagiError {
  return new TsunagiError('TSG210', message, { target });
}

export function navigationNotSupported(navigationName: string, target: string): TsunagiError {
  const action = target.endsWith('$orderby') ? 'Ordering' : 'Filtering';
  return new TsunagiError(
    'TSG210',
    `${action} through navigation property '${navigationName}' is not supported for this entity set.`,
    { target },
  );
}

export function wrongArguments(message: string, target: string): TsunagiError {
  return new TsunagiError('TSG205', message, { target });
}

export function notBoolean(type: ExpressionType, target: string): TsunagiError {
  return new TsunagiError(
    'TSG207',
    `Expected a boolean expression, found an expression of type ${describeType(type)}.`,
    { target },
  );
}

export function unknownVariable(name: string, target: string): TsunagiError {
  return new TsunagiError(
    'TSG212',
    `The range variable '${name}' is not defined by an enclosing any or all expression.`,
    { target },
  );
}

export function divisionByZero(operator: string, target: string): TsunagiError {
  return new TsunagiError(
    'TSG230',
    `Division by zero: the right operand of '${operator}' is 0 for a row, and integer and decimal division by zero has no value.`,
    { target },
  );
}

export function invalidPattern(message: string, target: string): TsunagiError {
  return new TsunagiError('TSG231', message, { target });
}

export function invalidArgument(message: string, target: string): TsunagiError {
  return new TsunagiError('TSG232', message, { target });
}

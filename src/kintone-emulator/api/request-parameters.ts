/**
 * Reading request parameters the way Kintone does (facts sheet §1, §6.3): ids as JSON
 * numbers or numeric strings, booleans as `true` or `"true"`, arrays from JSON or from
 * `a[0]=` query strings; a missing or invalid parameter fails with CB_VA01 naming it.
 */
import { kintoneErrors } from '../errors/kintone-errors.js';
import { validationMessages } from '../errors/validation-messages.js';
import { isJsonObject, type JsonObject } from '../support/json-value.js';

export type Parameters = JsonObject;

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/** An id parameter (≥ 1). */
export function requiredId(parameters: Parameters, key: string): number {
  const value = parameters[key];
  if (!present(value)) throw kintoneErrors.requiredParameter(key);
  return idValue(value, key);
}

export function idValue(value: unknown, key: string): number {
  const integer = toInteger(value);
  if (integer === undefined)
    throw kintoneErrors.invalidParameter(key, validationMessages.notAnInteger);
  if (integer < 1)
    throw kintoneErrors.invalidParameter(key, validationMessages.greaterThanOrEqualToOne);
  return integer;
}

export function optionalId(parameters: Parameters, key: string): number | undefined {
  return present(parameters[key]) ? requiredId(parameters, key) : undefined;
}

export function optionalInteger(
  parameters: Parameters,
  key: string,
  minimum: number,
  maximum: number,
): number | undefined {
  const value = parameters[key];
  if (!present(value)) return undefined;
  const integer = toInteger(value);
  if (integer === undefined)
    throw kintoneErrors.invalidParameter(key, validationMessages.notAnInteger);
  if (integer < minimum || integer > maximum) {
    throw kintoneErrors.invalidParameter(key, validationMessages.valueBetween(minimum, maximum));
  }
  return integer;
}

/** A revision: an integer, -1 meaning "do not check". */
export function optionalRevision(value: unknown, key: string): number | undefined {
  if (!present(value)) return undefined;
  const integer = toInteger(value);
  if (integer === undefined || integer < -1)
    throw kintoneErrors.invalidParameter(key, validationMessages.notAnInteger);
  return integer;
}

export function optionalString(parameters: Parameters, key: string): string | undefined {
  const value = parameters[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string')
    throw kintoneErrors.invalidParameter(key, validationMessages.notAString);
  return value;
}

export function requiredString(parameters: Parameters, key: string): string {
  const value = optionalString(parameters, key);
  if (value === undefined || value === '') throw kintoneErrors.requiredParameter(key);
  return value;
}

export function optionalBoolean(parameters: Parameters, key: string): boolean | undefined {
  const value = parameters[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw kintoneErrors.invalidParameter(key, validationMessages.notABoolean);
}

/** An array parameter; a query-string array arrives as an array too. */
export function optionalArray(parameters: Parameters, key: string): unknown[] | undefined {
  const value = parameters[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value))
    throw kintoneErrors.invalidParameter(key, validationMessages.notAnArray);
  return value as unknown[];
}

export function requiredArray(parameters: Parameters, key: string): unknown[] {
  const value = optionalArray(parameters, key);
  if (value === undefined) throw kintoneErrors.requiredParameter(key);
  return value;
}

export function optionalStringArray(parameters: Parameters, key: string): string[] | undefined {
  const array = optionalArray(parameters, key);
  if (array === undefined) return undefined;
  return array.map((item, index) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number') return String(item);
    throw kintoneErrors.invalidParameter(`${key}[${index}]`, validationMessages.notAString);
  });
}

export function optionalIdArray(parameters: Parameters, key: string): number[] | undefined {
  return optionalArray(parameters, key)?.map((item, index) => idValue(item, `${key}[${index}]`));
}

export function requiredObject(parameters: Parameters, key: string): JsonObject {
  const value = parameters[key];
  if (value === undefined || value === null) throw kintoneErrors.requiredParameter(key);
  if (!isJsonObject(value))
    throw kintoneErrors.invalidParameter(key, validationMessages.notAnObject);
  return value;
}

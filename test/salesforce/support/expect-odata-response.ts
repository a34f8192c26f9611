/**
 * Full checks of the responses Salesforce Connect reads: status, OData-Version and
 * Content-Type headers, context URL, `@odata.count`, `@odata.nextLink`, each entity's
 * `@odata.etag` and values (exactly the expected ones, with JSON types that fit the
 * property's EDM type), and OData JSON error bodies as Salesforce shows them to the user.
 */
import { expect } from 'vitest';
import type { CsdlEntityType, CsdlProperty } from './csdl-xml.js';
import type { Entity } from './reference-rows.js';
import type { SalesforceAdapter } from './salesforce-adapter.js';
import type { ReplayResponse } from './salesforce-replay.js';

export const jsonContentType =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function expectODataHeaders(response: ReplayResponse, adapter: SalesforceAdapter): void {
  expect(response.headers.get('odata-version'), 'OData-Version').toBe(adapter.version);
  expect(response.headers.get('content-type'), 'Content-Type').toBe(jsonContentType);
}

export function contextUrl(
  serviceUrl: string,
  set: string,
  select?: readonly string[],
  entity = false,
): string {
  const projection = select === undefined ? '' : `(${select.join(',')})`;
  return `${serviceUrl}/$metadata#${set}${projection}${entity ? '/$entity' : ''}`;
}

export interface ExpectedCollection {
  readonly adapter: SalesforceAdapter;
  readonly serviceUrl: string;
  readonly set: string;
  readonly select?: readonly string[];
  readonly rows: readonly Entity[];
  /** The `@odata.count` expected, or undefined when the request said `$count=false`. */
  readonly count: number | undefined;
  /** Whether a next link must follow (server-driven paging). */
  readonly nextLink?: boolean;
}

/** Checks a collection response completely; returns the next link when there is one. */
export function expectCollection(
  response: ReplayResponse,
  expected: ExpectedCollection,
): string | undefined {
  expect(response.status, response.text.slice(0, 500)).toBe(200);
  expectODataHeaders(response, expected.adapter);
  const body = response.body ?? {};
  const keys = ['@odata.context', 'value'];
  if (expected.count !== undefined) keys.push('@odata.count');
  if (expected.nextLink === true) keys.push('@odata.nextLink');
  expect(Object.keys(body).sort()).toEqual(keys.sort());
  expect(body['@odata.context']).toBe(
    contextUrl(expected.serviceUrl, expected.set, expected.select),
  );
  if (expected.count !== undefined) expect(body['@odata.count']).toBe(expected.count);
  expect(body['value']).toStrictEqual(expected.rows);
  const nextLink = body['@odata.nextLink'];
  if (expected.nextLink === true) {
    expect(typeof nextLink).toBe('string');
    expect(String(nextLink).startsWith(`${expected.serviceUrl}/${expected.set}?`)).toBe(true);
    return String(nextLink);
  }
  return undefined;
}

const dateText = /^\d{4}-\d{2}-\d{2}$/;
const dateTimeText = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Why a JSON value does not fit its property, or undefined when it does. */
export function valueProblem(property: CsdlProperty, value: unknown): string | undefined {
  if (value === null) return property.nullable ? undefined : 'null in a non-nullable property';
  switch (property.type) {
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Byte':
    case 'Edm.SByte':
      return Number.isSafeInteger(value) ? undefined : `not an integer: ${JSON.stringify(value)}`;
    case 'Edm.Decimal':
    case 'Edm.Double':
    case 'Edm.Single':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `not a JSON number: ${JSON.stringify(value)}`;
    case 'Edm.Boolean':
      return typeof value === 'boolean' ? undefined : 'not a boolean';
    case 'Edm.Date':
      return typeof value === 'string' && dateText.test(value)
        ? undefined
        : `not a date: ${JSON.stringify(value)}`;
    case 'Edm.DateTimeOffset':
      return typeof value === 'string' && dateTimeText.test(value)
        ? undefined
        : `not a date-time: ${JSON.stringify(value)}`;
    case 'Edm.String': {
      if (typeof value !== 'string') return 'not a string';
      const length = [...value].length;
      return property.maxLength !== undefined && length > property.maxLength
        ? `${length} characters, over MaxLength ${property.maxLength}`
        : undefined;
    }
    default:
      return `a type Salesforce cannot map: ${property.type}`;
  }
}

/** Every property of every entity is present and fits its type; nothing else is there. */
export function expectEntitiesFitType(entities: readonly Entity[], type: CsdlEntityType): void {
  const names = type.properties.map((property) => property.name);
  for (const entity of entities) {
    expect(Object.keys(entity).filter((key) => !key.startsWith('@'))).toEqual(names);
    for (const property of type.properties) {
      const problem = valueProblem(property, entity[property.name]);
      expect(problem, `${type.name}.${property.name}`).toBeUndefined();
    }
  }
}

export interface ExpectedError {
  readonly status: number;
  readonly code: string;
  /** Text the message must contain. */
  readonly message?: RegExp;
  readonly target?: string;
  /** The targets of `details`, in order. */
  readonly detailTargets?: readonly string[];
}

/** An OData JSON error body: `{ error: { code, message, target?, details? } }`. */
export function expectODataError(
  response: ReplayResponse,
  adapter: SalesforceAdapter,
  expected: ExpectedError,
): Record<string, unknown> {
  expect(response.status, response.text.slice(0, 500)).toBe(expected.status);
  expect(response.headers.get('odata-version')).toBe(adapter.version);
  expect(response.headers.get('content-type')).toBe('application/json;charset=utf-8');
  const body = response.body ?? {};
  expect(Object.keys(body)).toEqual(['error']);
  const error = body['error'] as Record<string, unknown>;
  expect(error['code']).toBe(expected.code);
  expect(typeof error['message']).toBe('string');
  if (expected.message !== undefined) expect(error['message']).toMatch(expected.message);
  if (expected.target !== undefined) expect(error['target']).toBe(expected.target);
  if (expected.detailTargets !== undefined) {
    const details = (error['details'] ?? []) as { code: string; target: string; message: string }[];
    expect(details.map((detail) => detail.target)).toEqual(expected.detailTargets);
    for (const detail of details) {
      expect(typeof detail.code).toBe('string');
      expect(detail.message).toContain(detail.target);
    }
  }
  return error;
}

/**
 * The JSON $batch format of OData 4.01 (JSON Format §19): `{"requests":[{id, method, url,
 * headers, body, atomicityGroup, dependsOn}]}` in, `{"responses":[{id, status, headers,
 * body}]}` out. Request bodies that are JSON values are re-serialised as bytes; response
 * bodies that are JSON are embedded as values, others as strings.
 */
import { TsunagiError } from '../../../errors/tsunagi-error.js';
import type { BatchItem, BatchItemResponse } from './batch-request.js';

function malformed(message: string): TsunagiError {
  return new TsunagiError('TSG630', `The JSON $batch request is malformed: ${message}.`);
}

/** An id or group name: JSON strings and numbers only. */
function nameOf(value: unknown, what: string): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw malformed(`${what} must be a string`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJsonBatch(body: Buffer): BatchItem[] {
  let document: unknown;
  try {
    document = JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : 'not JSON');
  }
  if (!isRecord(document) || !Array.isArray(document['requests']))
    throw malformed('the body must be an object with a "requests" array');
  const seen = new Set<string>();
  return (document['requests'] as unknown[]).map((request, index) => {
    if (!isRecord(request)) throw malformed(`requests[${index}] is not an object`);
    const id =
      request['id'] === undefined ? `${index + 1}` : nameOf(request['id'], `requests[${index}].id`);
    if (seen.has(id)) throw malformed(`requests[${index}] repeats the id "${id}"`);
    seen.add(id);
    const method = request['method'];
    const url = request['url'];
    if (typeof method !== 'string' || typeof url !== 'string')
      throw malformed(`requests[${index}] needs "method" and "url" strings`);
    const headers: Record<string, string> = {};
    if (request['headers'] !== undefined) {
      if (!isRecord(request['headers']))
        throw malformed(`requests[${index}].headers is not an object`);
      for (const [name, value] of Object.entries(request['headers']))
        headers[name.toLowerCase()] = String(value);
    }
    const dependsOn = request['dependsOn'] ?? [];
    if (!Array.isArray(dependsOn)) throw malformed(`requests[${index}].dependsOn is not an array`);
    for (const dependency of dependsOn) {
      if (!seen.has(String(dependency)) || String(dependency) === id) {
        throw malformed(
          `requests[${index}] depends on "${String(dependency)}", which is not an earlier request`,
        );
      }
    }
    const rawBody = request['body'];
    let bodyBytes: Buffer | undefined;
    if (rawBody !== undefined && rawBody !== null) {
      bodyBytes = Buffer.from(
        typeof rawBody === 'string' &&
          !(headers['content-type'] ?? 'application/json').includes('json')
          ? rawBody
          : JSON.stringify(rawBody),
      );
      headers['content-type'] ??= 'application/json';
    }
    const group = request['atomicityGroup'];
    return {
      id,
      method: method.toUpperCase(),
      url,
      headers,
      body: bodyBytes,
      group: group === undefined ? undefined : nameOf(group, `requests[${index}].atomicityGroup`),
      dependsOn: dependsOn.map(String),
    };
  });
}

export function writeJsonBatch(responses: readonly BatchItemResponse[]): {
  contentType: string;
  body: Buffer;
} {
  const entries = responses.map((response) => {
    const headers = Object.fromEntries(response.headers);
    const contentType = response.headers.get('content-type') ?? '';
    let body: unknown;
    if (response.body.length > 0) {
      const text = response.body.toString('utf8');
      body = contentType.includes('json') ? (JSON.parse(text) as unknown) : text;
    }
    return {
      id: response.id,
      ...(response.group === undefined ? {} : { atomicityGroup: response.group }),
      status: response.status,
      headers,
      ...(body === undefined ? {} : { body }),
    };
  });
  return {
    contentType: 'application/json;charset=utf-8',
    body: Buffer.from(JSON.stringify({ responses: entries })),
  };
}

/**
 * `bulkRequest.json` (facts sheet §3.7): up to 20 record writes run in order in one
 * transaction. When one fails, everything is rolled back, later requests are not run, and
 * the response carries the error in the failing slot and `{}` in every other one, with the
 * failing request's HTTP status.
 */
import { KintoneError } from '../errors/kintone-error.js';
import { kintoneErrors } from '../errors/kintone-errors.js';
import { validationMessages } from '../errors/validation-messages.js';
import { isJsonObject } from '../support/json-value.js';
import type { CallContext } from '../services/call-context.js';
import { parseApiPath } from './api-path.js';
import type { ApiRoute } from './api-routes.js';
import type { Parameters } from './request-parameters.js';

export const maximumBulkRequests = 20;

/** A failed bulk request: which slot failed, with which error. */
export class BulkRequestFailure extends Error {
  constructor(
    readonly failedIndex: number,
    readonly requestCount: number,
    readonly error: KintoneError,
  ) {
    super(error.message);
    this.name = 'BulkRequestFailure';
  }
}

interface PlannedRequest {
  readonly route: ApiRoute;
  readonly guestSpaceId: string | undefined;
  readonly payload: Parameters;
}

export function runBulkRequest(
  context: CallContext,
  parameters: Parameters,
  findRoute: (method: string, api: string) => ApiRoute | undefined,
): { results: unknown[] } {
  const requests = parameters['requests'];
  if (requests === undefined || requests === null)
    throw kintoneErrors.requiredParameter('requests');
  if (!Array.isArray(requests))
    throw kintoneErrors.invalidParameter('requests', validationMessages.notAnArray);
  if (requests.length > maximumBulkRequests) {
    throw kintoneErrors.invalidParameter('requests', validationMessages.tooManyBulkRequests);
  }
  const planned: PlannedRequest[] = requests.map((request: unknown, index) => {
    const entry = isJsonObject(request) ? request : {};
    const method = entry['method'];
    const api = entry['api'];
    if (typeof method !== 'string' || !['GET', 'POST', 'PUT', 'DELETE'].includes(method)) {
      throw kintoneErrors.invalidParameter(
        `requests[${index}].method`,
        validationMessages.enumValue,
      );
    }
    const path = typeof api === 'string' ? parseApiPath(api) : undefined;
    const route = path === undefined ? undefined : findRoute(method, path.api);
    if (path === undefined || route === undefined || !route.allowedInBulk) {
      throw kintoneErrors.invalidParameter(
        `requests[${index}].api`,
        validationMessages.unsupportedBulkApi,
      );
    }
    const payload = entry['payload'];
    return {
      route,
      guestSpaceId: path.guestSpaceId,
      payload: isJsonObject(payload) ? payload : {},
    };
  });
  const results: unknown[] = [];
  let current = 0;
  try {
    context.domain.state.transaction(() => {
      for (const request of planned) {
        const subContext: CallContext = { ...context, guestSpaceId: request.guestSpaceId };
        results.push(request.route.handle(subContext, { parameters: request.payload }));
        current++;
      }
    });
  } catch (error) {
    if (error instanceof KintoneError) throw new BulkRequestFailure(current, planned.length, error);
    throw error;
  }
  return { results };
}

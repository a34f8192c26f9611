/**
 * The connector's Kintone REST client: typed JSON calls with the connection's
 * authentication, a per-connection cap on concurrent calls, retries with jittered
 * exponential backoff inside the request deadline (reads on every transient failure,
 * writes only when Kintone cannot have applied them), a per-call timeout, abort, and a
 * SourceCall record for every attempt. GET parameters go in the query string like the
 * official client (`fields[0]=a`), or into a POST with X-HTTP-Method-Override when the URL
 * would exceed 4,096 characters.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutionContext } from '../../connector.js';
import type { KintoneConnectionConfig } from '../settings/kintone-settings.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import { KintoneApiError, type KintoneErrorBody } from './kintone-api-error.js';
import {
  KintoneTransport,
  TransportError,
  type HttpMethod,
  type TransportResponse,
} from './kintone-transport.js';
import {
  classifyResponse,
  defaultRetrySchedule,
  retryDelay,
  type RetrySchedule,
} from './retry-policy.js';

export type ParameterValue = string | number | boolean | readonly (string | number)[];
/** Call parameters: query-string values for GET and DELETE, any JSON for POST and PUT. */
export type Parameters = Readonly<Record<string, unknown>>;

export interface KintoneCall {
  readonly method: HttpMethod;
  /** API name without the .json suffix, e.g. "records", "app/form/fields". */
  readonly api: string;
  readonly parameters: Parameters;
  /** True for calls that change data: retried only when Kintone cannot have applied them. */
  readonly changesData: boolean;
  /**
   * A change that may be repeated with the same end state (an update without revision, a
   * delete): retried even after an attempt that may have been applied. The caller reads
   * `afterUncertainAttempt` on the error to interpret a "not found" or a conflict.
   */
  readonly idempotent?: boolean;
  /** For the query log: "app 12". */
  readonly target: string;
  /** For the query log: the Kintone query or a summary of the call. */
  readonly query?: string;
  /** Rows in the answer, for the query log. */
  readonly countRows?: (body: unknown) => number;
}

const maxUrlLength = 4096;
/** Kintone reads array indices 0-99 from a query string; longer arrays go in a body. */
const maxQueryStringItems = 100;

/** `fields[0]=a&fields[1]=b&app=1`, as the official client encodes GET and DELETE parameters. */
export function encodeParameters(parameters: Parameters): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) continue;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      throw new Error(`parameter ${name} cannot go in a query string`);
    }
    if (Array.isArray(value)) {
      (value as readonly (string | number)[]).forEach((item, index) => {
        parts.push(
          `${encodeURIComponent(`${name}[${index}]`)}=${encodeURIComponent(String(item))}`,
        );
      });
    } else {
      parts.push(
        `${encodeURIComponent(name)}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`,
      );
    }
  }
  return parts.join('&');
}

function parseErrorBody(response: TransportResponse): KintoneErrorBody | undefined {
  const type = String(response.headers['content-type'] ?? '');
  if (!type.includes('json') && !response.body.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(response.body) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const results = (parsed as { results?: unknown }).results;
    if (Array.isArray(results)) {
      // bulkRequest: the failing slot holds the error, the others are empty objects.
      const failing = results.find(
        (slot: unknown) => typeof slot === 'object' && slot !== null && 'code' in slot,
      ) as KintoneErrorBody | undefined;
      return failing;
    }
    return parsed;
  } catch {
    return undefined;
  }
}

function bulkIndexOf(response: TransportResponse): number | undefined {
  try {
    const parsed = JSON.parse(response.body) as { results?: unknown };
    if (!Array.isArray(parsed.results)) return undefined;
    const index = parsed.results.findIndex(
      (slot: unknown) => typeof slot === 'object' && slot !== null && 'code' in slot,
    );
    return index >= 0 ? index : undefined;
  } catch {
    return undefined;
  }
}

export class KintoneClient {
  readonly transport: KintoneTransport;
  private readonly gate: ConcurrencyGate;

  constructor(
    private readonly config: KintoneConnectionConfig,
    userAgent: string,
    private readonly schedule: RetrySchedule = defaultRetrySchedule,
  ) {
    this.transport = new KintoneTransport(config, userAgent);
    this.gate = new ConcurrencyGate(config.maxConcurrentRequests);
  }

  /** Calls in flight right now (for tests and metrics). */
  get callsInFlight(): number {
    return this.gate.inUse;
  }

  async call<T>(call: KintoneCall, context: ExecutionContext): Promise<T> {
    const path = this.transport.apiPath(call.api);
    let request: {
      method: HttpMethod;
      path: string;
      body?: string;
      headers?: Record<string, string>;
    };
    if (call.method === 'GET' || call.method === 'DELETE') {
      const query = encodeParameters(call.parameters);
      const url = query === '' ? path : `${path}?${query}`;
      const manyItems = Object.values(call.parameters).some(
        (value) => Array.isArray(value) && value.length > maxQueryStringItems,
      );
      if (
        call.method === 'GET' &&
        (manyItems || this.config.baseUrl.length + url.length > maxUrlLength)
      ) {
        request = {
          method: 'POST',
          path,
          body: JSON.stringify(call.parameters),
          headers: { 'x-http-method-override': 'GET' },
        };
      } else {
        request = { method: call.method, path: url };
      }
    } else {
      request = { method: call.method, path, body: JSON.stringify(call.parameters) };
    }
    const operation = `${call.method} ${call.api}`;

    let uncertain = false;
    /** The last answer Kintone gave, reported instead of a timeout the deadline caused. */
    let lastAnswer: KintoneApiError | undefined;
    let deadlineLimited = false;
    for (let attempt = 1; ; attempt++) {
      let failure: KintoneApiError;
      const release = await this.gate.acquire(context.signal);
      const started = performance.now();
      try {
        const remaining = context.deadline - Date.now();
        if (remaining <= 0) {
          // Nothing more was sent: what Kintone last said explains the failure best.
          if (lastAnswer !== undefined && (!uncertain || !call.changesData)) throw lastAnswer;
          const expired = new KintoneApiError(
            0,
            'ETIMEDOUT',
            `The request's time ran out before ${operation} could be sent.`,
            undefined,
            uncertain ? 'unknown' : 'notApplied',
            operation,
          );
          expired.afterUncertainAttempt = uncertain;
          throw expired;
        }
        deadlineLimited = remaining < this.config.timeoutMs;
        const response = await this.transport.send(request, {
          signal: context.signal,
          timeoutMs: Math.min(this.config.timeoutMs, remaining),
        });
        const durationMs = performance.now() - started;
        if (response.status === 200) {
          let body: unknown;
          try {
            body = JSON.parse(response.body);
          } catch (error) {
            context.recordSourceCall({
              operation,
              target: call.target,
              ...(call.query === undefined ? {} : { query: call.query }),
              status: 'error',
              durationMs,
              attempt,
            });
            throw new KintoneApiError(
              200,
              undefined,
              `${operation} answered with something that is not JSON: the URL may not be a Kintone domain.`,
              undefined,
              'final',
              operation,
              undefined,
              { cause: error },
            );
          }
          const warning = response.headers['x-cybozu-warning'];
          if (typeof warning === 'string' && /filter aborted/i.test(warning)) {
            throw new KintoneApiError(
              200,
              'FILTER_ABORTED',
              `Kintone stopped the search because too many records matched (${warning}).`,
              undefined,
              'final',
              operation,
            );
          }
          context.recordSourceCall({
            operation,
            target: call.target,
            ...(call.query === undefined ? {} : { query: call.query }),
            status: 200,
            durationMs,
            ...(call.countRows === undefined ? {} : { rows: call.countRows(body) }),
            attempt,
          });
          return body as T;
        }
        context.recordSourceCall({
          operation,
          target: call.target,
          ...(call.query === undefined ? {} : { query: call.query }),
          status: response.status,
          durationMs,
          attempt,
        });
        const errorBody = parseErrorBody(response);
        const code =
          errorBody?.code ??
          (typeof response.headers['x-cybozu-error'] === 'string'
            ? response.headers['x-cybozu-error']
            : undefined);
        failure = new KintoneApiError(
          response.status,
          code,
          errorBody?.message ?? `HTTP ${response.status}`,
          errorBody,
          classifyResponse(response.status, code),
          operation,
          bulkIndexOf(response),
        );
      } catch (error) {
        if (error instanceof KintoneApiError) throw error;
        if (!(error instanceof TransportError)) throw error;
        context.recordSourceCall({
          operation,
          target: call.target,
          ...(call.query === undefined ? {} : { query: call.query }),
          status: 'error',
          durationMs: performance.now() - started,
          attempt,
        });
        if (error.code === 'ABORTED') throw error;
        failure = new KintoneApiError(
          0,
          error.code,
          error.message,
          undefined,
          error.sent ? 'unknown' : 'notApplied',
          operation,
          undefined,
          { cause: error },
        );
      } finally {
        release();
      }

      failure.afterUncertainAttempt = uncertain;
      if (failure.answered) lastAnswer = failure;
      else if (
        failure.code === 'ETIMEDOUT' &&
        deadlineLimited &&
        lastAnswer !== undefined &&
        !call.changesData
      ) {
        // A read's time ran out while Kintone kept refusing: report what it said. (A write's
        // timeout stays: it may have been applied.)
        lastAnswer.afterUncertainAttempt = uncertain;
        throw lastAnswer;
      }
      const retryable =
        failure.failure === 'notApplied' ||
        (failure.failure === 'unknown' && (!call.changesData || call.idempotent === true));
      if (!retryable || attempt >= this.schedule.maxAttempts) throw failure;
      const delay = retryDelay(attempt, this.schedule);
      if (Date.now() + delay >= context.deadline) throw failure;
      if (failure.failure === 'unknown') uncertain = true;
      await sleep(delay, undefined, { signal: context.signal });
    }
  }

  close(): void {
    this.transport.close();
  }
}

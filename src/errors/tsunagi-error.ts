/**
 * TsunagiError: the one error type every pipeline stage throws for an expected failure.
 * It carries a stable catalogue code, the HTTP status that code maps to, and the parts of
 * an OData error body (target, details). Anything else that reaches the HTTP layer is an
 * internal error (TSG900).
 */
import { errorCatalogue, type ErrorCode } from './catalogue/index.js';

/** One entry of the `details` array of an OData error body. */
export interface ErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

export interface TsunagiErrorOptions {
  /** The part of the request the error is about: a query option, a property, a header. */
  readonly target?: string;
  readonly details?: readonly ErrorDetail[];
  /** Overrides the catalogue status, for codes whose status depends on the source. */
  readonly status?: number;
  /** Extra response headers (Retry-After, ETag, WWW-Authenticate ...). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Extra, non-secret facts for the `innererror` member (source codes, request ids). */
  readonly innerError?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

export class TsunagiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly target: string | undefined;
  readonly details: readonly ErrorDetail[];
  readonly headers: Readonly<Record<string, string>>;
  readonly innerError: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: TsunagiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TsunagiError';
    this.code = code;
    this.status = options.status ?? errorCatalogue[code].status;
    this.target = options.target;
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
    this.innerError = options.innerError;
  }
}

export function isTsunagiError(error: unknown): error is TsunagiError {
  return error instanceof TsunagiError;
}

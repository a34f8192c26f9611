/**
 * A failed Kintone call, as the client reports it to the connector: the HTTP status,
 * Kintone's error code, message, request id and validation `errors` when Kintone sent a
 * JSON error body; or the transport failure (DNS, refused, reset, timeout) when it never
 * answered. The connector turns it into a TsunagiError (kintone-error-mapping.ts).
 */
import type { FailureKind } from './retry-policy.js';

export interface KintoneErrorBody {
  readonly code?: string;
  readonly id?: string;
  readonly message?: string;
  readonly errors?: Readonly<Record<string, { readonly messages?: readonly string[] }>>;
}

export class KintoneApiError extends Error {
  constructor(
    /** HTTP status, or 0 when no answer came. */
    readonly status: number,
    /** Kintone's code (CB_VA01, GAIA_RE01 ...), a transport code (ECONNREFUSED ...) or undefined. */
    readonly code: string | undefined,
    message: string,
    readonly body: KintoneErrorBody | undefined,
    readonly failure: FailureKind,
    /** What was called, for messages: "GET records (app 12)". */
    readonly call: string,
    /** Index of the failing request inside a bulkRequest. */
    readonly bulkIndex?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KintoneApiError';
  }

  /**
   * True when an earlier attempt of the same call ended without a clear outcome (it may
   * have been applied), so that this answer may be about the effect of that attempt.
   */
  afterUncertainAttempt = false;

  /** True when Kintone (or its front end) answered; false for network failures. */
  get answered(): boolean {
    return this.status !== 0;
  }
}

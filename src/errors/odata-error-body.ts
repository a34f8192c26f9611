/**
 * Turns any thrown value into the OData JSON error body and its HTTP status. Expected
 * failures keep their catalogue code and message; anything else becomes TSG900 with only
 * the request id, so that no internal detail (or secret) leaks to the client.
 */
import { isTsunagiError, type ErrorDetail } from './tsunagi-error.js';

export interface ODataErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly target?: string;
    readonly details?: readonly ErrorDetail[];
    readonly innererror?: Readonly<Record<string, unknown>>;
  };
}

export interface ErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ODataErrorBody;
  /** True when the error was not an expected TsunagiError (log it with its stack). */
  readonly unexpected: boolean;
}

export function toErrorResponse(error: unknown, requestId: string): ErrorResponse {
  if (isTsunagiError(error)) {
    return {
      status: error.status,
      headers: error.headers,
      unexpected: false,
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.target === undefined ? {} : { target: error.target }),
          ...(error.details.length === 0 ? {} : { details: error.details }),
          ...(error.innerError === undefined ? {} : { innererror: error.innerError }),
        },
      },
    };
  }
  return {
    status: 500,
    headers: {},
    unexpected: true,
    body: {
      error: {
        code: 'TSG900',
        message: `Internal error. The gateway log has the details under request id ${requestId}.`,
      },
    },
  };
}

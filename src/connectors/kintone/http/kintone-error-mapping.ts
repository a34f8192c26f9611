/**
 * Turns failed Kintone calls into the gateway's errors: Kintone's own code, message and
 * request id travel in `details` and `innererror`; authentication and permission failures
 * say that the connection's credentials (not the caller's) were refused; busy, down and
 * unreachable sources become 503, timeouts 504. Messages never contain credentials.
 */
import { TsunagiError, type ErrorDetail } from '../../../errors/tsunagi-error.js';
import { KintoneApiError } from './kintone-api-error.js';
import { TransportError } from './kintone-transport.js';

export interface ErrorContext {
  /** What the gateway was doing, for messages: "reading app 12". */
  readonly action: string;
  readonly guestSpaceId: number | undefined;
}

const credentialCodes = new Set(['CB_AU01', 'CB_WA01', 'GAIA_IA02', 'CB_TW02']);
const permissionCodes = new Set(['CB_NO02', 'GAIA_NO01']);
const certificateCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

function kintoneDetails(error: KintoneApiError): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (error.code !== undefined && error.answered) {
    details.push({ code: error.code, message: error.body?.message ?? error.message });
  }
  for (const [key, value] of Object.entries(error.body?.errors ?? {})) {
    for (const message of value.messages ?? [])
      details.push({ code: error.code ?? 'KINTONE', message, target: key });
  }
  return details;
}

function innerError(error: KintoneApiError): Record<string, unknown> {
  return {
    source: 'kintone',
    call: error.call,
    ...(error.status === 0 ? {} : { status: error.status }),
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.body?.id === undefined ? {} : { requestId: error.body.id }),
    ...(error.bulkIndex === undefined ? {} : { bulkRequestIndex: error.bulkIndex }),
  };
}

/** Whether a message about Kintone's query belongs to this error (query syntax, operators, fields). */
function isQueryError(error: KintoneApiError): boolean {
  const code = error.code ?? '';
  if (/^GAIA_(IQ|QU|IR)\d+/.test(code)) return true;
  return code === 'CB_VA01' && Object.keys(error.body?.errors ?? {}).some((key) => key === 'query');
}

export function mapKintoneError(error: unknown, context: ErrorContext): unknown {
  if (error instanceof TsunagiError) return error;
  if (error instanceof TransportError) {
    return new TsunagiError('TSG401', `Kintone call cancelled while ${context.action}.`, {
      cause: error,
    });
  }
  if (!(error instanceof KintoneApiError)) return error;
  const options = {
    details: kintoneDetails(error),
    innerError: innerError(error),
    cause: error,
  };
  const code = error.code ?? '';
  if (error.failure === 'unknown' && /^(POST|PUT|DELETE) /.test(error.call)) {
    return new TsunagiError(
      'TSG613',
      `Kintone did not confirm the change (${error.answered ? `HTTP ${error.status}` : error.message}) while ${context.action}; it may or may not have been applied.`,
      options,
    );
  }
  if (!error.answered) {
    if (code === 'ETIMEDOUT')
      return new TsunagiError(
        'TSG401',
        `Kintone did not answer in time while ${context.action}.`,
        options,
      );
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return new TsunagiError(
        'TSG402',
        `The Kintone host name could not be resolved while ${context.action}: check the connection URL.`,
        options,
      );
    if (
      /ALERT_(CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN)/.test(
        code,
      )
    )
      return new TsunagiError(
        'TSG403',
        `Kintone refused the TLS connection (${code}) while ${context.action}: the domain requires a client certificate, or refused the connection's.`,
        options,
      );
    if (certificateCodes.has(code))
      return new TsunagiError(
        'TSG402',
        `The server's TLS certificate is not trusted (${code}) while ${context.action}.`,
        options,
      );
    return new TsunagiError(
      'TSG402',
      `Kintone could not be reached while ${context.action} (${code || error.message}).`,
      options,
    );
  }
  if (code === 'FILTER_ABORTED')
    return new TsunagiError(
      'TSG408',
      `Kintone stopped the search while ${context.action}: too many records matched. Narrow the filter.`,
      options,
    );
  if (error.status === 200)
    return new TsunagiError(
      'TSG400',
      `The server did not answer like Kintone while ${context.action}: check the connection URL.`,
      options,
    );
  if (code === 'GAIA_IL23')
    return new TsunagiError(
      'TSG407',
      `The app is in a guest space: set the connection's guest space ID (${context.action}).`,
      options,
    );
  if (credentialCodes.has(code) || error.status === 401) {
    return new TsunagiError(
      'TSG403',
      `Kintone refused the connection's credentials (${code || `HTTP ${error.status}`}) while ${context.action}. An administrator must fix the connection's login or API token.`,
      options,
    );
  }
  if (permissionCodes.has(code) || error.status === 403) {
    const guest =
      context.guestSpaceId === undefined
        ? ''
        : ` If the app is not in guest space ${context.guestSpaceId}, clear the connection's guest space ID.`;
    return new TsunagiError(
      'TSG403',
      `The connection's Kintone user or API token has no permission for this (${code || `HTTP ${error.status}`}) while ${context.action}.${guest}`,
      options,
    );
  }
  if (code === 'GAIA_AP01')
    return new TsunagiError(
      'TSG405',
      `The Kintone app no longer exists or is not visible to the connection (${context.action}).`,
      options,
    );
  if (code === 'GAIA_RE01')
    return new TsunagiError(
      'TSG201',
      `The Kintone record does not exist (${context.action}).`,
      options,
    );
  if (code === 'GAIA_CO02')
    return new TsunagiError(
      'TSG601',
      `The record was changed by someone else since it was read (${context.action}).`,
      options,
    );
  if (code === 'GAIA_LO04')
    return new TsunagiError(
      'TSG612',
      `${error.body?.message ?? 'A lookup value was not found.'} (${context.action})`,
      options,
    );
  if (isQueryError(error))
    return new TsunagiError(
      'TSG406',
      `Kintone rejected the query while ${context.action} (${code}): the app's fields may have changed; refresh the connection schema.`,
      options,
    );
  if (code === 'CB_VA01')
    return new TsunagiError(
      'TSG600',
      `Kintone rejected the values while ${context.action}.`,
      options,
    );
  if (error.failure !== 'final' || error.status === 429 || error.status === 503) {
    return new TsunagiError(
      'TSG402',
      `Kintone stayed busy or unavailable (${code || `HTTP ${error.status}`}) while ${context.action}; try again later.`,
      options,
    );
  }
  return new TsunagiError(
    'TSG400',
    `Kintone answered with an error while ${context.action}: ${error.body?.message ?? error.message}`,
    options,
  );
}

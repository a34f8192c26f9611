/**
 * Error answers of the admin API: the same body as the OData endpoint (`{ error: { code,
 * message, target?, details? } }`) with the catalogue status. Fastify's own body errors
 * become catalogue codes (415 TSG123, 413 TSG115, 400 TSG124). WWW-Authenticate is sent
 * only to requests that carried an Authorization header, so that a browser never opens
 * its password dialog over the console.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from '../../errors/odata-error-body.js';
import { TsunagiError, isTsunagiError } from '../../errors/tsunagi-error.js';

function fastifyCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Turns errors raised by Fastify before a handler ran into catalogue errors. */
export function adminErrorOf(error: unknown): unknown {
  if (isTsunagiError(error)) return error;
  const code = fastifyCode(error);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new TsunagiError(
      'TSG123',
      'Send request bodies as JSON (Content-Type: application/json).',
      {
        target: 'Content-Type',
      },
    );
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new TsunagiError('TSG115', 'The request body is larger than the admin API accepts.');
  }
  if (code?.startsWith('FST_ERR_CTP') === true) {
    return new TsunagiError('TSG124', 'The request body could not be read.');
  }
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && code !== undefined) {
    return new TsunagiError('TSG124', 'The request could not be read.');
  }
  return error;
}

export function sendAdminError(request: FastifyRequest, reply: FastifyReply, error: unknown): void {
  const response = toErrorResponse(adminErrorOf(error), request.id);
  if (response.unexpected) {
    request.log.error({ err: error }, 'unexpected error in admin API request');
  }
  const tokenStyle = request.headers.authorization !== undefined;
  for (const [name, value] of Object.entries(response.headers)) {
    if (name.toLowerCase() === 'www-authenticate' && !tokenStyle) continue;
    void reply.header(name, value);
  }
  void reply.status(response.status).type('application/json; charset=utf-8').send(response.body);
}

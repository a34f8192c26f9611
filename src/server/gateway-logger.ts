/**
 * The gateway's structured JSON log (pino). Requests are logged with method, URL, host,
 * client address and user agent, never their headers or bodies; anything that looks like
 * a Tsunagi token in a URL (an invitation link, a token pasted in a query) is replaced by
 * its prefix and `[redacted]`; and, in case some code logs an object holding credentials,
 * the usual secret-bearing keys are censored by pino's redaction.
 */
import type { FastifyRequest } from 'fastify';
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { redactedHeaderPaths } from './create-server.js';

const tokenInText = /(tsg_(?:pat|ses|inv)_)[A-Za-z0-9]+/g;

/** Replaces every Tsunagi token in a text by its prefix and [redacted]. */
export function redactTokens(text: string): string {
  return text.replace(tokenInText, '$1[redacted]');
}

const secretKeys = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'sessionToken',
  'csrfToken',
  'invitationToken',
  'secret',
  'secretKey',
  'apiToken',
  'authorization',
  'cookie',
];

/** pino paths censored in every log line. */
export const redactedLogPaths = [
  ...redactedHeaderPaths,
  'headers.authorization',
  'headers.cookie',
  'headers["x-csrf-token"]',
  ...secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  'settings.*',
  '*.settings.*',
];

export interface GatewayLoggerOptions {
  readonly level: LevelWithSilent;
  /** Where lines go (default: standard output). */
  readonly destination?: DestinationStream;
}

export function createGatewayLogger(options: GatewayLoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: redactedLogPaths, censor: '[redacted]' },
      serializers: {
        req(value: unknown) {
          if (typeof value !== 'object' || value === null) return value;
          const request = value as Partial<
            Pick<FastifyRequest, 'method' | 'url' | 'ip' | 'host'>
          > & {
            readonly headers?: Readonly<Record<string, unknown>>;
          };
          return {
            method: request.method,
            url: typeof request.url === 'string' ? redactTokens(request.url) : undefined,
            host: request.host,
            remoteAddress: request.ip,
            userAgent: request.headers?.['user-agent'],
          };
        },
      },
    },
    options.destination,
  );
}

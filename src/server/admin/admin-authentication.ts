/**
 * Who is calling the admin API. Scripts and the CLI send a personal access token
 * (`Authorization: Bearer <token>` or Basic `email:token`); the console sends its session
 * cookie, and on state-changing methods also `X-CSRF-Token`. The Authorization header wins
 * when both are present. Failures are the services' errors: TSG300 (nothing sent), TSG301
 * (bad token, with WWW-Authenticate), TSG303 (throttled, with Retry-After), TSG304 (session
 * ended), TSG305 (CSRF token missing or wrong).
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../control-plane/authorization.js';
import { actorFor } from '../../control-plane/authorization.js';
import type { ControlPlane } from '../../control-plane/control-plane.js';
import { authenticationError } from '../../control-plane/personal-access-token-service.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import { readCredentials } from '../../gateway/request-credentials.js';
import type { UserRecord } from '../../store/records.js';
import { readSessionCookie } from './session-cookie.js';

export interface Caller {
  readonly actor: Actor;
  readonly user: UserRecord;
  readonly via: 'session' | 'token';
  /** The session cookie's token (session callers). */
  readonly sessionToken?: string;
  readonly csrfToken?: string;
}

/** anyone: no credentials needed; signedIn: a session or a token; session: a console session. */
export type Access = 'anyone' | 'signedIn' | 'session';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sourceAddressOf(request: FastifyRequest): string | null {
  return request.ip === '' ? null : request.ip;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export async function authenticateCaller(
  request: FastifyRequest,
  controlPlane: ControlPlane,
  access: Exclude<Access, 'anyone'>,
): Promise<Caller> {
  const sourceAddress = sourceAddressOf(request);
  const authorization = request.headers.authorization;
  if (authorization !== undefined && access === 'signedIn') {
    const credentials = readCredentials(authorization);
    if (credentials === undefined) throw authenticationError({ reason: 'unknown' });
    const tokens = controlPlane.tokens;
    const result =
      credentials.kind === 'basic'
        ? await tokens.authenticateToken(credentials.userName, credentials.secret, sourceAddress)
        : await tokens.authenticateBearer(credentials.token, sourceAddress);
    if (!result.ok) throw authenticationError(result);
    return { actor: result.actor, user: result.user, via: 'token' };
  }
  const sessionToken = readSessionCookie(request.headers.cookie);
  if (sessionToken === undefined) {
    throw access === 'session'
      ? new TsunagiError('TSG304', 'There is no console session; sign in.')
      : new TsunagiError(
          'TSG300',
          'Sign in to the console, or send a personal access token (Authorization: Bearer <token>, or Basic with your e-mail address and the token).',
        );
  }
  const session = await controlPlane.sessions.require(sessionToken, sourceAddress);
  if (!safeMethods.has(request.method)) {
    controlPlane.sessions.verifyCsrf(sessionToken, headerText(request.headers['x-csrf-token']));
  }
  return {
    actor: actorFor(session.user, sourceAddress),
    user: session.user,
    via: 'session',
    sessionToken,
    csrfToken: session.csrfToken,
  };
}

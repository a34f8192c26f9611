/**
 * Authentication of REST API calls (facts sheet §2): password (`X-Cybozu-Authorization`)
 * takes precedence over API tokens (`X-Cybozu-API-Token`, comma-separated or repeated);
 * no credential → 401 CB_AU01, a wrong password → 401 CB_WA01, an unknown token → 400
 * GAIA_IA02, tokens on an API that refuses them → 403 GAIA_NO01. Also the domain's extra
 * HTTP Basic layer, checked before everything else.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { kintoneErrors } from '../errors/kintone-errors.js';
import type { ApiToken } from '../model/directory.js';
import type { EmulatorState } from '../store/emulator-state.js';
import type { Principal } from '../services/call-context.js';

const maximumTokensPerRequest = 9;

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function decodeBase64(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) return undefined;
  return Buffer.from(trimmed, 'base64').toString('utf8');
}

function headerValues(headers: IncomingHttpHeaders, name: string): string[] {
  const value = headers[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function authenticate(
  state: EmulatorState,
  headers: IncomingHttpHeaders,
  acceptsApiTokens: boolean,
): Principal {
  const password = headerValues(headers, 'x-cybozu-authorization')[0];
  if (password !== undefined) {
    const decoded = decodeBase64(password);
    const colon = decoded?.indexOf(':') ?? -1;
    if (decoded === undefined || colon < 0) throw kintoneErrors.passwordAuthenticationFailed();
    const login = decoded.slice(0, colon);
    const user = state.users.get(login);
    if (user === undefined || !safeEqual(user.password, decoded.slice(colon + 1))) {
      throw kintoneErrors.passwordAuthenticationFailed();
    }
    return { kind: 'user', user };
  }
  const tokenTexts = headerValues(headers, 'x-cybozu-api-token')
    .flatMap((value) => value.split(','))
    .map((token) => token.trim())
    .filter((token) => token !== '');
  if (tokenTexts.length > 0) {
    if (!acceptsApiTokens) throw kintoneErrors.apiTokenNotPermitted();
    if (new Set(tokenTexts).size !== tokenTexts.length) throw kintoneErrors.duplicateApiToken();
    if (tokenTexts.length > maximumTokensPerRequest) throw kintoneErrors.tooManyApiTokens();
    const tokens: ApiToken[] = [];
    for (const text of tokenTexts) {
      const token = state.tokens.get(text);
      if (token === undefined) throw kintoneErrors.apiTokenMismatch();
      tokens.push(token);
    }
    return { kind: 'token', tokens };
  }
  throw kintoneErrors.loginRequired();
}

/** The domain's HTTP Basic layer: true when it is not configured or the header matches. */
export function domainBasicAuthPasses(
  headers: IncomingHttpHeaders,
  basicAuth: { readonly user: string; readonly password: string } | undefined,
): boolean {
  if (basicAuth === undefined) return true;
  const header = headerValues(headers, 'authorization')[0];
  const match = header === undefined ? null : /^Basic\s+(\S+)$/i.exec(header);
  const decoded = match?.[1] === undefined ? undefined : decodeBase64(match[1]);
  return decoded !== undefined && safeEqual(decoded, `${basicAuth.user}:${basicAuth.password}`);
}

/**
 * Reads the credentials of a request: HTTP Basic (`email:token`, what Salesforce sends)
 * or `Authorization: Bearer <token>`. Malformed headers count as no credentials.
 */
export type RequestCredentials =
  | { readonly kind: 'basic'; readonly userName: string; readonly secret: string }
  | { readonly kind: 'bearer'; readonly token: string };

export function readCredentials(authorization: string | undefined): RequestCredentials | undefined {
  if (authorization === undefined) return undefined;
  const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer' && value !== '') return { kind: 'bearer', token: value };
  if (scheme.toLowerCase() !== 'basic' || value === '') return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { kind: 'basic', userName: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

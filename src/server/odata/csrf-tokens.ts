/**
 * CSRF tokens for the OData endpoint, the way Salesforce Connect and SAP clients use them:
 * a GET with `X-CSRF-Token: Fetch` returns a token in the `X-CSRF-Token` response header;
 * changes must send it back. Tokens are stateless (an expiry and an HMAC over the caller's
 * identity), so any node that shares the secret accepts them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const lifetimeMs = 60 * 60 * 1000;

function mac(secret: string, principal: string, expiry: number): Buffer {
  return createHmac('sha256', secret)
    .update(`csrf\u0000${principal}\u0000${expiry}`)
    .digest()
    .subarray(0, 18);
}

export function issueCsrfToken(secret: string, principal: string, now = Date.now()): string {
  const expiry = now + lifetimeMs;
  return `${expiry.toString(36)}.${mac(secret, principal, expiry).toString('base64url')}`;
}

export function verifyCsrfToken(
  secret: string,
  principal: string,
  token: string | undefined,
  now = Date.now(),
): boolean {
  if (token === undefined) return false;
  const [expiryText = '', tag = ''] = token.split('.');
  const expiry = Number.parseInt(expiryText, 36);
  if (!Number.isSafeInteger(expiry) || expiry < now) return false;
  // Compare the text itself: decoding would ignore trailing characters a forger appended.
  const given = Buffer.from(tag);
  const expected = Buffer.from(mac(secret, principal, expiry).toString('base64url'));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

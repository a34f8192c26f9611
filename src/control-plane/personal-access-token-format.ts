/**
 * The personal access token format: `tsg_pat_` + 32 base62 characters of randomness
 * (≈190 bits) + 6 base62 characters of the CRC32 of everything before them. The prefix
 * makes a leaked token recognisable; the checksum lets a leak scanner (or the gateway,
 * before any store look-up) reject a candidate offline. Only the SHA-256 digest of a
 * token is stored.
 */
import { crc32 } from 'node:zlib';
import { encodeBase62, randomBase62 } from './secret-token.js';

export const personalAccessTokenPrefix = 'tsg_pat_';
const randomLength = 32;
const checksumLength = 6;
const tokenLength = personalAccessTokenPrefix.length + randomLength + checksumLength;
const shape = /^tsg_pat_[0-9A-Za-z]{38}$/;

function checksum(body: string): string {
  return encodeBase62(crc32(body), checksumLength);
}

export function generatePersonalAccessToken(): string {
  const body = personalAccessTokenPrefix + randomBase62(randomLength);
  return body + checksum(body);
}

/** True when `text` has the token's shape and a valid checksum (no store look-up). */
export function looksLikePersonalAccessToken(text: string): boolean {
  if (text.length !== tokenLength || !shape.test(text)) return false;
  const body = text.slice(0, tokenLength - checksumLength);
  return checksum(body) === text.slice(tokenLength - checksumLength);
}

/** What a token list shows to tell tokens apart: the prefix and 4 random characters. */
export function personalAccessTokenHint(token: string): string {
  return token.slice(0, personalAccessTokenPrefix.length + 4);
}

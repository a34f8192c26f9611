/**
 * Random tokens and their storage form: base62 text from the system CSPRNG, SHA-256
 * digests (the only form in which tokens, session ids and invitation links are stored),
 * and comparisons that take the same time whatever the input.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const base62Alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` base62 characters, each uniform (rejection sampling, no modulo bias). */
export function randomBase62(length: number): string {
  let result = '';
  while (result.length < length) {
    const bytes = randomBytes(Math.ceil((length - result.length) * 1.3) + 8);
    for (const byte of bytes) {
      // 248 = 4 × 62: bytes at or above it would favour the first characters.
      if (byte >= 248) continue;
      result += base62Alphabet[byte % 62];
      if (result.length === length) break;
    }
  }
  return result;
}

/** A non-negative integer in base62, left-padded with '0' to `width`. */
export function encodeBase62(value: number, width: number): string {
  let rest = value;
  let result = '';
  do {
    result = base62Alphabet[rest % 62] + result;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return result.padStart(width, '0');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(left: string, right: string): boolean {
  const a = Buffer.from(left, 'utf8');
  const b = Buffer.from(right, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

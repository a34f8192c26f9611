import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ciphertextKeyId,
  decryptSecret,
  encodeSecretKey,
  encryptSecret,
  generateSecretKey,
  parseSecretKey,
  secretKeyFromBytes,
} from './secret-box.js';

const key = generateSecretKey();
const keys = new Map([[key.id, key]]);

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('secret box (AES-256-GCM)', () => {
  it('round-trips text, names its key, and never repeats a ciphertext', () => {
    const first = encryptSecret(key, 'pässwörd ✓', 'connection:1:password');
    const second = encryptSecret(key, 'pässwörd ✓', 'connection:1:password');
    expect(first).not.toBe(second);
    expect(first.startsWith(`v1:${key.id}:`)).toBe(true);
    expect(first).not.toContain('pässwörd');
    expect(ciphertextKeyId(first)).toBe(key.id);
    expect(decryptSecret(keys, first, 'connection:1:password')).toBe('pässwörd ✓');
  });

  it('refuses a ciphertext moved to another row or field (TSG510)', () => {
    const sealed = encryptSecret(key, 'secret', 'connection:1:password');
    expect(codeOf(() => decryptSecret(keys, sealed, 'connection:2:password'))).toBe('TSG510');
    expect(codeOf(() => decryptSecret(keys, sealed, 'connection:1:apiToken'))).toBe('TSG510');
  });

  it('refuses a tampered ciphertext (TSG510) and one under an unknown key (TSG504)', () => {
    const sealed = encryptSecret(key, 'secret', 'aad');
    const parts = sealed.split(':');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');
    expect(codeOf(() => decryptSecret(keys, parts.join(':'), 'aad'))).toBe('TSG510');
    expect(codeOf(() => decryptSecret(keys, 'garbage', 'aad'))).toBe('TSG510');
    const other = generateSecretKey();
    expect(codeOf(() => decryptSecret(keys, encryptSecret(other, 'x', 'aad'), 'aad'))).toBe(
      'TSG504',
    );
  });

  it('derives a stable key id from the key and parses base64 keys strictly', () => {
    const material = randomBytes(32);
    expect(secretKeyFromBytes(material).id).toBe(secretKeyFromBytes(Buffer.from(material)).id);
    expect(secretKeyFromBytes(material).id).toMatch(/^[0-9a-f]{16}$/);
    expect(parseSecretKey(encodeSecretKey(key)).id).toBe(key.id);
    expect(parseSecretKey(key.material.toString('base64url')).id).toBe(key.id);
    expect(codeOf(() => parseSecretKey(randomBytes(16).toString('base64')))).toBe('TSG505');
    expect(codeOf(() => parseSecretKey('not base64!'))).toBe('TSG505');
    expect(codeOf(() => secretKeyFromBytes(randomBytes(31)))).toBe('TSG505');
  });
});

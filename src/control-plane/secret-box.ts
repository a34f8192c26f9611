/**
 * Encryption of stored secrets: AES-256-GCM under a 32-byte master key.
 *
 *   v1:<keyId>:<iv>:<tag>:<ciphertext>      (iv, tag, ciphertext in base64url)
 *
 * The key id is a fingerprint of the key (first 16 hex digits of SHA-256 over a fixed
 * label and the key), so a ciphertext names the key that opens it and start-up can say
 * which key the store expects, without revealing anything about the key. The caller
 * passes additional authenticated data (for a connection secret: the connection id and
 * the setting name), so that a ciphertext copied to another row or field fails to open.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { TsunagiError } from '../errors/tsunagi-error.js';

export interface SecretKey {
  readonly id: string;
  readonly material: Buffer;
}

export const secretKeyLength = 32;
const ivLength = 12;
const tagLength = 16;
const version = 'v1';

export function secretKeyId(material: Buffer): string {
  return createHash('sha256')
    .update('tsunagi secret key id\u0000')
    .update(material)
    .digest('hex')
    .slice(0, 16);
}

export function secretKeyFromBytes(material: Buffer): SecretKey {
  if (material.length !== secretKeyLength) {
    throw new TsunagiError(
      'TSG505',
      `A secret key must be ${secretKeyLength} bytes; this one has ${material.length}.`,
    );
  }
  return { id: secretKeyId(material), material: Buffer.from(material) };
}

/** Parses a base64 (or base64url) key as in TSUNAGI_SECRET_KEY. */
export function parseSecretKey(text: string, origin = 'The secret key'): SecretKey {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    throw new TsunagiError('TSG505', `${origin} is not base64 text.`);
  }
  const material = Buffer.from(trimmed.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  if (material.length !== secretKeyLength) {
    throw new TsunagiError(
      'TSG505',
      `${origin} must decode to ${secretKeyLength} bytes; it decodes to ${material.length}. Create one with: openssl rand -base64 32`,
    );
  }
  return secretKeyFromBytes(material);
}

export function generateSecretKey(): SecretKey {
  return secretKeyFromBytes(randomBytes(secretKeyLength));
}

export function encodeSecretKey(key: SecretKey): string {
  return key.material.toString('base64');
}

export function encryptSecret(key: SecretKey, plaintext: string, associatedData: string): string {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', key.material, iv, { authTagLength: tagLength });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    version,
    key.id,
    iv.toString('base64url'),
    tag.toString('base64url'),
    ciphertext.toString('base64url'),
  ].join(':');
}

/** The key id a ciphertext was made with, or undefined when it is not one. */
export function ciphertextKeyId(ciphertext: string): string | undefined {
  const parts = ciphertext.split(':');
  return parts.length === 5 && parts[0] === version ? parts[1] : undefined;
}

/**
 * Opens a ciphertext with the key it names. Throws TSG504 when that key is not among
 * `keys`, TSG510 when the ciphertext is damaged or was moved (authentication fails).
 */
export function decryptSecret(
  keys: ReadonlyMap<string, SecretKey>,
  ciphertext: string,
  associatedData: string,
): string {
  const parts = ciphertext.split(':');
  const [marker, keyId, ivText, tagText, bodyText] = parts;
  if (
    parts.length !== 5 ||
    marker !== version ||
    keyId === undefined ||
    ivText === undefined ||
    tagText === undefined ||
    bodyText === undefined
  ) {
    throw new TsunagiError('TSG510', 'A stored secret is not in the expected format.');
  }
  const key = keys.get(keyId);
  if (key === undefined) {
    throw new TsunagiError(
      'TSG504',
      `A stored secret was encrypted with key id ${keyId}, which this node does not have.`,
    );
  }
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key.material,
      Buffer.from(ivText, 'base64url'),
      {
        authTagLength: tagLength,
      },
    );
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(tagText, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(bodyText, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch (error) {
    throw new TsunagiError(
      'TSG510',
      'A stored secret cannot be decrypted: it was altered or belongs to another record.',
      { cause: error },
    );
  }
}

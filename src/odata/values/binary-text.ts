/**
 * Edm.Binary values, held as Uint8Array: the base64url text OData uses for them (JSON
 * payloads, literals, cast to Edm.String) and byte-wise comparison.
 */

/** base64url text of bytes, without padding (as OData's JSON format writes it). */
export function formatBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

const base64Pattern = /^[A-Za-z0-9_-]*={0,2}$|^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Bytes of base64url (or base64) text, padding optional; undefined when the text is not
 * base64 (wrong characters, or a length no encoder produces).
 */
export function parseBinary(text: string): Uint8Array | undefined {
  if (!base64Pattern.test(text)) return undefined;
  const unpadded = text.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  const buffer = Buffer.from(
    unpadded,
    text.includes('+') || text.includes('/') ? 'base64' : 'base64url',
  );
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Orders byte arrays lexicographically (a prefix first). */
export function compareBinary(left: Uint8Array, right: Uint8Array): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const leftByte = left[index] ?? 0;
    const rightByte = right[index] ?? 0;
    if (leftByte !== rightByte) return leftByte < rightByte ? -1 : 1;
  }
  return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}

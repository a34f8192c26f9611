/**
 * Character tests shared by the scanners: ASCII fast paths, with the Unicode categories
 * the OData ABNF allows in identifiers (letters and letter numbers first, then also
 * digits, combining marks, connector punctuation and format characters).
 */

const unicodeIdentifierStart = /[\p{L}\p{Nl}]/u;
const unicodeIdentifierPart = /[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]/u;

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isHexDigit(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x46) ||
    (code >= 0x61 && code <= 0x66)
  );
}

export function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** SP or HTAB: the only whitespace OData allows (after decoding %20 and %09). */
export function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Whether the character starting at `index` can start an OData identifier. */
export function isIdentifierStart(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x80) return isAsciiLetter(code) || code === 0x5f;
  if (Number.isNaN(code)) return false;
  return unicodeIdentifierStart.test(String.fromCodePoint(text.codePointAt(index) ?? code));
}

/** Length (in UTF-16 units) of the identifier character at `index`, or 0 if there is none. */
export function identifierPartLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 0x80) return isAsciiLetter(code) || isDigit(code) || code === 0x5f ? 1 : 0;
  if (Number.isNaN(code)) return 0;
  const point = text.codePointAt(index) ?? code;
  const character = String.fromCodePoint(point);
  return unicodeIdentifierPart.test(character) ? character.length : 0;
}

/** Whether `text` as a whole is an OData identifier (at most 128 characters). */
export function isODataIdentifier(text: string): boolean {
  if (text.length === 0 || !isIdentifierStart(text, 0)) return false;
  let index = 0;
  let characters = 0;
  while (index < text.length) {
    const length = identifierPartLength(text, index);
    if (length === 0) return false;
    index += length;
    characters++;
  }
  return characters <= 128;
}

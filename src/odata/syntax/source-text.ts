/**
 * Percent-decoding that remembers where every decoded character came from. The parser
 * works on decoded text (OData treats `%27` and `'`, `%28` and `(`... alike), but errors
 * must point into the URL as the client sent it, and a few rules depend on whether a
 * character was encoded: in a $search word an encoded `;` is data, a literal `;` ends the
 * option. So every decoded text keeps a map from decoded index to raw offset.
 *
 * Decoding is done per component: the caller first splits the raw text on the
 * delimiters that only count when literal (`/` between path segments, `&` and `=` in the
 * query string), then decodes each piece. That is what makes `%2F` inside a key a
 * character of the key rather than a segment separator.
 *
 * `+` is not a space: OData URLs use RFC 3986 percent-encoding, where `+` is a plus sign
 * (the ABNF allows it as a sign, `SIGN = "+" / "%2B" / "-"`). Treating it as a space is
 * HTML-form encoding, which applies only to form bodies, not to OData URLs.
 */
import type { TsunagiError } from '../../errors/tsunagi-error.js';
import type { ErrorLocation } from './syntax-error.js';
import { syntaxError } from './syntax-error.js';

/** A decoded piece of a URL part (the path or the query string). */
export class SourceText {
  /** The decoded characters. */
  readonly text: string;
  /** Raw offset of each decoded character, plus one entry for the end; undefined when nothing was encoded. */
  private readonly offsets: Int32Array | undefined;
  /** Raw offset of the first character within the part. */
  readonly base: number;
  /** Raw offset just after the last character within the part. */
  readonly rawEnd: number;

  constructor(text: string, offsets: Int32Array | undefined, base: number, rawEnd: number) {
    this.text = text;
    this.offsets = offsets;
    this.base = base;
    this.rawEnd = rawEnd;
  }

  /** Offset within the URL part (as sent) of the decoded character at `index`. */
  rawOffset(index: number): number {
    if (this.offsets === undefined) return this.base + index;
    if (index >= this.text.length) return this.rawEnd;
    return this.offsets[index] ?? this.rawEnd;
  }

  /** Whether the character at `index` was percent-encoded in the URL. */
  isEncoded(index: number): boolean {
    if (this.offsets === undefined) return false;
    const here = this.offsets[index] ?? this.rawEnd;
    const next = this.offsets[index + 1] ?? this.rawEnd;
    return next - here > 1;
  }
}

/** Wraps text that needs no decoding (already decoded, or known to hold no `%`). */
export function plainSource(text: string, base = 0): SourceText {
  return new SourceText(text, undefined, base, base + text.length);
}

/**
 * Decodes `raw.slice(start, end)`. Percent-encoded UTF-8 sequences become one character
 * each; malformed encodings (a `%` without two hex digits, invalid UTF-8) are errors.
 */
export function decodeSource(
  raw: string,
  start: number,
  end: number,
  location: ErrorLocation,
): SourceText {
  const firstPercent = raw.indexOf('%', start);
  if (firstPercent === -1 || firstPercent >= end) {
    return new SourceText(raw.slice(start, end), undefined, start, end);
  }
  // Decoded text is never longer than the raw text, so the offsets fit in raw length + 1.
  const offsets = new Int32Array(end - start + 1);
  let text = '';
  let length = 0;
  let index = start;
  while (index < end) {
    let percent = raw.indexOf('%', index);
    if (percent === -1 || percent > end) percent = end;
    if (percent > index) {
      text += raw.slice(index, percent);
      for (let offset = index; offset < percent; offset++) offsets[length++] = offset;
      index = percent;
      if (index >= end) break;
    }
    const sequenceStart = index;
    const lead = readEncodedByte(raw, index, end, location);
    index += 3;
    if (lead < 0x80) {
      text += String.fromCharCode(lead);
      offsets[length++] = sequenceStart;
      continue;
    }
    let continuationBytes: number;
    let codePoint: number;
    let minimum: number;
    if (lead >= 0xc2 && lead <= 0xdf) {
      continuationBytes = 1;
      codePoint = lead & 0x1f;
      minimum = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      continuationBytes = 2;
      codePoint = lead & 0x0f;
      minimum = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      continuationBytes = 3;
      codePoint = lead & 0x07;
      minimum = 0x10000;
    } else {
      throw invalidUtf8(location, sequenceStart);
    }
    for (let count = 0; count < continuationBytes; count++) {
      if (index >= end || raw.charCodeAt(index) !== 0x25)
        throw invalidUtf8(location, sequenceStart);
      const next = readEncodedByte(raw, index, end, location);
      if ((next & 0xc0) !== 0x80) throw invalidUtf8(location, sequenceStart);
      codePoint = (codePoint << 6) | (next & 0x3f);
      index += 3;
    }
    if (
      codePoint < minimum ||
      codePoint > 0x10ffff ||
      (codePoint >= 0xd800 && codePoint <= 0xdfff)
    ) {
      throw invalidUtf8(location, sequenceStart);
    }
    const decoded = String.fromCodePoint(codePoint);
    text += decoded;
    offsets[length++] = sequenceStart;
    if (decoded.length === 2) offsets[length++] = sequenceStart;
  }
  offsets[length] = end;
  return new SourceText(text, offsets.subarray(0, length + 1), start, end);
}

function readEncodedByte(raw: string, index: number, end: number, location: ErrorLocation): number {
  const high = index + 1 < end ? hexValue(raw.charCodeAt(index + 1)) : -1;
  const low = index + 2 < end ? hexValue(raw.charCodeAt(index + 2)) : -1;
  if (high < 0 || low < 0) {
    throw syntaxError(
      { ...location, code: 'TSG100' },
      index,
      "'%' must be followed by two hexadecimal digits (write a literal '%' as %25)",
    );
  }
  return high * 16 + low;
}

function invalidUtf8(location: ErrorLocation, offset: number): TsunagiError {
  return syntaxError(
    { ...location, code: 'TSG100' },
    offset,
    'the percent-encoded bytes are not valid UTF-8',
  );
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

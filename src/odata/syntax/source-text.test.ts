import { describe, expect, it } from 'vitest';
import { decodeSource, plainSource } from './source-text.js';
import type { ErrorLocation } from './syntax-error.js';

const location: ErrorLocation = { code: 'TSG101', target: '$filter', label: '$filter', origin: 0 };

describe('decodeSource', () => {
  it('returns raw text unchanged when nothing is encoded', () => {
    const source = decodeSource('xxName eq 1', 2, 11, location);
    expect(source.text).toBe('Name eq 1');
    expect(source.rawOffset(0)).toBe(2);
    expect(source.rawOffset(9)).toBe(11);
    expect(source.isEncoded(0)).toBe(false);
  });

  it('maps decoded characters to their raw offsets', () => {
    const source = decodeSource('a%20b%27%E9%A1%A7c+', 0, 19, location);
    expect(source.text).toBe("a b'顧c+");
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((index) => source.rawOffset(index))).toEqual([
      0, 1, 4, 5, 8, 17, 18, 19,
    ]);
    expect(source.isEncoded(1)).toBe(true);
    expect(source.isEncoded(2)).toBe(false);
    expect(source.isEncoded(6)).toBe(false);
  });

  it('decodes four-byte sequences into surrogate pairs', () => {
    const source = decodeSource('%F0%9F%98%80!', 0, 13, location);
    expect(source.text).toBe('😀!');
    expect(source.rawOffset(2)).toBe(12);
  });

  it.each([
    ['%', 0, 'two hexadecimal digits'],
    ['ab%4', 2, 'two hexadecimal digits'],
    ['%G0', 0, 'two hexadecimal digits'],
    ['%C3', 0, 'not valid UTF-8'],
    ['%C3%28', 0, 'not valid UTF-8'],
    ['%C0%80', 0, 'not valid UTF-8'],
    ['%ED%A0%80', 0, 'not valid UTF-8'],
    ['%FF', 0, 'not valid UTF-8'],
  ])('rejects %s', (raw, position, fragment) => {
    expect(() => decodeSource(raw, 0, raw.length, location)).toThrow(fragment);
    try {
      decodeSource(raw, 0, raw.length, location);
    } catch (error) {
      expect(error).toMatchObject({ code: 'TSG100', innerError: { position } });
    }
  });

  it('wraps plain text', () => {
    const source = plainSource('abc', 5);
    expect(source.rawOffset(1)).toBe(6);
  });
});

import { describe, expect, it } from 'vitest';
import { compareBinary, formatBinary, parseBinary } from './binary-text.js';
import { compareGuids, isGuidText, normalizeGuid } from './guid-text.js';

describe('Edm.Guid text', () => {
  it('validates, normalises and compares ignoring case', () => {
    const upper = '0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9';
    expect(isGuidText(upper)).toBe(true);
    expect(normalizeGuid(upper)).toBe(upper.toLowerCase());
    expect(normalizeGuid('0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f')).toBeUndefined();
    expect(normalizeGuid('0a1b2c3d4e5f607182 93a4b5c6d7e8f9')).toBeUndefined();
    expect(compareGuids(upper, upper.toLowerCase())).toBe(0);
    expect(compareGuids('00000000-0000-0000-0000-000000000001', upper)).toBe(-1);
  });
});

describe('Edm.Binary text', () => {
  it('formats base64url and parses base64url or base64', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0x00, 0x10]);
    expect(formatBinary(bytes)).toBe('-_8AEA');
    expect(parseBinary('-_8AEA')).toEqual(bytes);
    expect(parseBinary('+/8AEA==')).toEqual(bytes);
    expect(parseBinary('')).toEqual(new Uint8Array());
    expect(parseBinary('A')).toBeUndefined();
    expect(parseBinary('a b')).toBeUndefined();
  });

  it('orders byte arrays lexicographically', () => {
    expect(compareBinary(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(-1);
    expect(compareBinary(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(0);
    expect(compareBinary(new Uint8Array([1, 2, 0]), new Uint8Array([1, 2]))).toBe(1);
    expect(compareBinary(new Uint8Array([255]), new Uint8Array([1, 255]))).toBe(1);
  });
});

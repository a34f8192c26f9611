import { describe, expect, it } from 'vitest';
import {
  compareDecimalText,
  formatDecimal,
  isDecimalText,
  normalizeDecimal,
  parseDecimal,
} from './decimal-text.js';

describe('normalizeDecimal', () => {
  it.each([
    ['012.50', '12.5'],
    ['12.5', '12.5'],
    ['-12.50', '-12.5'],
    ['+3', '3'],
    ['0', '0'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['000', '0'],
    ['0.5', '0.5'],
    ['00.5', '0.5'],
    ['-.5', undefined],
    ['5.', undefined],
    ['1e3', '1000'],
    ['1.5E-3', '0.0015'],
    ['-2.50e+1', '-25'],
    [
      '123456789012345678901234567890.000000000000000000001',
      '123456789012345678901234567890.000000000000000000001',
    ],
    ['INF', 'INF'],
    ['-INF', '-INF'],
    ['NaN', 'NaN'],
    ['inf', undefined],
    ['', undefined],
    ['1,5', undefined],
    [' 1', undefined],
    ['1e999999', undefined],
  ])('normalizes %j to %j', (text, expected) => {
    expect(normalizeDecimal(text)).toBe(expected);
    expect(isDecimalText(text)).toBe(expected !== undefined);
  });

  it('returns an already canonical text itself', () => {
    const text = '-98765.4321';
    expect(normalizeDecimal(text)).toBe(text);
  });
});

describe('compareDecimalText', () => {
  it.each([
    ['1', '2', -1],
    ['2', '1', 1],
    ['1.0', '1', 0],
    ['01.10', '1.1', 0],
    ['-1', '1', -1],
    ['-2', '-1', -1],
    ['-0', '0', 0],
    ['0.1', '0.10000000000000000001', -1],
    ['100', '99.999999999999999999', 1],
    ['-100', '-99.99', -1],
    ['12345678901234567890123', '12345678901234567890124', -1],
    ['1e2', '100.0', 0],
    ['1E-2', '0.011', -1],
    ['INF', '1e300', 1],
    ['-INF', '-1e300', -1],
    ['INF', 'INF', 0],
    ['-INF', 'INF', -1],
    ['+5', '5', 0],
  ])('compares %s with %s as %d', (left, right, expected) => {
    expect(compareDecimalText(left, right)).toBe(expected);
    expect(compareDecimalText(right, left)).toBe(expected === 0 ? 0 : -expected);
  });

  it.each([
    ['NaN', '1'],
    ['NaN', 'NaN'],
    ['1', 'abc'],
    ['INF', 'x'],
  ])('is unordered (NaN) for %s and %s', (left, right) => {
    expect(compareDecimalText(left, right)).toBeNaN();
  });
});

describe('parseDecimal and formatDecimal', () => {
  it.each([
    ['12.50', 1250n, 2],
    ['-0.001', -1n, 3],
    ['1e3', 1n, -3],
    ['7', 7n, 0],
  ])('parses %s exactly', (text, unscaled, scale) => {
    expect(parseDecimal(text)).toEqual({ unscaled, scale });
  });

  it('does not parse special values', () => {
    expect(parseDecimal('INF')).toBeUndefined();
    expect(parseDecimal('NaN')).toBeUndefined();
  });

  it.each([
    [1250n, 2, '12.5'],
    [-1n, 3, '-0.001'],
    [5n, -3, '5000'],
    [0n, 5, '0'],
    [-120n, 1, '-12'],
    [123n, 5, '0.00123'],
  ])('formats %s scale %d as %s', (unscaled, scale, expected) => {
    expect(formatDecimal(unscaled, scale)).toBe(expected);
  });
});

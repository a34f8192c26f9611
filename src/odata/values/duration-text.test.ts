import { describe, expect, it } from 'vitest';
import { compareDurations, formatDuration, parseDuration } from './duration-text.js';

describe('Edm.Duration text', () => {
  it.each([
    ['P1D', 86_400, 0],
    ['PT1H', 3600, 0],
    ['PT1M', 60, 0],
    ['PT1S', 1, 0],
    ['PT0.5S', 0, 500_000_000],
    ['P1DT2H3M4.5S', 93_784, 500_000_000],
    ['-PT1S', -1, 0],
    ['-PT0.25S', -1, 750_000_000],
    ['-P1DT0.5S', -86_401, 500_000_000],
    ['PT36H', 129_600, 0],
    ['PT0S', 0, 0],
    ['-PT0S', 0, 0],
    ['p1dt1h', 90_000, 0],
  ])('reads %s', (text, seconds, nanoseconds) => {
    expect(parseDuration(text)).toEqual({ seconds, nanoseconds });
  });

  it.each([
    'P',
    'PT',
    'P1DT',
    '1D',
    'P1Y',
    'P1M',
    'PT1.5H',
    'P1H',
    'PT1S1M',
    'P1D1D',
    '+P1D',
    'PT.5S',
    '',
  ])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    [86_400, 0, 'P1D'],
    [93_784, 500_000_000, 'P1DT2H3M4.5S'],
    [0, 0, 'PT0S'],
    [-1, 0, '-PT1S'],
    [-1, 750_000_000, '-PT0.25S'],
    [3600, 0, 'PT1H'],
    [60, 1, 'PT1M0.000000001S'],
  ])('formats %d s + %d ns as %s', (seconds, nanoseconds, text) => {
    expect(formatDuration(seconds, nanoseconds)).toBe(text);
    expect(parseDuration(text)).toEqual({ seconds, nanoseconds });
  });

  it.each([
    ['PT24H', 'P1D', 0],
    ['PT90M', 'PT1H30M', 0],
    ['PT1S', 'PT0.9S', 1],
    ['-PT1S', 'PT0S', -1],
    ['-P1D', '-PT1H', -1],
    ['P2D', 'PT47H', 1],
  ])('compares %s with %s by length as %d', (left, right, expected) => {
    expect(compareDurations(left, right)).toBe(expected);
  });
});

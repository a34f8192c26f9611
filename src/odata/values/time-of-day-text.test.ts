import { describe, expect, it } from 'vitest';
import {
  compareTimesOfDay,
  formatTimeOfDay,
  parseTimeOfDay,
  timeOfDayNanoseconds,
} from './time-of-day-text.js';

describe('Edm.TimeOfDay text', () => {
  it.each([
    ['00:00:00', 0],
    ['00:00', 0],
    ['12:34:56', (12 * 3600 + 34 * 60 + 56) * 1e9],
    ['23:59:59.9999999', 86_399_999_999_900],
    ['01:00:00.5', 3_600_500_000_000],
    ['01:00:00.123456789012', 3_600_123_456_789],
  ])('reads %s as %d ns', (text, nanoseconds) => {
    expect(timeOfDayNanoseconds(text)).toBe(nanoseconds);
  });

  it.each([
    '24:00:00',
    '12:60:00',
    '12:00:61',
    '1:00:00',
    '12:00:00.',
    '12:00:00.1234567890123',
    'x',
  ])('rejects %j', (text) => {
    expect(timeOfDayNanoseconds(text)).toBeNaN();
    expect(parseTimeOfDay(text)).toBeUndefined();
  });

  it('parses parts and formats canonically', () => {
    expect(parseTimeOfDay('07:08:09.25')).toEqual({
      hour: 7,
      minute: 8,
      second: 9,
      nanosecond: 250_000_000,
    });
    expect(formatTimeOfDay(3_600_500_000_000)).toBe('01:00:00.5');
    expect(formatTimeOfDay(0)).toBe('00:00:00');
    expect(formatTimeOfDay(-1e9)).toBe('23:59:59');
  });

  it.each([
    ['10:00:00', '10:00:00.000', 0],
    ['10:00:00.5', '10:00:00.50', 0],
    ['10:00', '10:00:01', -1],
    ['23:00:00', '09:00:00', 1],
  ])('compares %s with %s as %d', (left, right, expected) => {
    expect(compareTimesOfDay(left, right)).toBe(expected);
  });
});

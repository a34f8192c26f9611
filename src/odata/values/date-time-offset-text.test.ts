import { describe, expect, it } from 'vitest';
import {
  compareDateTimeOffsets,
  formatDateTimeOffset,
  formatInstant,
  parseDateTimeOffset,
} from './date-time-offset-text.js';

describe('Edm.DateTimeOffset text', () => {
  it('parses the instant and the local parts', () => {
    expect(parseDateTimeOffset('2024-01-01T09:30:15.1234567+09:00')).toEqual({
      epochMilliseconds: Date.UTC(2024, 0, 1, 0, 30, 15, 123),
      subMillisecondNanos: 456_700,
      offsetMinutes: 540,
      year: 2024,
      month: 1,
      day: 1,
      hour: 9,
      minute: 30,
      second: 15,
      nanosecond: 123_456_700,
    });
  });

  it.each([
    ['2024-03-10T12:00:00Z', Date.UTC(2024, 2, 10, 12)],
    ['2024-03-10T12:00Z', Date.UTC(2024, 2, 10, 12)],
    ['2024-03-10t12:00:00z', Date.UTC(2024, 2, 10, 12)],
    ['2024-03-10T12:00:00-05:30', Date.UTC(2024, 2, 10, 17, 30)],
    ['2024-03-10T00:30:00+01:00', Date.UTC(2024, 2, 9, 23, 30)],
    ['1969-12-31T23:59:59.999Z', -1],
    ['2024-06-30T23:59:60Z', Date.UTC(2024, 6, 1)],
    ['0001-01-01T00:00:00Z', -62_135_596_800_000],
  ])('reads %s as %d ms', (text, epochMilliseconds) => {
    expect(parseDateTimeOffset(text)?.epochMilliseconds).toBe(epochMilliseconds);
  });

  it.each([
    '2024-03-10T12:00:00',
    '2024-03-10 12:00:00Z',
    '2024-03-10T24:00:00Z',
    '2024-02-30T12:00:00Z',
    '2024-03-10T12:00:00+1:00',
    '2024-03-10T12:00:00+01:60',
    '2024-03-10',
    '2024-03-10T12:00:00.Z',
    '2024-03-10T12:00:00ZZ',
  ])('rejects %j', (text) => {
    expect(parseDateTimeOffset(text)).toBeUndefined();
  });

  it.each([
    ['2024-01-01T00:00:00Z', '2024-01-01T09:00:00+09:00', 0],
    ['2024-01-01T00:00:00Z', '2024-01-01T08:59:59+09:00', 1],
    ['2024-01-01T00:00:00.0000001Z', '2024-01-01T00:00:00Z', 1],
    ['2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00.50Z', 0],
    ['2024-01-01T00:00:00.10Z', '2024-01-01T00:00:00.09Z', 1],
    ['2023-12-31T23:00:00-02:00', '2024-01-01T00:30:00Z', 1],
    ['-0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z', -1],
    ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00z', 0],
  ])('compares %s with %s as %d', (left, right, expected) => {
    expect(compareDateTimeOffsets(left, right)).toBe(expected);
    expect(compareDateTimeOffsets(right, left)).toBe(expected === 0 ? 0 : -expected);
  });

  it('is unordered for malformed text', () => {
    expect(compareDateTimeOffsets('2024-01-01', '2024-01-01T00:00:00Z')).toBeNaN();
  });

  it('formats instants in an offset', () => {
    expect(formatDateTimeOffset(Date.UTC(2024, 0, 1, 0, 30))).toBe('2024-01-01T00:30:00Z');
    expect(formatDateTimeOffset(Date.UTC(2024, 0, 1, 0, 30), 0, 540)).toBe(
      '2024-01-01T09:30:00+09:00',
    );
    expect(formatDateTimeOffset(Date.UTC(2024, 0, 1, 0, 30, 0, 5), 100, -90)).toBe(
      '2023-12-31T23:00:00.0050001-01:30',
    );
    expect(formatInstant(-62_135_596_800, 0)).toBe('0001-01-01T00:00:00Z');
    expect(formatInstant(-62_135_596_801, 0)).toBe('0000-12-31T23:59:59Z');
  });
});

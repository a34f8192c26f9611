import { describe, expect, it } from 'vitest';
import { normalizeDate, normalizeDateTime, normalizeTime } from './date-normalization.js';

describe('date normalisation', () => {
  it.each([
    ['2015', '2015-01-01'],
    ['2015-7', '2015-07-01'],
    ['2015-07-5', '2015-07-05'],
    ['2016-02-29', '2016-02-29'],
    ['2015-02-29', undefined],
    ['2015-13', undefined],
    ['15-01-01', undefined],
    ['2015/01/01', undefined],
  ])('date %s → %s', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each([
    ['9:05', '09:05'],
    ['09:05:59', '09:05'],
    ['24:00', undefined],
    ['12:60', undefined],
  ])('time %s → %s', (input, expected) => {
    expect(normalizeTime(input)).toBe(expected);
  });

  it.each([
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:00Z'],
    ['2026-01-02T03:04:05.999Z', '2026-01-02T03:04:00Z'],
    ['2026-01-02T03:04Z', '2026-01-02T03:04:00Z'],
    ['2026-01-02T09:00:00+09:00', '2026-01-02T00:00:00Z'],
    ['2026-01-02T00:30:00-0130', '2026-01-02T02:00:00Z'],
    ['2026-01-02', '2026-01-02T00:00:00Z'],
    ['2026-01-02T25:00:00Z', undefined],
    ['yesterday', undefined],
  ])('date-time %s → %s', (input, expected) => {
    expect(normalizeDateTime(input)).toBe(expected);
  });
});

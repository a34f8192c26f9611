import { describe, expect, it } from 'vitest';
import { compareDates, epochDayOfDate, formatDate, parseDate } from './date-text.js';

describe('Edm.Date text', () => {
  it.each([
    ['2024-02-29', { year: 2024, month: 2, day: 29, epochDay: 19_782 }],
    ['1970-01-01', { year: 1970, month: 1, day: 1, epochDay: 0 }],
    ['0000-03-01', { year: 0, month: 3, day: 1, epochDay: -719_468 }],
    ['-0001-12-31', { year: -1, month: 12, day: 31, epochDay: -719_529 }],
    ['12024-01-01', { year: 12_024, month: 1, day: 1, epochDay: 3_672_148 }],
  ])('parses %s', (text, parts) => {
    expect(parseDate(text)).toEqual(parts);
    expect(formatDate(parts.epochDay)).toBe(text);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2024-4-1',
    '24-04-01',
    '02024-01-01',
    '2024-01-01T00:00:00Z',
    '',
    '999999-01-01',
  ])('rejects %j', (text) => {
    expect(parseDate(text)).toBeUndefined();
    expect(epochDayOfDate(text)).toBeNaN();
  });

  it.each([
    ['2024-01-01', '2024-01-02', -1],
    ['2024-12-31', '2024-01-01', 1],
    ['2024-06-01', '2024-06-01', 0],
    ['-0001-01-01', '0001-01-01', -1],
    ['10000-01-01', '9999-12-31', 1],
  ])('compares %s with %s as %d', (left, right, expected) => {
    expect(compareDates(left, right)).toBe(expected);
  });

  it('is unordered for a malformed date', () => {
    expect(compareDates('2024-02-30x', '2024-01-01')).toBeNaN();
  });
});

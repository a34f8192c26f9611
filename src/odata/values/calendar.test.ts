import { describe, expect, it } from 'vitest';
import { civilDateOf, daysInMonth, epochDayOf, isLeapYear } from './calendar.js';

describe('calendar', () => {
  it.each([
    [2024, true],
    [2023, false],
    [1900, false],
    [2000, true],
    [2100, false],
    [0, true],
    [-4, true],
    [-1, false],
  ])('year %d is a leap year: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it.each([
    [1970, 1, 1, 0],
    [1970, 1, 2, 1],
    [1969, 12, 31, -1],
    [2000, 3, 1, 11_017],
    [2024, 2, 29, 19_782],
    [1, 1, 1, -719_162],
    [9999, 12, 31, 2_932_896],
  ])('%d-%d-%d is day %d', (year, month, day, epochDay) => {
    expect(epochDayOf(year, month, day)).toBe(epochDay);
    expect(civilDateOf(epochDay, { year: 0, month: 0, day: 0 })).toEqual({ year, month, day });
    // JavaScript's own calendar agrees (Date.UTC maps years 0-99 to 1900-1999).
    if (year >= 100) expect(Date.UTC(year, month - 1, day) / 86_400_000).toBe(epochDay);
  });

  it('round-trips every day of four centuries, before and after the epoch', () => {
    const target = { year: 0, month: 0, day: 0 };
    for (let epochDay = -146_097 * 2; epochDay < 146_097 * 2; epochDay += 3) {
      civilDateOf(epochDay, target);
      const valid = target.day >= 1 && target.day <= daysInMonth(target.year, target.month);
      if (!valid || epochDayOf(target.year, target.month, target.day) !== epochDay) {
        throw new Error(`day ${epochDay} does not round-trip`);
      }
    }
  });

  it('agrees with JavaScript dates from year 100 to 9999', () => {
    const target = { year: 0, month: 0, day: 0 };
    const first = epochDayOf(100, 1, 1);
    const last = epochDayOf(9999, 12, 31);
    for (let epochDay = first; epochDay <= last; epochDay += 97) {
      const date = new Date(epochDay * 86_400_000);
      civilDateOf(epochDay, target);
      const same =
        target.year === date.getUTCFullYear() &&
        target.month === date.getUTCMonth() + 1 &&
        target.day === date.getUTCDate();
      if (!same) throw new Error(`day ${epochDay} differs from ${date.toISOString()}`);
    }
  });
});

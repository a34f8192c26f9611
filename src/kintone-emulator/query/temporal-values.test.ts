// Calendar arithmetic, time-zone conversion and the parsing of temporal literals and values.
import { describe, expect, it } from 'vitest';
import {
  canonicalStoredDate,
  canonicalStoredDatetime,
  canonicalStoredTime,
  formatDay,
  formatMinute,
  formatMinuteOfDay,
  parseDurationLiteral,
  parseTemporalLiteral,
  parseTimeLiteral,
  rangeEnd,
  storedDurationToMinutes,
} from './temporal-values.js';
import {
  addMonths,
  civilDateOf,
  dayNumberOf,
  dayOfWeek,
  instantOfWallClock,
  localDayAt,
} from './time-zone-calendar.js';

const minuteOf = (iso: string): number => Date.parse(iso) / 60_000;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('calendar', () => {
  it.each(['1970-01-01', '2000-02-29', '2026-04-23', '1899-12-31', '2400-12-31'])(
    'round-trips %s through day numbers',
    (iso) => {
      const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
      expect(dayNumberOf(year, month, day)).toBe(dayOf(iso));
      expect(civilDateOf(dayOf(iso))).toEqual({ year, month, day });
    },
  );

  it('knows weekdays and clamps month arithmetic', () => {
    expect(dayOfWeek(dayOf('2026-04-23'))).toBe(4);
    expect(dayOfWeek(dayOf('2026-04-19'))).toBe(0);
    expect(addMonths({ year: 2026, month: 1, day: 31 }, 1)).toBe(dayOf('2026-02-28'));
    expect(addMonths({ year: 2024, month: 2, day: 29 }, 12)).toBe(dayOf('2025-02-28'));
    expect(addMonths({ year: 2026, month: 1, day: 15 }, -2)).toBe(dayOf('2025-11-15'));
  });

  it('converts between instants and wall-clock times in a zone', () => {
    expect(localDayAt(Date.parse('2026-04-22T15:00:00Z'), 'Asia/Tokyo')).toBe(dayOf('2026-04-23'));
    expect(localDayAt(Date.parse('2026-04-22T14:59:00Z'), 'Asia/Tokyo')).toBe(dayOf('2026-04-22'));
    expect(instantOfWallClock(dayOf('2026-04-23'), 0, 'Asia/Tokyo')).toBe(
      Date.parse('2026-04-22T15:00:00Z'),
    );
    // New York: EST (-5) in January, EDT (-4) in July; the DST switch day 2026-03-08.
    expect(instantOfWallClock(dayOf('2026-01-15'), 0, 'America/New_York')).toBe(
      Date.parse('2026-01-15T05:00:00Z'),
    );
    expect(instantOfWallClock(dayOf('2026-07-15'), 0, 'America/New_York')).toBe(
      Date.parse('2026-07-15T04:00:00Z'),
    );
    expect(instantOfWallClock(dayOf('2026-03-09'), 0, 'America/New_York')).toBe(
      Date.parse('2026-03-09T04:00:00Z'),
    );
  });

  it('rejects an unknown time zone', () => {
    expect(() => localDayAt(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('temporal literals', () => {
  it.each([
    ['2026-04-23', { kind: 'day', day: dayOf('2026-04-23') }],
    ['2012-02-03T09:00:00+0900', { kind: 'minute', minute: minuteOf('2012-02-03T00:00:00Z') }],
    ['2012-02-03T09:00:00+09:00', { kind: 'minute', minute: minuteOf('2012-02-03T00:00:00Z') }],
    ['2012-02-03T09:00:00Z', { kind: 'minute', minute: minuteOf('2012-02-03T09:00:00Z') }],
    ['2012-02-03T09:00:59.999Z', { kind: 'minute', minute: minuteOf('2012-02-03T09:00:00Z') }],
    ['2012-02-03T09:00:00-0130', { kind: 'minute', minute: minuteOf('2012-02-03T10:30:00Z') }],
    ['2012-02-03T09:00', { kind: 'minute', minute: minuteOf('2012-02-03T00:00:00Z') }],
    ['2012-02-03 09:00:00', { kind: 'minute', minute: minuteOf('2012-02-03T00:00:00Z') }],
  ])('reads %s (user zone Tokyo)', (text, expected) => {
    expect(parseTemporalLiteral(text, 'Asia/Tokyo')).toEqual(expected);
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-4-1',
    '2026-04-23T24:00',
    '2026-04-23T10:60',
    'x',
    '',
  ])('rejects %j', (text) => {
    expect(parseTemporalLiteral(text, 'Asia/Tokyo')).toBeUndefined();
  });

  it('reads times and durations', () => {
    expect(parseTimeLiteral('09:30')).toBe(570);
    expect(parseTimeLiteral('9:30:59')).toBe(570);
    expect(parseTimeLiteral('24:00')).toBeUndefined();
    expect(parseDurationLiteral('25:01')).toBe(1501);
    expect(parseDurationLiteral('-1:30')).toBe(-90);
    expect(parseDurationLiteral('1.5')).toBeUndefined();
  });
});

describe('canonical strings', () => {
  it('formats days and minutes as the prefixes of stored values', () => {
    expect(formatDay(dayOf('2026-04-03'))).toBe('2026-04-03');
    expect(formatMinute(minuteOf('2026-04-23T03:07:00Z'))).toBe('2026-04-23T03:07');
    expect(formatMinuteOfDay(9 * 60 + 5)).toBe('09:05');
  });

  it('bounds a range so that exactly its values fall inside', () => {
    const low = formatMinute(minuteOf('2026-04-23T00:30:00Z'));
    const high = formatMinute(minuteOf('2026-04-23T00:30:00Z')) + rangeEnd;
    const inside = (value: string) => value >= low && value <= high;
    expect(inside('2026-04-23T00:30:00Z')).toBe(true);
    expect(inside('2026-04-23T00:29:00Z')).toBe(false);
    expect(inside('2026-04-23T00:31:00Z')).toBe(false);
  });

  it('uses canonical stored values as they are and converts other zoned forms', () => {
    expect(canonicalStoredDate('2026-04-23')).toBe('2026-04-23');
    expect(canonicalStoredDatetime('2026-04-23T03:30:00Z')).toBe('2026-04-23T03:30:00Z');
    expect(canonicalStoredDatetime('2026-04-23T12:30:00+09:00')).toBe('2026-04-23T03:30');
    expect(canonicalStoredDatetime('2026-04-23T12:30:00.000+0900')).toBe('2026-04-23T03:30');
    expect(canonicalStoredTime('23:59')).toBe('23:59');
    expect(canonicalStoredTime('9:05')).toBe('09:05');
    expect(storedDurationToMinutes('25:30')).toBe(1530);
    expect(storedDurationToMinutes('-0:45')).toBe(-45);
  });

  it.each(['', '2026-4-23', '2026-04-23T12:30:00', 'garbage'])('cannot read %j', (text) => {
    expect(canonicalStoredDate(text)).toBeUndefined();
    expect(canonicalStoredDatetime(text)).toBeUndefined();
    expect(canonicalStoredTime(text)).toBeUndefined();
    expect(storedDurationToMinutes(text)).toBeNaN();
  });
});

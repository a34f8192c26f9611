// Sort-key comparisons: code-point order for text (surrogates included) and empty values.
import { describe, expect, it } from 'vitest';
import type { KintoneRecord } from '../model/record.js';
import { compileQuery } from './compile-query.js';
import { compareCodePoints, compareNumbers } from './order-compiler.js';
import { selectRecords } from './select-records.js';
import { fixtureContext } from './test-support/query-fixture-app.js';

describe('compareCodePoints', () => {
  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['abc', 'abc', 0],
    ['ab', 'abc', -1],
    ['B', 'a', -1],
    ['\uFF21', '\u{1F600}', -1], // U+FF21 < U+1F600, although its UTF-16 unit is larger
    ['\u{20BB7}', '\uFFFF', 1],
    ['', 'a', -1],
  ])('%j vs %j → %i', (a, b, expected) => {
    expect(compareCodePoints(a, b)).toBe(expected);
  });
});

describe('compareNumbers', () => {
  it('orders empty (NaN) before every number', () => {
    expect([3, NaN, -1, 2].sort(compareNumbers)).toEqual([NaN, -1, 2, 3]);
  });
});

describe('text keys with surrogate pairs', () => {
  const record = (id: number, title: string): KintoneRecord => ({
    $id: { type: '__ID__', value: String(id) },
    title: { type: 'SINGLE_LINE_TEXT', value: title },
  });
  const records = [record(1, '\u{20BB7}野家'), record(2, '\uFF21'), record(3, 'Z'), record(4, '')];

  it('sorts by code point in selectRecords and in compare', () => {
    const compiled = compileQuery('order by title asc', fixtureContext());
    const ids = (list: readonly KintoneRecord[]) => list.map((item) => item['$id']?.value);
    expect(ids(selectRecords(records, compiled).records)).toEqual(['4', '3', '2', '1']);
    expect(ids([...records].sort((a, b) => compiled.compare(a, b)))).toEqual(['4', '3', '2', '1']);
  });
});

import { describe, expect, it } from 'vitest';
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import { isTsunagiError } from '../../errors/tsunagi-error.js';
import { call, literal, property } from '../semantic/expression-builders.js';
import type { BuiltInFunction } from '../semantic/expression.js';
import { compileFilter } from './compile-filter.js';
import { compileValue } from './compile-value.js';
import {
  column,
  int32,
  sampleRow,
  string,
  testOptions,
  testProperty,
} from './test-support/sample-model.js';

type Argument = readonly [EdmPrimitiveType, Value];

/**
 * Calls `name` with the arguments as literals (folded at compile time) and with the first
 * argument read from a column (evaluated per row): both results.
 */
function callBothWays(name: BuiltInFunction, first: Argument, ...rest: Argument[]): [Value, Value] {
  const literals = rest.map(([type, value]) => literal(type, value));
  const [firstType, firstValue] = first;
  const collection = Array.isArray(firstValue);
  const onLiterals = call(name, literal(firstType, firstValue), ...literals);
  const onColumn = call(name, property(testProperty('A', firstType, 0, collection)), ...literals);
  return [
    compileValue(onLiterals, testOptions)([]),
    compileValue(onColumn, testOptions)([firstValue]),
  ];
}

const text = (value: string | null): Argument => ['Edm.String', value];
const integer = (value: number): Argument => ['Edm.Int32', value];
const strings = (...values: string[]): Argument => ['Edm.String', values];

type Case = [string, BuiltInFunction, Argument[], Value];

const stringCases: readonly Case[] = [
  ['contains', 'contains', [text('Tsunagi'), text('nag')], true],
  ['contains is case-sensitive', 'contains', [text('Tsunagi'), text('NAG')], false],
  ['contains the empty string', 'contains', [text('abc'), text('')], true],
  ['contains on null', 'contains', [text(null), text('a')], null],
  ['contains null', 'contains', [text('a'), text(null)], null],
  ['startswith', 'startswith', [text('Tsunagi'), text('Tsu')], true],
  ['startswith, no', 'startswith', [text('Tsunagi'), text('tsu')], false],
  ['endswith', 'endswith', [text('Tsunagi'), text('agi')], true],
  ['endswith a longer string', 'endswith', [text('a'), text('abc')], false],
  ['length', 'length', [text('abc')], 3],
  ['length of ""', 'length', [text('')], 0],
  ['length counts code points: emoji', 'length', [text('\u{1F600}')], 1],
  ['length counts code points: mixed', 'length', [text('a\u{1F600}b')], 3],
  ['length counts a combining mark', 'length', [text('e\u0301')], 2],
  ['length of null', 'length', [text(null)], null],
  ['indexof', 'indexof', [text('Tsunagi'), text('nag')], 3],
  ['indexof missing', 'indexof', [text('abc'), text('x')], -1],
  ['indexof ""', 'indexof', [text('abc'), text('')], 0],
  ['indexof after an emoji', 'indexof', [text('\u{1F600}abc'), text('a')], 1],
  ['substring from', 'substring', [text('Tsunagi'), integer(3)], 'nagi'],
  ['substring with length', 'substring', [text('Tsunagi'), integer(0), integer(3)], 'Tsu'],
  ['substring past the end', 'substring', [text('Tsunagi'), integer(10)], ''],
  ['substring length past the end', 'substring', [text('Tsunagi'), integer(5), integer(10)], 'gi'],
  [
    'substring negative start counts from the end',
    'substring',
    [text('Tsunagi'), integer(-3)],
    'agi',
  ],
  [
    'substring negative start with length',
    'substring',
    [text('Tsunagi'), integer(-3), integer(2)],
    'ag',
  ],
  [
    'substring start before the beginning',
    'substring',
    [text('abc'), integer(-5), integer(3)],
    'a',
  ],
  ['substring zero length', 'substring', [text('abc'), integer(1), integer(0)], ''],
  ['substring after an emoji', 'substring', [text('\u{1F600}ab'), integer(1)], 'ab'],
  [
    'substring of an emoji',
    'substring',
    [text('a\u{1F600}b'), integer(1), integer(1)],
    '\u{1F600}',
  ],
  ['substring of null', 'substring', [text(null), integer(1)], null],
  ['tolower', 'tolower', [text('ÀBC Straße')], 'àbc straße'],
  ['toupper', 'toupper', [text('straße')], 'STRASSE'],
  ['trim', 'trim', [text(' \t x y \n')], 'x y'],
  ['trim of ""', 'trim', [text('')], ''],
  ['concat', 'concat', [text('Tsu'), text('nagi')], 'Tsunagi'],
  ['concat with null', 'concat', [text('a'), text(null)], null],
  ['matchesPattern', 'matchesPattern', [text('Alfreds Futterkiste'), text('^A.*e$')], true],
  ['matchesPattern, no', 'matchesPattern', [text('Bob'), text('^A')], false],
  ['matchesPattern is not anchored', 'matchesPattern', [text('xAy'), text('A')], true],
  [
    'matchesPattern with the u flag: . is a code point',
    'matchesPattern',
    [text('x\u{1F600}y'), text('^x.y$')],
    true,
  ],
  ['matchesPattern with flags', 'matchesPattern', [text('ABC'), text('^abc$'), text('i')], true],
  ['matchesPattern on null', 'matchesPattern', [text(null), text('a')], null],
];

const collectionCases: readonly Case[] = [
  [
    'contains of a collection (contiguous)',
    'contains',
    [strings('a', 'b', 'c'), strings('b', 'c')],
    true,
  ],
  [
    'contains of a collection, not contiguous',
    'contains',
    [strings('a', 'b', 'c'), strings('a', 'c')],
    false,
  ],
  ['startswith of a collection', 'startswith', [strings('a', 'b', 'c'), strings('a', 'b')], true],
  ['endswith of a collection', 'endswith', [strings('a', 'b', 'c'), strings('b')], false],
  ['indexof in a collection', 'indexof', [strings('a', 'b', 'c'), strings('c')], 2],
  ['length of a collection', 'length', [strings('a', 'b', 'c')], 3],
  ['substring of a collection', 'substring', [strings('a', 'b', 'c'), integer(1)], ['b', 'c']],
  [
    'substring of a collection, negative',
    'substring',
    [strings('a', 'b', 'c'), integer(-1), integer(5)],
    ['c'],
  ],
  ['concat of collections', 'concat', [strings('a', 'b'), strings('c')], ['a', 'b', 'c']],
  ['hassubset', 'hassubset', [strings('a', 'b', 'c'), strings('c', 'a')], true],
  ['hassubset counts duplicates', 'hassubset', [strings('a', 'b', 'c'), strings('a', 'a')], false],
  ['hassubset of the empty collection', 'hassubset', [strings('a'), strings()], true],
  ['hassubsequence', 'hassubsequence', [strings('a', 'b', 'c'), strings('a', 'c')], true],
  [
    'hassubsequence keeps the order',
    'hassubsequence',
    [strings('a', 'b', 'c'), strings('c', 'a')],
    false,
  ],
  [
    'hassubsequence of numbers',
    'hassubsequence',
    [
      ['Edm.Int32', [4, 1, 3]],
      ['Edm.Int32', [4, 3]],
    ],
    true,
  ],
];

const dateTimeCases: readonly Case[] = [
  ['year of a date', 'year', [['Edm.Date', '2024-02-29']], 2024],
  ['month of a date', 'month', [['Edm.Date', '2024-02-29']], 2],
  ['day of a date', 'day', [['Edm.Date', '2024-02-29']], 29],
  ['year of a BC date', 'year', [['Edm.Date', '-0044-03-15']], -44],
  [
    'year in the value’s own offset',
    'year',
    [['Edm.DateTimeOffset', '2024-01-01T01:00:00+09:00']],
    2024,
  ],
  [
    'day in the value’s own offset',
    'day',
    [['Edm.DateTimeOffset', '2023-12-31T23:00:00-05:00']],
    31,
  ],
  [
    'hour in the value’s own offset',
    'hour',
    [['Edm.DateTimeOffset', '2024-01-01T01:00:00+09:00']],
    1,
  ],
  ['minute', 'minute', [['Edm.DateTimeOffset', '2024-01-01T01:02:03Z']], 2],
  ['second', 'second', [['Edm.DateTimeOffset', '2024-01-01T01:02:59.9Z']], 59],
  [
    'fractionalseconds',
    'fractionalseconds',
    [['Edm.DateTimeOffset', '2024-01-01T00:00:00.1234567Z']],
    '0.1234567',
  ],
  [
    'fractionalseconds without fraction',
    'fractionalseconds',
    [['Edm.DateTimeOffset', '2024-01-01T00:00:00Z']],
    '0',
  ],
  ['hour of a time of day', 'hour', [['Edm.TimeOfDay', '13:45:30.5']], 13],
  ['minute of a time of day', 'minute', [['Edm.TimeOfDay', '13:45:30.5']], 45],
  ['second of a time of day', 'second', [['Edm.TimeOfDay', '13:45:30.5']], 30],
  [
    'fractionalseconds of a time of day',
    'fractionalseconds',
    [['Edm.TimeOfDay', '13:45:30.5']],
    '0.5',
  ],
  ['totalseconds', 'totalseconds', [['Edm.Duration', 'P1DT2H3M4.5S']], '93784.5'],
  ['totalseconds negative', 'totalseconds', [['Edm.Duration', '-PT0.25S']], '-0.25'],
  ['totalseconds zero', 'totalseconds', [['Edm.Duration', 'PT0S']], '0'],
  [
    'date in the value’s own offset',
    'date',
    [['Edm.DateTimeOffset', '2024-01-01T01:00:00+09:00']],
    '2024-01-01',
  ],
  [
    'time in the value’s own offset',
    'time',
    [['Edm.DateTimeOffset', '2024-01-01T01:00:00.25+09:00']],
    '01:00:00.25',
  ],
  [
    'totaloffsetminutes',
    'totaloffsetminutes',
    [['Edm.DateTimeOffset', '2024-01-01T01:00:00+09:00']],
    540,
  ],
  [
    'totaloffsetminutes negative',
    'totaloffsetminutes',
    [['Edm.DateTimeOffset', '2024-01-01T01:00:00-05:30']],
    -330,
  ],
  [
    'totaloffsetminutes UTC',
    'totaloffsetminutes',
    [['Edm.DateTimeOffset', '2024-01-01T01:00:00Z']],
    0,
  ],
  ['year of null', 'year', [['Edm.Date', null]], null],
  ['year of a malformed value', 'year', [['Edm.Date', '2024-02-30']], null],
];

const mathCases: readonly Case[] = [
  ['round half away from zero', 'round', [['Edm.Double', 2.5]], 3],
  ['round negative half away from zero', 'round', [['Edm.Double', -2.5]], -3],
  ['round down', 'round', [['Edm.Double', 2.4]], 2],
  ['round to zero without a sign', 'round', [['Edm.Double', -0.4]], 0],
  ['round 0.49999999999999994', 'round', [['Edm.Double', 0.49999999999999994]], 0],
  ['floor', 'floor', [['Edm.Double', -1.5]], -2],
  ['ceiling', 'ceiling', [['Edm.Double', -1.5]], -1],
  ['ceiling up', 'ceiling', [['Edm.Double', 1.2]], 2],
  ['round NaN', 'round', [['Edm.Double', NaN]], NaN],
  ['round decimal', 'round', [['Edm.Decimal', '2.5']], '3'],
  ['round decimal negative', 'round', [['Edm.Decimal', '-2.5']], '-3'],
  ['round decimal just below half', 'round', [['Edm.Decimal', '2.4999999999999999999999']], '2'],
  [
    'round large decimal exactly',
    'round',
    [['Edm.Decimal', '12345678901234567890.5']],
    '12345678901234567891',
  ],
  ['floor decimal', 'floor', [['Edm.Decimal', '-1.01']], '-2'],
  ['ceiling decimal', 'ceiling', [['Edm.Decimal', '-1.99']], '-1'],
  [
    'ceiling decimal just above an integer',
    'ceiling',
    [['Edm.Decimal', '1.000000000000000000001']],
    '2',
  ],
  ['round an integer', 'round', [['Edm.Int32', 5]], 5],
  ['round null', 'round', [['Edm.Double', null]], null],
];

describe('built-in functions', () => {
  describe.each([
    ['string', stringCases],
    ['collection', collectionCases],
    ['date and time', dateTimeCases],
    ['arithmetic', mathCases],
  ] as const)('%s functions', (_group, cases) => {
    it.each(cases)('%s', (_name, name, args, expected) => {
      const [first, ...rest] = args;
      if (first === undefined) throw new Error('a case needs an argument');
      const [onLiterals, onColumn] = callBothWays(name, first, ...rest);
      expect(onLiterals).toEqual(expected);
      expect(onColumn).toEqual(expected);
    });
  });

  it('returns the request time for now(), the same for every row', () => {
    const now = compileValue(call('now'), testOptions);
    expect(now([])).toBe('2024-05-06T07:08:09.123Z');
    expect(now([1])).toBe('2024-05-06T07:08:09.123Z');
    expect(compileValue(call('maxdatetime'), testOptions)([])).toBe('9999-12-31T23:59:59.9999999Z');
    expect(compileValue(call('mindatetime'), testOptions)([])).toBe('0001-01-01T00:00:00Z');
  });

  it('filters with functions of columns: contains(tolower(Name), ...) and length', () => {
    const filter = compileFilter(
      call('contains', call('tolower', column('Name')), string('nag')),
      testOptions,
    );
    expect(filter(sampleRow({ Name: 'TSUNAGI' }))).toBe(true);
    expect(filter(sampleRow({ Name: 'Gateway' }))).toBe(false);
    expect(filter(sampleRow({ Name: null }))).toBe(false);
  });

  it('evaluates a pattern read from a column per row', () => {
    const filter = compileFilter(
      call('matchesPattern', column('Name'), column('Note')),
      testOptions,
    );
    expect(filter(sampleRow({ Name: 'abc', Note: '^a' }))).toBe(true);
    expect(filter(sampleRow({ Name: 'abc', Note: '^b' }))).toBe(false);
    expect(filter(sampleRow({ Name: 'abc', Note: '^a' }))).toBe(true);
    expect(() => filter(sampleRow({ Name: 'abc', Note: '(' }))).toThrow(/not a valid ECMAScript/);
  });
});

function errorOf(action: () => unknown): { code: string; message: string; target?: string } {
  try {
    action();
  } catch (error) {
    if (isTsunagiError(error))
      return { code: error.code, message: error.message, target: error.target };
    throw error;
  }
  throw new Error('expected a TsunagiError');
}

describe('function errors', () => {
  it.each([
    [
      'a nested repetition inside a named group',
      call('matchesPattern', string('a'), string('(?<n>a*)+')),
      'TSG231',
      /nested repetition/,
    ],
    [
      'an invalid pattern',
      call('matchesPattern', string('a'), string('(')),
      'TSG231',
      /not a valid ECMAScript regular expression/,
    ],
    [
      'a pattern with nested repetition',
      call('matchesPattern', string('a'), string('^(a+)+$')),
      'TSG231',
      /nested repetition/,
    ],
    [
      'a nested repetition with braces',
      call('matchesPattern', string('a'), string('(\\w{2,})*')),
      'TSG231',
      /nested repetition/,
    ],
    [
      'a pattern that is too long',
      call('matchesPattern', string('a'), string('a'.repeat(1001))),
      'TSG231',
      /at most 1000/,
    ],
    [
      'unknown flags',
      call('matchesPattern', string('a'), string('a'), string('g')),
      'TSG231',
      /flags/,
    ],
    [
      'a string function on a number',
      call('contains', int32(1), string('1')),
      'TSG205',
      /expects two strings or two collections/,
    ],
    [
      'a date function on a string',
      call('year', string('2024-01-01')),
      'TSG205',
      /Edm.Date or Edm.DateTimeOffset/,
    ],
    [
      'date() of a Date',
      call('date', literal('Edm.Date', '2024-01-01')),
      'TSG205',
      /Edm.DateTimeOffset/,
    ],
    ['round of a string', call('round', string('1.5')), 'TSG205', /a number/],
    ['too few arguments', call('length'), 'TSG205', /takes 1 argument, but 0 were given/],
    ['too many arguments', call('now', int32(1)), 'TSG205', /takes 0 arguments/],
    [
      'substring with a string position',
      call('substring', string('abc'), string('1')),
      'TSG205',
      /integer position/,
    ],
    [
      'a string and a collection',
      call('concat', column('Tags'), string('x')),
      'TSG205',
      /two strings or two collections/,
    ],
    [
      'hassubset of strings',
      call('hassubset', string('ab'), string('a')),
      'TSG205',
      /two collections/,
    ],
  ] as const)('refuses %s at compile time', (_name, expression, code, message) => {
    const error = errorOf(() => compileValue(expression, { ...testOptions, target: '$filter' }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.target).toBe('$filter');
  });

  it('refuses a negative substring length when evaluated (TSG232)', () => {
    const filter = compileValue(
      call('substring', column('Name'), int32(1), int32(-1)),
      testOptions,
    );
    expect(filter(sampleRow({ Name: null }))).toBeNull();
    const error = errorOf(() => filter(sampleRow({ Name: 'abc' })));
    expect(error.code).toBe('TSG232');
    expect(error.message).toContain('-1');
  });

  it('accepts the patterns the guard should not refuse', () => {
    for (const pattern of [
      '^(ab)+$',
      '(a|b)*',
      '^\\d{3}-\\d{4}$',
      '[(]+',
      '\\(a+\\)+',
      '(a?)?',
      '(?:ab){2}c',
      '(?<year>\\d{4})-(?<=\\d)x+',
      '(?<!a)b+',
    ]) {
      expect(() =>
        compileFilter(call('matchesPattern', string('x'), string(pattern)), testOptions),
      ).not.toThrow();
    }
  });
});

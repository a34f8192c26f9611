import { describe, expect, it } from 'vitest';
import type { Row } from '../../connectors/connector.js';
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import { isTsunagiError } from '../../errors/tsunagi-error.js';
import { call, compare, literal, property } from '../semantic/expression-builders.js';
import type { OrderByItem } from '../semantic/order-by.js';
import { compileComparator } from './compile-comparator.js';
import { compileFilter } from './compile-filter.js';
import { compareValues } from './compare-values.js';
import { column, sampleRow, testOptions, testProperty } from './test-support/sample-model.js';

function sortValues(
  type: EdmPrimitiveType,
  values: readonly Value[],
  direction: 'asc' | 'desc',
): Value[] {
  const item: OrderByItem = { expression: property(testProperty('V', type, 0)), direction };
  const comparator = compileComparator([item], testOptions);
  return values
    .map((value): Row => [value])
    .sort(comparator)
    .map((row) => row[0] ?? null);
}

describe('compileComparator', () => {
  it('puts null first ascending and last descending', () => {
    expect(sortValues('Edm.Int32', [3, null, 1, 2], 'asc')).toEqual([null, 1, 2, 3]);
    expect(sortValues('Edm.Int32', [3, null, 1, 2], 'desc')).toEqual([3, 2, 1, null]);
  });

  it.each([
    [
      'Edm.Decimal',
      ['10', '9.99', '-1', '1e3', '-0.5', '100.000'],
      ['-1', '-0.5', '9.99', '10', '100.000', '1e3'],
    ],
    ['Edm.Double', [NaN, 1, -Infinity, Infinity, -1, 0], [-Infinity, -1, 0, 1, Infinity, NaN]],
    [
      'Edm.Int64',
      [2n ** 60n, -3, 2 ** 53 - 1, -(2n ** 63n)],
      [-(2n ** 63n), -3, 2 ** 53 - 1, 2n ** 60n],
    ],
    [
      'Edm.String',
      ['b', 'B', 'a', '', '\u{1F600}', '\uFFFD', 'ab'],
      ['', 'B', 'a', 'ab', 'b', '\uFFFD', '\u{1F600}'],
    ],
    ['Edm.Boolean', [true, false, true], [false, true, true]],
    [
      'Edm.Date',
      ['2024-03-01', '-0001-01-01', '2024-02-29', '10000-01-01'],
      ['-0001-01-01', '2024-02-29', '2024-03-01', '10000-01-01'],
    ],
    [
      'Edm.DateTimeOffset',
      ['2024-01-01T09:00:00+09:00', '2024-01-01T00:00:01Z', '2023-12-31T23:00:00-02:00'],
      ['2024-01-01T09:00:00+09:00', '2024-01-01T00:00:01Z', '2023-12-31T23:00:00-02:00'],
    ],
    ['Edm.TimeOfDay', ['10:00:00.5', '09:00', '10:00'], ['09:00', '10:00', '10:00:00.5']],
    ['Edm.Duration', ['P1D', '-PT1S', 'PT23H'], ['-PT1S', 'PT23H', 'P1D']],
    [
      'Edm.Guid',
      ['B0000000-0000-0000-0000-000000000000', 'a0000000-0000-0000-0000-000000000000'],
      ['a0000000-0000-0000-0000-000000000000', 'B0000000-0000-0000-0000-000000000000'],
    ],
  ] as const)('orders %s values', (type, values, expected) => {
    expect(sortValues(type, values, 'asc')).toEqual(expected);
    const descending: Value[] = [...expected].reverse();
    descending.push(null);
    expect(sortValues(type, [...values, null], 'desc')).toEqual(descending);
  });

  it('breaks ties with later keys and keeps the input order of equal rows (stable)', () => {
    const rows = [
      sampleRow({ Id: 1, Name: 'b', Amount: 1 }),
      sampleRow({ Id: 2, Name: 'a', Amount: 1 }),
      sampleRow({ Id: 3, Name: 'b', Amount: 2 }),
      sampleRow({ Id: 4, Name: 'a', Amount: 1 }),
      sampleRow({ Id: 5, Name: null, Amount: 9 }),
    ];
    const comparator = compileComparator(
      [
        { expression: column('Name'), direction: 'asc' },
        { expression: column('Amount'), direction: 'desc' },
      ],
      testOptions,
    );
    expect([...rows].sort(comparator).map((row) => row[0])).toEqual([5, 2, 4, 3, 1]);
    const threeKeys = compileComparator(
      [
        { expression: column('Name'), direction: 'desc' },
        { expression: column('Amount'), direction: 'asc' },
        { expression: column('Id'), direction: 'desc' },
      ],
      testOptions,
    );
    expect([...rows].sort(threeKeys).map((row) => row[0])).toEqual([1, 3, 4, 2, 5]);
  });

  it('orders by an expression: length(Name) desc', () => {
    const comparator = compileComparator(
      [{ expression: call('length', column('Name')), direction: 'desc' }],
      testOptions,
    );
    const rows = ['ab', 'abcd', null, 'a'].map((name) => sampleRow({ Name: name }));
    expect([...rows].sort(comparator).map((row) => row[1])).toEqual(['abcd', 'ab', 'a', null]);
  });

  it('ignores constant keys and returns 0 for rows equal on every key', () => {
    const comparator = compileComparator(
      [{ expression: literal('Edm.Int32', 1), direction: 'asc' }],
      testOptions,
    );
    expect(comparator(sampleRow({ Id: 1 }), sampleRow({ Id: 2 }))).toBe(0);
    expect(compileComparator([], testOptions)([1], [2])).toBe(0);
    const byName = compileComparator(
      [{ expression: column('Name'), direction: 'desc' }],
      testOptions,
    );
    expect(Object.is(byName(sampleRow({ Name: 'a' }), sampleRow({ Name: 'a' })), 0)).toBe(true);
  });

  it('refuses a collection key with TSG203', () => {
    let error: unknown;
    try {
      compileComparator([{ expression: column('Tags'), direction: 'asc' }], testOptions);
    } catch (caught) {
      error = caught;
    }
    expect(isTsunagiError(error) && error.code).toBe('TSG203');
    expect(isTsunagiError(error) && error.target).toBe('$orderby');
  });
});

describe('compareValues agrees with the filter operators (for keyset paging)', () => {
  const samples: readonly [EdmPrimitiveType, readonly Value[]][] = [
    ['Edm.Int32', [-5, 0, 3, 3, 2_147_483_647]],
    ['Edm.Int64', [2n ** 60n, 9_007_199_254_740_991, -(2n ** 62n), 0]],
    ['Edm.Decimal', ['1.50', '1.5', '-0', '0', '12345678901234567890.1', '-3.25', '1e2']],
    ['Edm.Double', [-Infinity, -1.5, 0, 2.5, Infinity]],
    ['Edm.String', ['', 'a', 'A', 'ab', '\u{1F600}', '\uFFFD', 'é']],
    ['Edm.Boolean', [true, false]],
    ['Edm.Date', ['2024-02-29', '2024-03-01', '-0001-12-31', '10000-01-01']],
    [
      'Edm.DateTimeOffset',
      [
        '2024-01-01T00:00:00Z',
        '2024-01-01T09:00:00+09:00',
        '2024-01-01T00:00:00.5Z',
        '2023-12-31T20:00:00-05:00',
      ],
    ],
    ['Edm.TimeOfDay', ['00:00', '12:30:00.25', '23:59:59.9999999']],
    ['Edm.Duration', ['PT0S', 'PT24H', 'P1D', '-PT1M', 'PT0.5S']],
    ['Edm.Guid', ['00000000-0000-0000-0000-00000000000A', '00000000-0000-0000-0000-00000000000b']],
    ['Edm.Binary', [new Uint8Array([1]), new Uint8Array([1, 0]), new Uint8Array([0, 9])]],
  ];

  it.each(samples)('%s: every pair', (type, values) => {
    const left = property(testProperty('L', type, 0));
    const right = property(testProperty('R', type, 1));
    const lt = compileFilter(compare('lt', left, right), testOptions);
    const eq = compileFilter(compare('eq', left, right), testOptions);
    const gt = compileFilter(compare('gt', left, right), testOptions);
    for (const a of values) {
      for (const b of values) {
        const row = [a, b];
        const expected = lt(row) ? -1 : eq(row) ? 0 : gt(row) ? 1 : 'unordered';
        expect(compareValues(type, a, b)).toBe(expected);
      }
      expect(compareValues(type, null, a)).toBe(-1);
      expect(compareValues(type, a, null)).toBe(1);
    }
    expect(compareValues(type, null, null)).toBe(0);
  });

  it('sorts NaN after every number and equal to itself', () => {
    expect(compareValues('Edm.Double', NaN, Infinity)).toBe(1);
    expect(compareValues('Edm.Double', -Infinity, NaN)).toBe(-1);
    expect(compareValues('Edm.Double', NaN, NaN)).toBe(0);
    expect(compareValues('Edm.Decimal', 'NaN', 'INF')).toBe(1);
  });

  it('orders collections element by element', () => {
    expect(compareValues('Edm.String', ['a', 'b'], ['a', 'c'])).toBe(-1);
    expect(compareValues('Edm.String', ['a'], ['a', 'b'])).toBe(-1);
  });
});

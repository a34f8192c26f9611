import { describe, expect, it } from 'vitest';
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import {
  compare,
  eq,
  inList,
  literal,
  nullLiteral,
  property,
} from '../semantic/expression-builders.js';
import type { ComparisonOperator } from '../semantic/expression.js';
import { isTsunagiError } from '../../errors/tsunagi-error.js';
import { compileFilter } from './compile-filter.js';
import { compareValues } from './compare-values.js';
import {
  column,
  decimal,
  guid,
  int32,
  sampleRow,
  string,
  testOptions,
  testProperty,
} from './test-support/sample-model.js';

const operators: readonly ComparisonOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

type Order = -1 | 0 | 1 | 'unordered';

function expectedResult(operator: ComparisonOperator, order: Order): boolean {
  if (order === 'unordered') return operator === 'ne';
  switch (operator) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

/**
 * Evaluates `left op right` four ways: literal with literal (folded at compile time),
 * column with literal (the specialised closures), literal with column (operator flipped),
 * column with column (the general path). All must agree.
 */
function evaluateFourWays(
  operator: ComparisonOperator,
  leftType: EdmPrimitiveType,
  leftValue: Value,
  rightType: EdmPrimitiveType,
  rightValue: Value,
): boolean[] {
  const leftColumn = property(testProperty('L', leftType, 0));
  const rightColumn = property(testProperty('R', rightType, 1));
  const leftLiteral = literal(leftType, leftValue);
  const rightLiteral = literal(rightType, rightValue);
  const row = [leftValue, rightValue];
  return [
    compileFilter(compare(operator, leftLiteral, rightLiteral), testOptions)([]),
    compileFilter(compare(operator, leftColumn, rightLiteral), testOptions)(row),
    compileFilter(compare(operator, leftLiteral, rightColumn), testOptions)(row),
    compileFilter(compare(operator, leftColumn, rightColumn), testOptions)(row),
  ];
}

const orderCases: readonly [string, EdmPrimitiveType, Value, EdmPrimitiveType, Value, Order][] = [
  // integers
  ['Int32 1 < 2', 'Edm.Int32', 1, 'Edm.Int32', 2, -1],
  ['Int32 -7 = -7', 'Edm.Int32', -7, 'Edm.Int32', -7, 0],
  ['Byte 200 > Int32 -1', 'Edm.Byte', 200, 'Edm.Int32', -1, 1],
  [
    'Int64 bigint > number',
    'Edm.Int64',
    9_007_199_254_740_993n,
    'Edm.Int64',
    9_007_199_254_740_992,
    1,
  ],
  ['Int64 bigint = bigint', 'Edm.Int64', 2n ** 62n, 'Edm.Int64', 2n ** 62n, 0],
  ['Int64 -bigint < number', 'Edm.Int64', -(2n ** 60n), 'Edm.Int32', 0, -1],
  // integers against decimals and doubles
  ['Int32 3 = Decimal 3.00', 'Edm.Int32', 3, 'Edm.Decimal', '3.00', 0],
  ['Int32 3 > Decimal 2.999…9', 'Edm.Int32', 3, 'Edm.Decimal', '2.999999999999999999999', 1],
  ['Int32 2 < Decimal 2.5', 'Edm.Int32', 2, 'Edm.Decimal', '2.5', -1],
  ['Int32 2 < Double 2.5', 'Edm.Int32', 2, 'Edm.Double', 2.5, -1],
  ['Int64 2^53+1 > Double 2^53', 'Edm.Int64', 9_007_199_254_740_993n, 'Edm.Double', 2 ** 53, 1],
  [
    'Int64 bigint = Decimal text',
    'Edm.Int64',
    2n ** 64n,
    'Edm.Decimal',
    '18446744073709551616.0',
    0,
  ],
  // decimals: exact
  [
    'Decimal 0.3 < 0.30000000000000000001',
    'Edm.Decimal',
    '0.3',
    'Edm.Decimal',
    '0.30000000000000000001',
    -1,
  ],
  ['Decimal 1.50 = 1.5', 'Edm.Decimal', '1.50', 'Edm.Decimal', '1.5', 0],
  ['Decimal -5 < -4.99', 'Edm.Decimal', '-5', 'Edm.Decimal', '-4.99', -1],
  ['Decimal -0 = 0', 'Edm.Decimal', '-0', 'Edm.Decimal', '0.000', 0],
  ['Decimal 1e3 = 1000', 'Edm.Decimal', '1e3', 'Edm.Decimal', '1000', 0],
  [
    'Decimal huge',
    'Edm.Decimal',
    '123456789012345678901234567890.1',
    'Edm.Decimal',
    '123456789012345678901234567890.01',
    1,
  ],
  ['Decimal INF > 1e300', 'Edm.Decimal', 'INF', 'Edm.Decimal', '1e300', 1],
  ['Decimal NaN unordered', 'Edm.Decimal', 'NaN', 'Edm.Decimal', 'NaN', 'unordered'],
  // decimals with doubles: promoted to double
  ['Decimal 0.1 = Double 0.1', 'Edm.Decimal', '0.1', 'Edm.Double', 0.1, 0],
  ['Decimal 0.5 < Double 0.75', 'Edm.Decimal', '0.5', 'Edm.Double', 0.75, -1],
  // doubles: IEEE 754
  ['Double NaN with NaN', 'Edm.Double', NaN, 'Edm.Double', NaN, 'unordered'],
  ['Double NaN with 1', 'Edm.Double', NaN, 'Edm.Double', 1, 'unordered'],
  ['Double INF > 1e308', 'Edm.Double', Infinity, 'Edm.Double', 1e308, 1],
  ['Double -INF < -1e308', 'Edm.Double', -Infinity, 'Edm.Double', -1e308, -1],
  ['Double INF = INF', 'Edm.Double', Infinity, 'Edm.Double', Infinity, 0],
  ['Double -0 = 0', 'Edm.Double', -0, 'Edm.Double', 0, 0],
  ['Single 0.1f > Double 0.1', 'Edm.Single', Math.fround(0.1), 'Edm.Double', 0.1, 1],
  ['Single = Single', 'Edm.Single', Math.fround(1.1), 'Edm.Single', Math.fround(1.1), 0],
  // strings: code point order, case-sensitive
  ['String a < b', 'Edm.String', 'a', 'Edm.String', 'b', -1],
  ['String B < a (case-sensitive)', 'Edm.String', 'B', 'Edm.String', 'a', -1],
  ['String "" < a', 'Edm.String', '', 'Edm.String', 'a', -1],
  ['String abc > ab', 'Edm.String', 'abc', 'Edm.String', 'ab', 1],
  ['String é > f', 'Edm.String', 'é', 'Edm.String', 'f', 1],
  ['String emoji > U+FFFD (code points)', 'Edm.String', '\u{1F600}', 'Edm.String', '\uFFFD', 1],
  ['String U+FF5E < emoji', 'Edm.String', 'x\uFF5E', 'Edm.String', 'x\u{1F600}', -1],
  ['String equal', 'Edm.String', 'Tsunagi', 'Edm.String', 'Tsunagi', 0],
  ['String a != A', 'Edm.String', 'a', 'Edm.String', 'A', 1],
  // booleans
  ['Boolean false < true', 'Edm.Boolean', false, 'Edm.Boolean', true, -1],
  ['Boolean true = true', 'Edm.Boolean', true, 'Edm.Boolean', true, 0],
  // dates and times
  ['Date leap day < March 1', 'Edm.Date', '2024-02-29', 'Edm.Date', '2024-03-01', -1],
  ['Date BC < AD', 'Edm.Date', '-0001-01-01', 'Edm.Date', '0001-01-01', -1],
  ['Date 5-digit year', 'Edm.Date', '10000-01-01', 'Edm.Date', '9999-12-31', 1],
  [
    'DateTimeOffset same instant, other offset',
    'Edm.DateTimeOffset',
    '2024-01-01T00:00:00Z',
    'Edm.DateTimeOffset',
    '2024-01-01T09:00:00+09:00',
    0,
  ],
  [
    'DateTimeOffset offsets normalised',
    'Edm.DateTimeOffset',
    '2024-01-01T08:00:00+09:00',
    'Edm.DateTimeOffset',
    '2023-12-31T23:30:00Z',
    -1,
  ],
  [
    'DateTimeOffset 7 fractional digits',
    'Edm.DateTimeOffset',
    '2024-01-01T00:00:00.0000001Z',
    'Edm.DateTimeOffset',
    '2024-01-01T00:00:00Z',
    1,
  ],
  [
    'DateTimeOffset .5 = .500',
    'Edm.DateTimeOffset',
    '2024-01-01T00:00:00.5Z',
    'Edm.DateTimeOffset',
    '2024-01-01T00:00:00.500Z',
    0,
  ],
  [
    'DateTimeOffset across the date line: same instant',
    'Edm.DateTimeOffset',
    '2024-01-01T01:00:00+14:00',
    'Edm.DateTimeOffset',
    '2023-12-31T01:00:00-10:00',
    0,
  ],
  [
    'DateTimeOffset across the date line: one hour later',
    'Edm.DateTimeOffset',
    '2024-01-01T01:00:00+14:00',
    'Edm.DateTimeOffset',
    '2023-12-31T02:00:00-10:00',
    -1,
  ],
  ['TimeOfDay .5 = .50', 'Edm.TimeOfDay', '10:00:00.5', 'Edm.TimeOfDay', '10:00:00.50', 0],
  ['TimeOfDay < next', 'Edm.TimeOfDay', '09:59:59.9999999', 'Edm.TimeOfDay', '10:00', -1],
  ['Duration PT24H = P1D', 'Edm.Duration', 'PT24H', 'Edm.Duration', 'P1D', 0],
  ['Duration negative < zero', 'Edm.Duration', '-PT1S', 'Edm.Duration', 'PT0S', -1],
  ['Duration P2D > PT47H59M', 'Edm.Duration', 'P2D', 'Edm.Duration', 'PT47H59M', 1],
  // GUIDs ignore case; binary byte by byte
  [
    'Guid case-insensitive',
    'Edm.Guid',
    '0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9',
    'Edm.Guid',
    '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
    0,
  ],
  [
    'Guid order',
    'Edm.Guid',
    '00000000-0000-0000-0000-000000000001',
    'Edm.Guid',
    'ffffffff-0000-0000-0000-000000000000',
    -1,
  ],
  ['Binary', 'Edm.Binary', new Uint8Array([1, 2]), 'Edm.Binary', new Uint8Array([1, 3]), -1],
  ['Binary equal', 'Edm.Binary', new Uint8Array([9]), 'Edm.Binary', new Uint8Array([9]), 0],
];

describe('comparison operators', () => {
  describe.each(orderCases)('%s', (_name, leftType, leftValue, rightType, rightValue, order) => {
    it.each(operators)('%s agrees on literals, columns and both', (operator) => {
      const expected = expectedResult(operator, order);
      expect(evaluateFourWays(operator, leftType, leftValue, rightType, rightValue)).toEqual([
        expected,
        expected,
        expected,
        expected,
      ]);
    });

    if (leftType === rightType && order !== 'unordered') {
      it('orders the same way in compareValues (used for $orderby and keyset paging)', () => {
        expect(compareValues(leftType, leftValue, rightValue)).toBe(order);
      });
    }
  });
});

describe('comparison with null', () => {
  const nullCases: readonly [ComparisonOperator, boolean, boolean][] = [
    // operator, null op null, null op value (and value op null)
    ['eq', true, false],
    ['ne', false, true],
    ['gt', false, false],
    ['ge', false, false],
    ['lt', false, false],
    ['le', false, false],
  ];

  it.each(nullCases)('%s: null with null is %s, null with a value is %s', (operator, both, one) => {
    const types: readonly [EdmPrimitiveType, Value][] = [
      ['Edm.Int32', 5],
      ['Edm.String', 'x'],
      ['Edm.Decimal', '1.5'],
      ['Edm.DateTimeOffset', '2024-01-01T00:00:00Z'],
      ['Edm.Boolean', false],
    ];
    for (const [type, value] of types) {
      expect(evaluateFourWays(operator, type, null, type, null)).toEqual([both, both, both, both]);
      expect(evaluateFourWays(operator, type, null, type, value)).toEqual([one, one, one, one]);
      expect(evaluateFourWays(operator, type, value, type, null)).toEqual([one, one, one, one]);
    }
  });

  it('compares with the untyped null literal', () => {
    const row = sampleRow({ Name: 'x' });
    const emptyRow = sampleRow({});
    const cases: readonly [ComparisonOperator, boolean, boolean][] = [
      ['eq', false, true],
      ['ne', true, false],
      ['gt', false, false],
      ['le', false, false],
    ];
    for (const [operator, onValue, onNull] of cases) {
      const filter = compileFilter(compare(operator, column('Name'), nullLiteral()), testOptions);
      const reversed = compileFilter(compare(operator, nullLiteral(), column('Name')), testOptions);
      expect([filter(row), filter(emptyRow), reversed(row), reversed(emptyRow)]).toEqual([
        onValue,
        onNull,
        onValue,
        onNull,
      ]);
    }
    expect(compileFilter(eq(nullLiteral(), nullLiteral()), testOptions)([])).toBe(true);
    expect(compileFilter(compare('ne', nullLiteral(), nullLiteral()), testOptions)([])).toBe(false);
  });

  it('reads a missing cell (a column left out of the projection) as null', () => {
    expect(compileFilter(eq(column('Name'), nullLiteral()), testOptions)([])).toBe(true);
    expect(compileFilter(compare('ne', column('Name'), string('x')), testOptions)([])).toBe(true);
  });
});

describe('comparison of incompatible types', () => {
  it.each([
    ['Edm.String', 'Edm.Int32'],
    ['Edm.Date', 'Edm.DateTimeOffset'],
    ['Edm.Boolean', 'Edm.Int32'],
    ['Edm.Duration', 'Edm.TimeOfDay'],
    ['Edm.Guid', 'Edm.Binary'],
  ] as const)('refuses %s with %s (TSG203)', (leftType, rightType) => {
    const expression = eq(
      property(testProperty('L', leftType, 0)),
      property(testProperty('R', rightType, 1)),
    );
    let error: unknown;
    try {
      compileFilter(expression, testOptions);
    } catch (caught) {
      error = caught;
    }
    expect(isTsunagiError(error) && error.code).toBe('TSG203');
    expect((error as Error).message).toContain(leftType);
    expect((error as Error).message).toContain(rightType);
  });

  it('refuses to compare a collection', () => {
    expect(() => compileFilter(eq(column('Tags'), string('a')), testOptions)).toThrow(
      /Collection\(Edm.String\)/,
    );
  });

  it('compares a GUID with a string ignoring case', () => {
    const filter = compileFilter(
      eq(column('Key'), string('0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9')),
      testOptions,
    );
    expect(filter(sampleRow({ Key: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9' }))).toBe(true);
  });
});

describe('in', () => {
  const cases: readonly [string, Value, boolean][] = [
    ['a', 'a', true],
    ['c', 'c', true],
    ['d', 'd', false],
    ['null', null, false],
  ];

  it.each(cases)('Name in (a, b, c) for %s is %s', (_name, value, expected) => {
    const filter = compileFilter(
      inList(column('Name'), [string('a'), string('b'), string('c')]),
      testOptions,
    );
    expect(filter(sampleRow({ Name: value }))).toBe(expected);
  });

  it('matches null when the list has null', () => {
    const filter = compileFilter(inList(column('Name'), [string('a'), nullLiteral()]), testOptions);
    expect(filter(sampleRow({ Name: null }))).toBe(true);
    expect(filter(sampleRow({ Name: 'a' }))).toBe(true);
    expect(filter(sampleRow({ Name: 'b' }))).toBe(false);
    expect(compileFilter(inList(nullLiteral(), [nullLiteral()]), testOptions)([])).toBe(true);
    expect(compileFilter(inList(nullLiteral(), [string('a')]), testOptions)([])).toBe(false);
  });

  it('compares numbers across types, exactly', () => {
    const filter = compileFilter(
      inList(column('Amount'), [
        int32(1),
        decimal('2.0'),
        literal('Edm.Double', 3.5),
        literal('Edm.Int64', 2n ** 60n),
      ]),
      testOptions,
    );
    expect([1, 2, 3, 3.5, 4].map((amount) => filter(sampleRow({ Amount: amount })))).toEqual([
      true,
      true,
      false,
      true,
      false,
    ]);
    const decimals = compileFilter(
      inList(column('Price'), [decimal('1.0'), decimal('2.50')]),
      testOptions,
    );
    expect(
      ['1', '2.5', '2.05', null].map((price) => decimals(sampleRow({ Price: price }))),
    ).toEqual([true, true, false, false]);
    const doubles = compileFilter(
      inList(column('Ratio'), [literal('Edm.Double', NaN), literal('Edm.Double', 1)]),
      testOptions,
    );
    expect([NaN, 1, 2].map((ratio) => doubles(sampleRow({ Ratio: ratio })))).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('compares GUIDs ignoring case and evaluates non-constant members per row', () => {
    const guids = compileFilter(
      inList(column('Key'), [guid('0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9')]),
      testOptions,
    );
    expect(guids(sampleRow({ Key: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9' }))).toBe(true);
    const mixed = compileFilter(inList(column('Amount'), [column('Id'), int32(99)]), testOptions);
    expect(mixed(sampleRow({ Amount: 5, Id: 5 }))).toBe(true);
    expect(mixed(sampleRow({ Amount: 99, Id: 5 }))).toBe(true);
    expect(mixed(sampleRow({ Amount: 6, Id: 5 }))).toBe(false);
    expect(mixed(sampleRow({ Amount: 6, Id: null }))).toBe(false);
  });

  it('refuses members of an incompatible type', () => {
    expect(() => compileFilter(inList(column('Name'), [int32(1)]), testOptions)).toThrow(/'in'/);
  });
});

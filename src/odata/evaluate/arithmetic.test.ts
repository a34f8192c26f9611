import { describe, expect, it } from 'vitest';
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import { isTsunagiError } from '../../errors/tsunagi-error.js';
import {
  arithmetic,
  eq,
  literal,
  negate,
  nullLiteral,
  property,
} from '../semantic/expression-builders.js';
import type { ArithmeticOperator, BoundExpression } from '../semantic/expression.js';
import { compileFilter } from './compile-filter.js';
import { compileTypedValue, compileValue } from './compile-value.js';
import { decimal, testOptions, testProperty } from './test-support/sample-model.js';

/** `left op right` on literals (folded) and on columns (evaluated per row): both results. */
function evaluateBothWays(
  operator: ArithmeticOperator,
  leftType: EdmPrimitiveType,
  leftValue: Value,
  rightType: EdmPrimitiveType,
  rightValue: Value,
): [Value, Value] {
  const onLiterals = arithmetic(
    operator,
    literal(leftType, leftValue),
    literal(rightType, rightValue),
  );
  const onColumns = arithmetic(
    operator,
    property(testProperty('L', leftType, 0)),
    property(testProperty('R', rightType, 1)),
  );
  return [
    compileValue(onLiterals, testOptions)([]),
    compileValue(onColumns, testOptions)([leftValue, rightValue]),
  ];
}

type Case = [string, ArithmeticOperator, EdmPrimitiveType, Value, EdmPrimitiveType, Value, Value];

const numericCases: readonly Case[] = [
  ['Int32 add', 'add', 'Edm.Int32', 5, 'Edm.Int32', 3, 8],
  ['Int32 sub', 'sub', 'Edm.Int32', 5, 'Edm.Int32', 8, -3],
  ['Int32 mul', 'mul', 'Edm.Int32', -4, 'Edm.Int32', 6, -24],
  [
    'Int32 add beyond Int32 stays exact',
    'add',
    'Edm.Int32',
    2_147_483_647,
    'Edm.Int32',
    1,
    2_147_483_648,
  ],
  [
    'Int64 add beyond 2^53 becomes bigint',
    'add',
    'Edm.Int64',
    Number.MAX_SAFE_INTEGER,
    'Edm.Int64',
    2,
    9_007_199_254_740_993n,
  ],
  ['Int64 mul of bigints', 'mul', 'Edm.Int64', 2n ** 40n, 'Edm.Int64', 2n ** 40n, 2n ** 80n],
  [
    'Int64 bigint sub back to number',
    'sub',
    'Edm.Int64',
    2n ** 60n,
    'Edm.Int64',
    2n ** 60n - 5n,
    5,
  ],
  ['Int32 div truncates', 'div', 'Edm.Int32', 7, 'Edm.Int32', 2, 3],
  ['Int32 div truncates toward zero (negative)', 'div', 'Edm.Int32', -7, 'Edm.Int32', 2, -3],
  ['Int32 div by negative', 'div', 'Edm.Int32', 7, 'Edm.Int32', -2, -3],
  [
    'Int64 div large',
    'div',
    'Edm.Int64',
    9_007_199_254_740_991,
    'Edm.Int64',
    2,
    4_503_599_627_370_495,
  ],
  ['Int64 div bigint', 'div', 'Edm.Int64', 10n ** 20n, 'Edm.Int64', 3, 33_333_333_333_333_333_333n],
  ['Int32 mod', 'mod', 'Edm.Int32', 7, 'Edm.Int32', 3, 1],
  ['Int32 mod keeps the dividend sign', 'mod', 'Edm.Int32', -7, 'Edm.Int32', 3, -1],
  ['Int32 mod by negative', 'mod', 'Edm.Int32', 7, 'Edm.Int32', -3, 1],
  ['Int32 mod without a negative zero', 'mod', 'Edm.Int32', -6, 'Edm.Int32', 3, 0],
  ['Int32 divby is decimal', 'divby', 'Edm.Int32', 7, 'Edm.Int32', 2, '3.5'],
  [
    'Int32 divby to 34 digits',
    'divby',
    'Edm.Int32',
    1,
    'Edm.Int32',
    3,
    '0.3333333333333333333333333333333333',
  ],
  [
    'Int32 divby rounds half away from zero',
    'divby',
    'Edm.Int32',
    2,
    'Edm.Int32',
    3,
    '0.6666666666666666666666666666666667',
  ],
  [
    'Int32 divby negative',
    'divby',
    'Edm.Int32',
    -2,
    'Edm.Int32',
    3,
    '-0.6666666666666666666666666666666667',
  ],
  ['Decimal 0.1 add 0.2 is exactly 0.3', 'add', 'Edm.Decimal', '0.1', 'Edm.Decimal', '0.2', '0.3'],
  ['Decimal sub to an integer', 'sub', 'Edm.Decimal', '1.10', 'Edm.Decimal', '0.1', '1'],
  ['Decimal mul', 'mul', 'Edm.Decimal', '1.5', 'Edm.Decimal', '1.5', '2.25'],
  ['Decimal mul exponent forms', 'mul', 'Edm.Decimal', '1e30', 'Edm.Decimal', '2e-30', '2'],
  ['Decimal div does not truncate', 'div', 'Edm.Decimal', '10', 'Edm.Decimal', '4', '2.5'],
  [
    'Decimal div of large values',
    'div',
    'Edm.Decimal',
    '123456789012345678901234567890',
    'Edm.Decimal',
    '10',
    '12345678901234567890123456789',
  ],
  [
    'Decimal div of tiny values',
    'div',
    'Edm.Decimal',
    '0.000000000000000000000000000001',
    'Edm.Decimal',
    '3',
    '0.0000000000000000000000000000003333333333333333333333333333333333',
  ],
  ['Decimal mod', 'mod', 'Edm.Decimal', '-7.5', 'Edm.Decimal', '2', '-1.5'],
  ['Decimal add Int32', 'add', 'Edm.Decimal', '0.5', 'Edm.Int32', 1, '1.5'],
  [
    'Int64 bigint add Decimal',
    'add',
    'Edm.Int64',
    2n ** 64n,
    'Edm.Decimal',
    '0.5',
    '18446744073709551616.5',
  ],
  ['Decimal INF add 1', 'add', 'Edm.Decimal', 'INF', 'Edm.Decimal', '1', 'INF'],
  ['Decimal NaN mul 0', 'mul', 'Edm.Decimal', 'NaN', 'Edm.Decimal', '0', 'NaN'],
  ['Double add is IEEE', 'add', 'Edm.Double', 0.1, 'Edm.Double', 0.2, 0.30000000000000004],
  ['Double div by zero', 'div', 'Edm.Double', 1, 'Edm.Double', 0, Infinity],
  ['Double negative div by zero', 'div', 'Edm.Double', -1, 'Edm.Double', 0, -Infinity],
  ['Double zero div by zero', 'div', 'Edm.Double', 0, 'Edm.Double', 0, NaN],
  ['Double mod', 'mod', 'Edm.Double', 5.5, 'Edm.Double', 2, 1.5],
  ['Double mod by zero', 'mod', 'Edm.Double', 5.5, 'Edm.Double', 0, NaN],
  ['Int32 add Double', 'add', 'Edm.Int32', 1, 'Edm.Double', 0.5, 1.5],
  ['Int32 div Double does not truncate', 'div', 'Edm.Int32', 7, 'Edm.Double', 2, 3.5],
  [
    'Decimal add Double is Double',
    'add',
    'Edm.Decimal',
    '0.1',
    'Edm.Double',
    0.2,
    0.30000000000000004,
  ],
  [
    'Single add Single rounds to float',
    'add',
    'Edm.Single',
    Math.fround(0.1),
    'Edm.Single',
    Math.fround(0.2),
    Math.fround(Math.fround(0.1) + Math.fround(0.2)),
  ],
];

const temporalCases: readonly Case[] = [
  [
    'DateTimeOffset add day, offset kept',
    'add',
    'Edm.DateTimeOffset',
    '2024-01-31T10:00:00+09:00',
    'Edm.Duration',
    'P1D',
    '2024-02-01T10:00:00+09:00',
  ],
  [
    'DateTimeOffset add into a leap day',
    'add',
    'Edm.DateTimeOffset',
    '2024-02-28T12:00:00Z',
    'Edm.Duration',
    'P1D',
    '2024-02-29T12:00:00Z',
  ],
  [
    'DateTimeOffset add, no leap day',
    'add',
    'Edm.DateTimeOffset',
    '2023-02-28T12:00:00Z',
    'Edm.Duration',
    'P1D',
    '2023-03-01T12:00:00Z',
  ],
  [
    'DateTimeOffset add fraction',
    'add',
    'Edm.DateTimeOffset',
    '2024-01-01T00:00:00.75Z',
    'Edm.Duration',
    'PT0.5S',
    '2024-01-01T00:00:01.25Z',
  ],
  [
    'DateTimeOffset sub across midnight and year',
    'sub',
    'Edm.DateTimeOffset',
    '2024-01-01T00:30:00-05:00',
    'Edm.Duration',
    'PT1H',
    '2023-12-31T23:30:00-05:00',
  ],
  [
    'DateTimeOffset sub negative duration',
    'sub',
    'Edm.DateTimeOffset',
    '2024-01-01T00:00:00Z',
    'Edm.Duration',
    '-PT1S',
    '2024-01-01T00:00:01Z',
  ],
  [
    'Duration add DateTimeOffset',
    'add',
    'Edm.Duration',
    'PT2H',
    'Edm.DateTimeOffset',
    '2024-06-30T23:00:00Z',
    '2024-07-01T01:00:00Z',
  ],
  [
    'Date add day into a leap day',
    'add',
    'Edm.Date',
    '2024-02-28',
    'Edm.Duration',
    'P1D',
    '2024-02-29',
  ],
  [
    'Date sub day from March 1 (leap year)',
    'sub',
    'Edm.Date',
    '2024-03-01',
    'Edm.Duration',
    'P1D',
    '2024-02-29',
  ],
  [
    'Date sub day from March 1 (common year)',
    'sub',
    'Edm.Date',
    '2023-03-01',
    'Edm.Duration',
    'P1D',
    '2023-02-28',
  ],
  ['Date add 36 hours', 'add', 'Edm.Date', '2024-12-31', 'Edm.Duration', 'PT36H', '2025-01-01'],
  [
    'Date sub one hour is the day before',
    'sub',
    'Edm.Date',
    '2024-01-01',
    'Edm.Duration',
    'PT1H',
    '2023-12-31',
  ],
  ['Duration add Date', 'add', 'Edm.Duration', 'P366D', 'Edm.Date', '2024-01-01', '2025-01-01'],
  [
    'DateTimeOffset sub DateTimeOffset',
    'sub',
    'Edm.DateTimeOffset',
    '2024-01-01T00:00:00Z',
    'Edm.DateTimeOffset',
    '2023-12-31T23:00:00-02:00',
    '-PT1H',
  ],
  [
    'DateTimeOffset sub with fractions',
    'sub',
    'Edm.DateTimeOffset',
    '2024-01-01T00:00:01.25Z',
    'Edm.DateTimeOffset',
    '2024-01-01T00:00:00.5Z',
    'PT0.75S',
  ],
  [
    'DateTimeOffset sub across years',
    'sub',
    'Edm.DateTimeOffset',
    '2025-01-01T00:00:00Z',
    'Edm.DateTimeOffset',
    '2024-01-01T00:00:00Z',
    'P366D',
  ],
  ['Date sub Date', 'sub', 'Edm.Date', '2024-03-01', 'Edm.Date', '2024-02-01', 'P29D'],
  ['Date sub later Date', 'sub', 'Edm.Date', '2023-02-01', 'Edm.Date', '2023-03-01', '-P28D'],
  ['Duration add Duration', 'add', 'Edm.Duration', 'PT1H', 'Edm.Duration', 'PT30M', 'PT1H30M'],
  ['Duration sub Duration', 'sub', 'Edm.Duration', 'PT1H', 'Edm.Duration', 'PT90M', '-PT30M'],
  ['Duration mul Int32', 'mul', 'Edm.Duration', 'PT1H', 'Edm.Int32', 2, 'PT2H'],
  ['Decimal mul Duration', 'mul', 'Edm.Decimal', '1.5', 'Edm.Duration', 'PT1H', 'PT1H30M'],
  ['Duration mul Double', 'mul', 'Edm.Duration', 'P1D', 'Edm.Double', 0.5, 'PT12H'],
  ['Duration div Int32', 'div', 'Edm.Duration', 'PT1H', 'Edm.Int32', 2, 'PT30M'],
  [
    'Duration div rounds to the nanosecond',
    'div',
    'Edm.Duration',
    'PT1S',
    'Edm.Int32',
    3,
    'PT0.333333333S',
  ],
];

describe('arithmetic', () => {
  it.each([...numericCases, ...temporalCases])(
    '%s',
    (_name, operator, leftType, leftValue, rightType, rightValue, expected) => {
      const [onLiterals, onColumns] = evaluateBothWays(
        operator,
        leftType,
        leftValue,
        rightType,
        rightValue,
      );
      expect(onLiterals).toEqual(expected);
      expect(onColumns).toEqual(expected);
    },
  );

  it('makes 0.1 add 0.2 eq 0.3 true for Edm.Decimal (and not for Edm.Double)', () => {
    const sum = (type: EdmPrimitiveType, a: Value, b: Value) =>
      arithmetic('add', literal(type, a), literal(type, b));
    expect(
      compileFilter(eq(sum('Edm.Decimal', '0.1', '0.2'), decimal('0.3')), testOptions)([]),
    ).toBe(true);
    expect(
      compileFilter(eq(sum('Edm.Double', 0.1, 0.2), literal('Edm.Double', 0.3)), testOptions)([]),
    ).toBe(false);
    const price = property(testProperty('Price', 'Edm.Decimal', 0));
    const filter = compileFilter(
      eq(arithmetic('add', price, decimal('0.2')), decimal('0.3')),
      testOptions,
    );
    expect(filter(['0.1'])).toBe(true);
    expect(filter(['0.10000000000000000001'])).toBe(false);
  });

  it.each([
    ['Int32', 'Edm.Int32', 5, 'Edm.Int32'],
    ['Decimal', 'Edm.Decimal', '1.5', 'Edm.Decimal'],
    ['Double', 'Edm.Double', 0.5, 'Edm.Double'],
  ] as const)('reports the result type (%s)', (_name, type, value, expected) => {
    expect(
      compileTypedValue(arithmetic('add', literal(type, value), literal(type, value)), testOptions)
        .type.type,
    ).toBe(expected);
  });

  it.each([
    ['Int32', 'Edm.Int32', 5, -5],
    ['Int32 zero', 'Edm.Int32', 0, 0],
    ['Int64 bigint', 'Edm.Int64', 2n ** 63n, -(2n ** 63n)],
    ['Decimal', 'Edm.Decimal', '1.50', '-1.5'],
    ['Decimal negative', 'Edm.Decimal', '-0.25', '0.25'],
    ['Decimal zero', 'Edm.Decimal', '0.0', '0'],
    ['Double', 'Edm.Double', 2.5, -2.5],
    ['Double INF', 'Edm.Double', Infinity, -Infinity],
    ['Duration', 'Edm.Duration', 'PT1.5S', '-PT1.5S'],
    ['negative Duration', 'Edm.Duration', '-P1D', 'P1D'],
  ] as const)('negates %s', (_name, type, value, expected) => {
    expect(compileValue(negate(literal(type, value)), testOptions)([])).toEqual(expected);
    expect(
      compileValue(negate(property(testProperty('V', type, 0))), testOptions)([value]),
    ).toEqual(expected);
    expect(
      compileValue(negate(property(testProperty('V', type, 0))), testOptions)([null]),
    ).toBeNull();
  });

  it('propagates null through every operator', () => {
    const operators: readonly ArithmeticOperator[] = ['add', 'sub', 'mul', 'div', 'divby', 'mod'];
    for (const operator of operators) {
      expect(evaluateBothWays(operator, 'Edm.Int32', null, 'Edm.Int32', 0)).toEqual([null, null]);
      expect(evaluateBothWays(operator, 'Edm.Decimal', '1', 'Edm.Decimal', null)).toEqual([
        null,
        null,
      ]);
      expect(
        compileValue(arithmetic(operator, nullLiteral(), literal('Edm.Int32', 1)), testOptions)([]),
      ).toBeNull();
    }
    expect(evaluateBothWays('add', 'Edm.DateTimeOffset', null, 'Edm.Duration', 'P1D')).toEqual([
      null,
      null,
    ]);
  });
});

describe('division by zero', () => {
  const cases: readonly [
    string,
    ArithmeticOperator,
    EdmPrimitiveType,
    Value,
    EdmPrimitiveType,
    Value,
  ][] = [
    ['Int32 div', 'div', 'Edm.Int32', 1, 'Edm.Int32', 0],
    ['Int32 mod', 'mod', 'Edm.Int32', 1, 'Edm.Int32', 0],
    ['Int32 divby', 'divby', 'Edm.Int32', 1, 'Edm.Int32', 0],
    ['Int64 bigint div', 'div', 'Edm.Int64', 2n ** 70n, 'Edm.Int64', 0],
    ['Decimal div', 'div', 'Edm.Decimal', '1.5', 'Edm.Decimal', '0.00'],
    ['Decimal mod', 'mod', 'Edm.Decimal', '1.5', 'Edm.Decimal', '0'],
    ['Duration div', 'div', 'Edm.Duration', 'PT1H', 'Edm.Int32', 0],
  ];

  it.each(cases)(
    '%s raises TSG230 when evaluated, not when compiled',
    (_name, operator, leftType, leftValue, rightType, rightValue) => {
      const left = property(testProperty('L', leftType, 0));
      const expression = eq(
        arithmetic(operator, left, literal(rightType, rightValue)),
        nullLiteral(),
      );
      const filter = compileFilter(expression, { ...testOptions, target: '$filter' });
      expect(filter([null])).toBe(true);
      let error: unknown;
      try {
        filter([leftValue]);
      } catch (caught) {
        error = caught;
      }
      expect(isTsunagiError(error)).toBe(true);
      if (!isTsunagiError(error)) return;
      expect(error.code).toBe('TSG230');
      expect(error.status).toBe(400);
      expect(error.target).toBe('$filter');
      expect(error.message).toContain(`'${operator}'`);
    },
  );

  it('raises it for a division of literals too, at evaluation', () => {
    const filter = compileFilter(
      eq(
        arithmetic('div', literal('Edm.Int32', 1), literal('Edm.Int32', 0)),
        literal('Edm.Int32', 0),
      ),
      testOptions,
    );
    expect(() => filter([])).toThrow(/Division by zero/);
  });
});

describe('arithmetic on unsupported types', () => {
  const cases: readonly [string, BoundExpression][] = [
    ['String add Int32', arithmetic('add', literal('Edm.String', 'a'), literal('Edm.Int32', 1))],
    [
      'Date add Date',
      arithmetic('add', literal('Edm.Date', '2024-01-01'), literal('Edm.Date', '2024-01-01')),
    ],
    [
      'Duration sub DateTimeOffset',
      arithmetic(
        'sub',
        literal('Edm.Duration', 'P1D'),
        literal('Edm.DateTimeOffset', '2024-01-01T00:00:00Z'),
      ),
    ],
    ['Boolean mul Int32', arithmetic('mul', literal('Edm.Boolean', true), literal('Edm.Int32', 1))],
    [
      'TimeOfDay add Duration',
      arithmetic('add', literal('Edm.TimeOfDay', '10:00:00'), literal('Edm.Duration', 'PT1H')),
    ],
    ['negate String', negate(literal('Edm.String', 'a'))],
    ['negate Date', negate(literal('Edm.Date', '2024-01-01'))],
  ];

  it.each(cases)('%s is refused with TSG203', (_name, expression) => {
    let error: unknown;
    try {
      compileValue(expression, testOptions);
    } catch (caught) {
      error = caught;
    }
    expect(isTsunagiError(error) && error.code).toBe('TSG203');
  });
});

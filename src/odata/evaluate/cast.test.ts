import { describe, expect, it } from 'vitest';
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import { cast, isOf, literal, nullLiteral, property } from '../semantic/expression-builders.js';
import { compileFilter } from './compile-filter.js';
import { compileValue } from './compile-value.js';
import { testOptions, testProperty } from './test-support/sample-model.js';

/** cast(value, target) on a literal (folded) and on a column: both results. */
function castBothWays(from: EdmPrimitiveType, value: Value, to: EdmPrimitiveType): [Value, Value] {
  return [
    compileValue(cast(literal(from, value), to), testOptions)([]),
    compileValue(cast(property(testProperty('V', from, 0)), to), testOptions)([value]),
  ];
}

const castCases: readonly [EdmPrimitiveType, Value, EdmPrimitiveType, Value][] = [
  // to Edm.String: the literal form
  ['Edm.Int32', 5, 'Edm.String', '5'],
  ['Edm.Int64', 2n ** 64n, 'Edm.String', '18446744073709551616'],
  ['Edm.Double', 1.5, 'Edm.String', '1.5'],
  ['Edm.Double', Infinity, 'Edm.String', 'INF'],
  ['Edm.Double', -Infinity, 'Edm.String', '-INF'],
  ['Edm.Double', NaN, 'Edm.String', 'NaN'],
  ['Edm.Double', 1e21, 'Edm.String', '1000000000000000000000'],
  ['Edm.Single', Math.fround(0.1), 'Edm.String', '0.1'],
  ['Edm.Decimal', '12.50', 'Edm.String', '12.50'],
  ['Edm.Boolean', true, 'Edm.String', 'true'],
  ['Edm.Date', '2024-02-29', 'Edm.String', '2024-02-29'],
  [
    'Edm.Guid',
    '0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9',
    'Edm.String',
    '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
  ],
  ['Edm.Binary', new Uint8Array([1, 2, 3]), 'Edm.String', 'AQID'],
  // from Edm.String: must be a valid value
  ['Edm.String', '12', 'Edm.Int32', 12],
  ['Edm.String', '-12', 'Edm.Int16', -12],
  ['Edm.String', '12.5', 'Edm.Int32', null],
  ['Edm.String', 'abc', 'Edm.Int32', null],
  ['Edm.String', '2147483648', 'Edm.Int32', null],
  ['Edm.String', '9223372036854775807', 'Edm.Int64', 9_223_372_036_854_775_807n],
  ['Edm.String', '012.50', 'Edm.Decimal', '12.5'],
  ['Edm.String', 'INF', 'Edm.Double', Infinity],
  ['Edm.String', '1e3', 'Edm.Double', 1000],
  ['Edm.String', 'x1', 'Edm.Double', null],
  ['Edm.String', 'true', 'Edm.Boolean', true],
  ['Edm.String', 'FALSE', 'Edm.Boolean', false],
  ['Edm.String', 'yes', 'Edm.Boolean', null],
  ['Edm.String', '2024-02-29', 'Edm.Date', '2024-02-29'],
  ['Edm.String', '2023-02-29', 'Edm.Date', null],
  ['Edm.String', '2024-01-01T00:00:00+09:00', 'Edm.DateTimeOffset', '2024-01-01T00:00:00+09:00'],
  ['Edm.String', '2024-01-01', 'Edm.DateTimeOffset', null],
  ['Edm.String', '10:30', 'Edm.TimeOfDay', '10:30'],
  ['Edm.String', 'P1D', 'Edm.Duration', 'P1D'],
  ['Edm.String', 'P1Y', 'Edm.Duration', null],
  [
    'Edm.String',
    '0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9',
    'Edm.Guid',
    '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
  ],
  ['Edm.String', 'not-a-guid', 'Edm.Guid', null],
  ['Edm.String', 'AQID', 'Edm.Binary', new Uint8Array([1, 2, 3])],
  // numeric to numeric
  ['Edm.Double', 2.5, 'Edm.Int32', 3],
  ['Edm.Double', -2.5, 'Edm.Int32', -3],
  ['Edm.Double', 2.4, 'Edm.Int32', 2],
  ['Edm.Double', 1e10, 'Edm.Int32', null],
  ['Edm.Double', NaN, 'Edm.Int32', null],
  ['Edm.Double', 1e19, 'Edm.Int64', null],
  ['Edm.Double', 2 ** 60, 'Edm.Int64', 2n ** 60n],
  ['Edm.Decimal', '255.4', 'Edm.Byte', 255],
  ['Edm.Decimal', '255.5', 'Edm.Byte', null],
  ['Edm.Decimal', '-128.5', 'Edm.SByte', null],
  ['Edm.Decimal', '-128.4', 'Edm.SByte', -128],
  ['Edm.Int32', -1, 'Edm.Byte', null],
  ['Edm.Int32', 300, 'Edm.SByte', null],
  ['Edm.Int32', 32_767, 'Edm.Int16', 32_767],
  ['Edm.Int64', 2n ** 62n, 'Edm.Int32', null],
  ['Edm.Int32', 5, 'Edm.Decimal', '5'],
  ['Edm.Double', 0.1, 'Edm.Decimal', '0.1'],
  ['Edm.Double', 1e21, 'Edm.Decimal', '1000000000000000000000'],
  ['Edm.Double', Infinity, 'Edm.Decimal', null],
  ['Edm.Decimal', '0.1', 'Edm.Double', 0.1],
  ['Edm.Int64', 2n ** 64n, 'Edm.Double', 2 ** 64],
  ['Edm.Double', 1e300, 'Edm.Single', null],
  ['Edm.Double', 0.1, 'Edm.Single', Math.fround(0.1)],
  ['Edm.Int32', 7, 'Edm.Double', 7],
  // dates and times
  ['Edm.Date', '2024-01-31', 'Edm.DateTimeOffset', '2024-01-31T00:00:00Z'],
  ['Edm.DateTimeOffset', '2024-01-01T01:00:00+09:00', 'Edm.Date', '2024-01-01'],
  ['Edm.DateTimeOffset', '2024-01-01T01:00:00.5+09:00', 'Edm.TimeOfDay', '01:00:00.5'],
  ['Edm.DateTimeOffset', '2024-01-01T01:00:00Z', 'Edm.DateTimeOffset', '2024-01-01T01:00:00Z'],
  // pairs without a conversion
  ['Edm.Boolean', true, 'Edm.Int32', null],
  ['Edm.Int32', 1, 'Edm.Boolean', null],
  ['Edm.Date', '2024-01-01', 'Edm.Duration', null],
  ['Edm.Duration', 'P1D', 'Edm.Int32', null],
  ['Edm.Int32', null, 'Edm.String', null],
];

describe('cast', () => {
  it.each(castCases)('cast(%s %s, %s) is %s', (from, value, to, expected) => {
    expect(castBothWays(from, value, to)).toEqual([expected, expected]);
  });

  it('casts the null literal to null', () => {
    expect(compileValue(cast(nullLiteral(), 'Edm.Int32'), testOptions)([])).toBeNull();
  });

  it('filters on a cast: cast(Code, Edm.Int32) gt 10', () => {
    const code = property(testProperty('Code', 'Edm.String', 0));
    const filter = compileFilter(
      {
        kind: 'comparison',
        resultType: { type: 'Edm.Boolean', collection: false },
        operator: 'gt',
        left: cast(code, 'Edm.Int32'),
        right: literal('Edm.Int32', 10),
      },
      testOptions,
    );
    expect(['11', '9', 'x', null].map((value) => filter([value]))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('isof', () => {
  const cases: readonly [EdmPrimitiveType, Value, EdmPrimitiveType, boolean][] = [
    ['Edm.Int32', 5, 'Edm.Int32', true],
    ['Edm.Double', 3, 'Edm.Int32', true],
    ['Edm.Double', 3.5, 'Edm.Int32', false],
    ['Edm.Int32', 300, 'Edm.Byte', false],
    ['Edm.Int32', 200, 'Edm.Byte', true],
    ['Edm.Decimal', '1.5', 'Edm.Double', true],
    ['Edm.Decimal', '0.1', 'Edm.Double', true],
    ['Edm.Decimal', '0.10000000000000000001', 'Edm.Double', false],
    ['Edm.Int64', 2n ** 62n, 'Edm.Int32', false],
    ['Edm.String', '5', 'Edm.Int32', false],
    ['Edm.Date', '2024-01-01', 'Edm.DateTimeOffset', false],
    ['Edm.Int32', null, 'Edm.Int32', false],
  ];

  it.each(cases)('isof(%s %s, %s) is %s', (from, value, to, expected) => {
    expect(compileFilter(isOf(literal(from, value), to), testOptions)([])).toBe(expected);
    expect(
      compileFilter(isOf(property(testProperty('V', from, 0)), to), testOptions)([value]),
    ).toBe(expected);
  });
});

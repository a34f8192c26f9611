import { describe, expect, it } from 'vitest';
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import { convertValue } from './value-conversion.js';

describe('convertValue', () => {
  it.each<[Value, EdmPrimitiveType, EdmPrimitiveType, Value | undefined]>([
    [5, 'Edm.Int64', 'Edm.Int32', 5],
    [5, 'Edm.Int32', 'Edm.Decimal', '5'],
    ['12.50', 'Edm.Decimal', 'Edm.Double', 12.5],
    ['12.50', 'Edm.Decimal', 'Edm.Int32', undefined],
    [3000000000, 'Edm.Int64', 'Edm.Int32', undefined],
    [9007199254740993n, 'Edm.Int64', 'Edm.Decimal', '9007199254740993'],
    [42, 'Edm.Int32', 'Edm.String', '42'],
    ['2024-01-01', 'Edm.Date', 'Edm.DateTimeOffset', '2024-01-01T00:00:00Z'],
    [true, 'Edm.Boolean', 'Edm.String', undefined],
    ['x', 'Edm.String', 'Edm.Int32', undefined],
    [null, 'Edm.Int32', 'Edm.String', null],
  ])('%s %s → %s', (value, from, to, expected) => {
    expect(convertValue(value, from, to)).toEqual(expected);
  });
});

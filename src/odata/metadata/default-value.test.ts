import { describe, expect, it } from 'vitest';
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import { property } from '../test-support/metadata-test-model.js';
import { defaultValueJson, defaultValueLiteral } from './default-value.js';

describe('default values', () => {
  it.each<[EdmPrimitiveType, Value, string, string | number | boolean]>([
    ['Edm.String', 'Open <new>', 'Open <new>', 'Open <new>'],
    ['Edm.Boolean', true, 'true', true],
    ['Edm.Int32', -7, '-7', -7],
    ['Edm.Int64', 42, '42', 42],
    ['Edm.Int64', 9007199254740993n, '9007199254740993', '9007199254740993'],
    ['Edm.Decimal', '12.50', '12.50', 12.5],
    ['Edm.Decimal', '-0.001', '-0.001', -0.001],
    [
      'Edm.Decimal',
      '12345678901234567890.12',
      '12345678901234567890.12',
      '12345678901234567890.12',
    ],
    ['Edm.Double', 1.5, '1.5', 1.5],
    ['Edm.Double', Number.NaN, 'NaN', 'NaN'],
    ['Edm.Single', Number.NEGATIVE_INFINITY, '-INF', '-INF'],
    ['Edm.Date', '2024-02-29', '2024-02-29', '2024-02-29'],
    ['Edm.Duration', 'P1DT2H', 'P1DT2H', 'P1DT2H'],
    ['Edm.Binary', new Uint8Array([0xfb, 0xff, 0x01]), '-_8B', '-_8B'],
  ])('%s %s', (type, value, literal, json) => {
    const withDefault = property('P', type, { defaultValue: value });
    expect(defaultValueLiteral(withDefault)).toBe(literal);
    expect(defaultValueJson(withDefault)).toBe(json);
  });

  it('has none for missing, null and collection defaults', () => {
    for (const withoutDefault of [
      property('P', 'Edm.String'),
      property('P', 'Edm.String', { defaultValue: null }),
      property('P', 'Edm.String', { collection: true, defaultValue: ['a'] }),
    ]) {
      expect(defaultValueLiteral(withoutDefault)).toBeUndefined();
      expect(defaultValueJson(withoutDefault)).toBeUndefined();
    }
  });
});

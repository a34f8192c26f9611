import { describe, expect, it } from 'vitest';
import type { EdmPrimitiveType } from '../edm/primitive-type.js';
import {
  canonicalDecimal,
  parsePrimitiveValue,
  smallestIntegerType,
  tryParsePrimitiveValue,
} from './primitive-value-parser.js';

describe('parsePrimitiveValue', () => {
  it.each<[EdmPrimitiveType, string, unknown]>([
    ['Edm.String', "O'Neil", "O'Neil"],
    ['Edm.Boolean', 'true', true],
    ['Edm.Boolean', 'false', false],
    ['Edm.Byte', '255', 255],
    ['Edm.SByte', '-128', -128],
    ['Edm.Int16', '+32000', 32000],
    ['Edm.Int32', '-2000000000', -2000000000],
    ['Edm.Int64', '9007199254740991', 9007199254740991],
    ['Edm.Int64', '1234567890123456789', 1234567890123456789n],
    ['Edm.Int64', '-9223372036854775808', -9223372036854775808n],
    ['Edm.Decimal', '3.14', '3.14'],
    ['Edm.Decimal', '+007.50', '7.50'],
    ['Edm.Decimal', '-1.234567e3', '-1234.567'],
    ['Edm.Decimal', '1e-3', '0.001'],
    ['Edm.Decimal', '-0', '0'],
    ['Edm.Double', '-0.314e1', -3.14],
    ['Edm.Double', 'INF', Number.POSITIVE_INFINITY],
    ['Edm.Double', '-INF', Number.NEGATIVE_INFINITY],
    ['Edm.Single', '+0.314e+1', 3.14],
    ['Edm.Date', '2012-09-03', '2012-09-03'],
    ['Edm.Date', '-10000-04-01', '-10000-04-01'],
    ['Edm.Date', '2000-02-29', '2000-02-29'],
    ['Edm.DateTimeOffset', '2012-09-03T13:52Z', '2012-09-03T13:52:00Z'],
    ['Edm.DateTimeOffset', '2012-09-03t14:53:01.5+02:00', '2012-09-03T14:53:01.5+02:00'],
    ['Edm.DateTimeOffset', '1972-06-30T23:59:60Z', '1972-06-30T23:59:60Z'],
    ['Edm.TimeOfDay', '11:22', '11:22:00'],
    ['Edm.TimeOfDay', '11:22:33.4444444', '11:22:33.4444444'],
    ['Edm.Duration', '-P6DT23H59M59.9999S', '-P6DT23H59M59.9999S'],
    ['Edm.Duration', 'PT1H', 'PT1H'],
    ['Edm.Guid', '01234567-89AB-cdef-0123-456789ABCDEF', '01234567-89ab-cdef-0123-456789abcdef'],
  ])('%s %s', (type, text, expected) => {
    expect(parsePrimitiveValue(text, type)).toEqual(expected);
  });

  it('decodes base64url binary values', () => {
    expect(parsePrimitiveValue('Zm9vYmE', 'Edm.Binary')).toEqual(new TextEncoder().encode('fooba'));
    expect(parsePrimitiveValue('', 'Edm.Binary')).toEqual(new Uint8Array(0));
    expect(parsePrimitiveValue('_-8', 'Edm.Binary')).toEqual(new Uint8Array([0xff, 0xef]));
  });

  it('reads NaN as a Double', () => {
    expect(Number.isNaN(parsePrimitiveValue('NaN', 'Edm.Double'))).toBe(true);
  });

  it.each<[EdmPrimitiveType, string]>([
    ['Edm.Boolean', 'TRUE'],
    ['Edm.Boolean', '1'],
    ['Edm.Byte', '256'],
    ['Edm.Byte', '-1'],
    ['Edm.SByte', '128'],
    ['Edm.Int32', '2147483648'],
    ['Edm.Int64', '9223372036854775808'],
    ['Edm.Int32', '1.0'],
    ['Edm.Decimal', '42.'],
    ['Edm.Decimal', '.1'],
    ['Edm.Decimal', 'INF'],
    ['Edm.Decimal', '1e999999999'],
    ['Edm.Double', '-0.314e1e2'],
    ['Edm.Date', '2012-02-30'],
    ['Edm.Date', '2100-02-29'],
    ['Edm.DateTimeOffset', '2011-12-31T24:00Z'],
    ['Edm.DateTimeOffset', '2012-09-03T23%3A59Z'],
    ['Edm.DateTimeOffset', '2012-09-03T23:59'],
    ['Edm.TimeOfDay', '24:00:00'],
    ['Edm.Duration', 'P1Y'],
    ['Edm.Duration', '+P1D'],
    ['Edm.Duration', 'P'],
    ['Edm.Guid', '01234g67-89ab-cdef-0123-456789abcdef'],
    ['Edm.Binary', 'Zg+='],
    ['Edm.Binary', 'Z'],
  ])('rejects %s %s', (type, text) => {
    expect(tryParsePrimitiveValue(text, type)).toBeUndefined();
    expect(() => parsePrimitiveValue(text, type)).toThrow(/is not a valid/);
  });

  it('names the error TSG103', () => {
    try {
      parsePrimitiveValue('x', 'Edm.Int32');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'TSG103',
        message: "'x' is not a valid Edm.Int32 value.",
      });
    }
    expect.assertions(1);
  });
});

describe('numeric helpers', () => {
  it.each([
    ['0', 'Edm.Byte'],
    ['255', 'Edm.Byte'],
    ['-1', 'Edm.SByte'],
    ['256', 'Edm.Int16'],
    ['-129', 'Edm.Int16'],
    ['40000', 'Edm.Int32'],
    ['3000000000', 'Edm.Int64'],
    ['99999999999999999999', undefined],
  ])('smallestIntegerType(%s) = %s', (text, type) => {
    expect(smallestIntegerType(text)).toBe(type);
  });

  it.each([
    ['12.50', '12.50'],
    ['-12.50', '-12.50'],
    ['0012', '12'],
    ['1.5e2', '150'],
    ['1.5e-2', '0.015'],
    ['-5e0', '-5'],
    ['120e-1', '12.0'],
  ])('canonicalDecimal(%s) = %s', (text, expected) => {
    expect(canonicalDecimal(text)).toBe(expected);
  });
});

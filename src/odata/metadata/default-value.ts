/**
 * A property's default value as $metadata writes it: the `DefaultValue` attribute of CSDL
 * XML (a `primitiveValue` literal of OData-ABNF, e.g. `true`, `12.50`, `INF`, base64url
 * for binary) and the `$DefaultValue` member of CSDL JSON (the JSON value of OData-JSON).
 *
 * In JSON, Edm.Int64 values beyond ±2^53-1 and Edm.Decimal values that a JSON number would
 * not carry exactly are written as strings (the IEEE754Compatible form), never rounded.
 * Collection properties and null defaults have no default value in CSDL.
 */
import type { EdmPrimitiveType, PrimitiveValue } from '../edm/primitive-type.js';
import type { PropertyModel } from '../edm/service-model.js';

function singleDefault(property: PropertyModel): PrimitiveValue | undefined {
  const value = property.defaultValue;
  if (value === undefined || value === null || property.collection) return undefined;
  if (Array.isArray(value)) return undefined;
  return value as PrimitiveValue;
}

function floatingLiteral(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'INF';
  if (value === -Infinity) return '-INF';
  return String(value);
}

function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

function isFloating(type: EdmPrimitiveType): boolean {
  return type === 'Edm.Double' || type === 'Edm.Single';
}

/** `DefaultValue` for CSDL XML, or undefined when the property has none. */
export function defaultValueLiteral(property: PropertyModel): string | undefined {
  const value = singleDefault(property);
  if (value === undefined) return undefined;
  if (value instanceof Uint8Array) return base64Url(value);
  if (typeof value === 'number' && isFloating(property.type)) return floatingLiteral(value);
  return String(value);
}

/** Decimal text without sign noise, leading zeros or trailing fractional zeros. */
function normalizedDecimal(text: string): string {
  const match = /^([+-]?)0*(\d*?)(?:\.(\d*?)0*)?$/.exec(text);
  if (match === null) return text;
  const integerPart = match[2] === '' ? '0' : (match[2] ?? '0');
  const fraction = match[3] ?? '';
  const digits = fraction === '' ? integerPart : `${integerPart}.${fraction}`;
  return match[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

/** `$DefaultValue` for CSDL JSON, or undefined when the property has none. */
export function defaultValueJson(property: PropertyModel): string | number | boolean | undefined {
  const value = singleDefault(property);
  if (value === undefined) return undefined;
  if (value instanceof Uint8Array) return base64Url(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') {
    return isFloating(property.type) && !Number.isFinite(value) ? floatingLiteral(value) : value;
  }
  if (typeof value === 'string' && property.type === 'Edm.Decimal') {
    const number = Number(value);
    return String(number) === normalizedDecimal(value) ? number : value;
  }
  return value;
}

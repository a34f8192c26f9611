/**
 * Compiles, per property type, a function that writes one value as JSON text. Chosen
 * once per response and called per row, so the per-value cost is a branch and a string
 * operation. Follows the OData JSON format: Int64 and Decimal become strings when
 * IEEE754Compatible is asked for; NaN and infinities of Edm.Double are the strings "NaN",
 * "INF" and "-INF"; binary is base64url.
 */
import type { EdmPrimitiveType, PrimitiveValue, Value } from '../edm/primitive-type.js';

export type JsonValueWriter = (value: Value) => string;

type PrimitiveWriter = (value: PrimitiveValue) => string;

const decimalNumberPattern = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** Characters that JSON must escape, and surrogates (JSON.stringify escapes lone ones). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
const needsEscaping = /["\\\u0000-\u001f\ud800-\udfff]/;

function writeJsonString(value: PrimitiveValue): string {
  const text = typeof value === 'string' ? value : String(value);
  // Most values need no escaping; testing for that is much cheaper than JSON.stringify.
  return needsEscaping.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function writeBoolean(value: PrimitiveValue): string {
  return value === true ? 'true' : 'false';
}

function writeInteger(value: PrimitiveValue): string {
  return typeof value === 'number'
    ? Number.isFinite(value)
      ? String(value)
      : 'null'
    : String(value);
}

function writeDouble(value: PrimitiveValue): string {
  if (typeof value !== 'number') return writeJsonString(value);
  if (Number.isFinite(value)) return String(value);
  if (Number.isNaN(value)) return '"NaN"';
  return value > 0 ? '"INF"' : '"-INF"';
}

function writeDecimalAsNumber(value: PrimitiveValue): string {
  const text = typeof value === 'string' ? value : String(value);
  return decimalNumberPattern.test(text) ? text : JSON.stringify(text);
}

function writeBinary(value: PrimitiveValue): string {
  return value instanceof Uint8Array
    ? `"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64url')}"`
    : writeJsonString(value);
}

function primitiveWriter(type: EdmPrimitiveType, ieee754Compatible: boolean): PrimitiveWriter {
  switch (type) {
    case 'Edm.String':
    case 'Edm.Guid':
    case 'Edm.Date':
    case 'Edm.DateTimeOffset':
    case 'Edm.TimeOfDay':
    case 'Edm.Duration':
      return writeJsonString;
    case 'Edm.Boolean':
      return writeBoolean;
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32':
      return writeInteger;
    case 'Edm.Int64':
      return ieee754Compatible ? writeJsonString : writeInteger;
    case 'Edm.Decimal':
      return ieee754Compatible ? writeJsonString : writeDecimalAsNumber;
    case 'Edm.Double':
    case 'Edm.Single':
      return writeDouble;
    case 'Edm.Binary':
      return writeBinary;
  }
}

/** A writer for values of `type` (or `Collection(type)` when `collection`). */
export function compileJsonValueWriter(
  type: EdmPrimitiveType,
  collection: boolean,
  ieee754Compatible: boolean,
): JsonValueWriter {
  const writeElement = primitiveWriter(type, ieee754Compatible);
  if (!collection) {
    return (value) =>
      value === null || Array.isArray(value) ? 'null' : writeElement(value as PrimitiveValue);
  }
  return (value) => {
    if (value === null) return '[]';
    if (!Array.isArray(value)) return `[${writeElement(value as PrimitiveValue)}]`;
    let text = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) text += ',';
      const element = value[index] as PrimitiveValue | null;
      text += element === null ? 'null' : writeElement(element);
    }
    return `${text}]`;
  };
}

/**
 * Converts an in-memory value (../edm/primitive-type.ts) of one primitive type to another
 * where nothing is lost: between numeric types within range, anything to its text form
 * as Edm.String, Edm.Date to midnight UTC as Edm.DateTimeOffset. Used where a key value
 * of one entity becomes a property value of a related one (Int64 customer id → Int32
 * foreign key ...).
 */
import { isNumericType, type EdmPrimitiveType, type Value } from '../edm/primitive-type.js';
import { canonicalDecimal, integerValue } from '../syntax/primitive-value-parser.js';

export function convertValue(
  value: Value,
  from: EdmPrimitiveType,
  to: EdmPrimitiveType,
): Value | undefined {
  if (value === null || from === to) return value;
  if (Array.isArray(value) || value instanceof Uint8Array) return undefined;
  if (isNumericType(from) && isNumericType(to)) {
    const text = typeof value === 'string' ? value : String(value);
    if (to === 'Edm.Double' || to === 'Edm.Single') return Number(text);
    if (to === 'Edm.Decimal')
      return /^-?\d+(\.\d+)?$/.test(text) ? canonicalDecimal(text) : undefined;
    return /^-?\d+$/.test(text) ? integerValue(text, to) : undefined;
  }
  if (to === 'Edm.String' && typeof value !== 'boolean') return String(value);
  if (from === 'Edm.Date' && to === 'Edm.DateTimeOffset' && typeof value === 'string') {
    return `${value}T00:00:00Z`;
  }
  return undefined;
}

/**
 * The EDM primitive types the gateway publishes, and how their values are held in memory
 * between a connector and the serializer. One representation per type, everywhere: rows
 * from connectors, literals in bound expressions, the evaluator and the serializer.
 *
 * | EDM type                     | JavaScript value                                        |
 * |------------------------------|---------------------------------------------------------|
 * | Edm.String, Edm.Guid         | string (GUIDs lower case)                               |
 * | Edm.Boolean                  | boolean                                                 |
 * | Edm.Byte/SByte/Int16/Int32   | number (an integer)                                     |
 * | Edm.Int64                    | number when within ±2^53-1, else bigint                 |
 * | Edm.Decimal                  | string: canonical decimal text ("-12.50", "3")          |
 * | Edm.Double, Edm.Single       | number (NaN, Infinity and -Infinity allowed)            |
 * | Edm.Date                     | string "YYYY-MM-DD"                                      |
 * | Edm.DateTimeOffset           | string "YYYY-MM-DDThh:mm:ss(.fffffff)?(Z|±hh:mm)"       |
 * | Edm.TimeOfDay                | string "hh:mm:ss(.fffffff)?"                             |
 * | Edm.Duration                 | string, ISO 8601 "P1DT2H3M4.5S" (sign allowed: "-P1D") |
 * | Edm.Binary                   | Uint8Array                                              |
 * | Collection(T)                | readonly array of T's values                            |
 * | any type, no value           | null                                                    |
 *
 * Decimals stay text so that values pass through exactly; dates and times stay text so
 * that serialising a million rows costs no Date objects.
 */

export const edmPrimitiveTypes = [
  'Edm.String',
  'Edm.Boolean',
  'Edm.Byte',
  'Edm.SByte',
  'Edm.Int16',
  'Edm.Int32',
  'Edm.Int64',
  'Edm.Decimal',
  'Edm.Double',
  'Edm.Single',
  'Edm.Date',
  'Edm.DateTimeOffset',
  'Edm.TimeOfDay',
  'Edm.Duration',
  'Edm.Guid',
  'Edm.Binary',
] as const;

export type EdmPrimitiveType = (typeof edmPrimitiveTypes)[number];

export function isEdmPrimitiveType(name: string): name is EdmPrimitiveType {
  return (edmPrimitiveTypes as readonly string[]).includes(name);
}

/** A single primitive value, in the representation documented above. */
export type PrimitiveValue = string | number | bigint | boolean | Uint8Array;

/** A value of a property or an expression: a primitive, a collection of them, or null. */
export type Value = PrimitiveValue | readonly PrimitiveValue[] | null;

export const integerTypes: ReadonlySet<EdmPrimitiveType> = new Set([
  'Edm.Byte',
  'Edm.SByte',
  'Edm.Int16',
  'Edm.Int32',
  'Edm.Int64',
]);

export const numericTypes: ReadonlySet<EdmPrimitiveType> = new Set([
  ...integerTypes,
  'Edm.Decimal',
  'Edm.Double',
  'Edm.Single',
]);

export function isNumericType(type: EdmPrimitiveType): boolean {
  return numericTypes.has(type);
}

/** Narrows a value to a collection (Array.isArray alone widens readonly arrays to any[]). */
export function isCollectionValue(value: Value): value is readonly PrimitiveValue[] {
  return Array.isArray(value);
}

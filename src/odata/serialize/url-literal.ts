/**
 * Formats values as OData URL literals (key predicates, `@odata.id`, `Location`, next
 * links): `5`, `'O''Neil'`, `2024-01-31`, `binary'AQI'` ... The result is percent-encoded
 * where a URL needs it, so it can be pasted into a path as is.
 */
import type { EdmPrimitiveType, PrimitiveValue, Value } from '../edm/primitive-type.js';
import type { EntityTypeModel, PropertyModel } from '../edm/service-model.js';
import type { Row } from '../../connectors/connector.js';

/** Sub-delimiters a path segment may hold unencoded (RFC 3986 pchar), minus `&`, `+` and `%`. */
const pathSafeEscapes: Readonly<Record<string, string>> = {
  '%24': '$',
  '%2C': ',',
  '%3A': ':',
  '%3B': ';',
  '%3D': '=',
  '%40': '@',
};

function encodePathText(text: string): string {
  return encodeURIComponent(text).replace(
    /%(24|2C|3A|3B|3D|40)/g,
    (escape) => pathSafeEscapes[escape] ?? escape,
  );
}

export function formatUrlLiteral(type: EdmPrimitiveType, value: Value): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) throw new TypeError('collections have no URL literal');
  const primitive = value as PrimitiveValue;
  switch (type) {
    case 'Edm.String':
      return `'${encodePathText(String(primitive).replace(/'/g, "''"))}'`;
    case 'Edm.Binary':
      return primitive instanceof Uint8Array
        ? `binary'${Buffer.from(primitive).toString('base64url')}'`
        : `binary'${String(primitive)}'`;
    case 'Edm.Duration':
      return `duration'${String(primitive)}'`;
    case 'Edm.Double':
    case 'Edm.Single':
      if (typeof primitive === 'number' && !Number.isFinite(primitive)) {
        return Number.isNaN(primitive) ? 'NaN' : primitive > 0 ? 'INF' : '-INF';
      }
      return String(primitive);
    case 'Edm.Boolean':
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Decimal':
    case 'Edm.Guid':
    case 'Edm.Date':
    case 'Edm.DateTimeOffset':
    case 'Edm.TimeOfDay':
      return encodePathText(String(primitive));
  }
}

/** A compiled function that writes the key predicate of a row: `(5)` or `(A='x',B=2)`. */
export function compileKeyPredicate(entityType: EntityTypeModel): (row: Row) => string {
  const keyProperties = entityType.key.map((name) => {
    const property = entityType.properties.find((candidate) => candidate.name === name);
    if (property === undefined)
      throw new Error(`key property ${name} missing from ${entityType.name}`);
    return property;
  });
  const single = keyProperties.length === 1 ? keyProperties[0] : undefined;
  if (single !== undefined) {
    return (row) => `(${formatUrlLiteral(single.type, row[single.columnIndex] ?? null)})`;
  }
  return (row) =>
    `(${keyProperties
      .map(
        (property: PropertyModel) =>
          `${property.name}=${formatUrlLiteral(property.type, row[property.columnIndex] ?? null)}`,
      )
      .join(',')})`;
}

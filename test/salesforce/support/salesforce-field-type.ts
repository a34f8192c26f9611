/**
 * The Salesforce field a property becomes when "Validate and Sync" creates the external
 * object, following Salesforce's OData 4.0 / 4.01 type-mapping table: numbers → Number,
 * Edm.Boolean → Checkbox, Edm.Date and Edm.DateTimeOffset → Date/Time, Edm.Guid → Text,
 * Edm.Binary → Text Area, Edm.String → Text(128) without MaxLength, Text(n) up to 255,
 * Long Text Area(n) beyond; Edm.TimeOfDay, collections and other types cannot be mapped.
 */
import type { CsdlProperty } from './csdl-xml.js';

const numberTypes = new Set([
  'Edm.Byte',
  'Edm.SByte',
  'Edm.Int16',
  'Edm.Int32',
  'Edm.Int64',
  'Edm.Decimal',
  'Edm.Double',
  'Edm.Single',
]);

/** E.g. `Number`, `Text(100)`, `Long Text Area(32768)`, `unsupported (Edm.TimeOfDay)`. */
export function salesforceFieldType(property: CsdlProperty): string {
  const { type } = property;
  if (type.startsWith('Collection(')) return `unsupported (${type})`;
  if (numberTypes.has(type)) return 'Number';
  switch (type) {
    case 'Edm.Boolean':
      return 'Checkbox';
    case 'Edm.Date':
    case 'Edm.DateTimeOffset':
      return 'Date/Time';
    case 'Edm.Guid':
      return 'Text(36)';
    case 'Edm.Binary':
      return 'Text Area';
    case 'Edm.String': {
      const length = property.maxLength;
      if (length === undefined) return 'Text(128)';
      return length <= 255 ? `Text(${length})` : `Long Text Area(${length})`;
    }
    default:
      return `unsupported (${type})`;
  }
}

/** Salesforce's largest long text area. */
export const salesforceLongTextAreaLimit = 131_072;

/**
 * Resolves the field names of a query against the app's fields (fields.json properties):
 * `$id`, top-level codes, and the bare codes of subtable inner fields (which Kintone
 * queries without the table prefix). Dotted names are only legal on related-records
 * fields (`GAIA_IR02` otherwise); unknown names and process-management fields whose feature
 * is disabled are `GAIA_IQ11`. Catalogs are built once per properties object.
 */
import type { FieldProperties, FieldProperty } from '../model/field-property.js';
import { invalidInput, queryError } from './query-error-messages.js';
import type { FieldReference } from './query-syntax-tree.js';

/** A field a query refers to. */
export interface QueryField {
  /** The field code as records key it. */
  readonly code: string;
  readonly property: FieldProperty;
  /** The subtable that holds the field, for subtable inner fields. */
  readonly subtableCode: string | undefined;
}

export interface QueryFieldCatalog {
  /** The field a reference names; throws `GAIA_IQ11`, `GAIA_IR02` or `CB_VA01`. */
  resolve(reference: FieldReference): QueryField;
}

const idField: QueryField = {
  code: '$id',
  property: { type: '__ID__', code: '$id', label: '$id' },
  subtableCode: undefined,
};

const catalogs = new WeakMap<FieldProperties, QueryFieldCatalog>();

/** The catalog of an app's fields (cached per properties object). */
export function fieldCatalogFor(properties: FieldProperties): QueryFieldCatalog {
  let catalog = catalogs.get(properties);
  if (catalog === undefined) {
    catalog = buildCatalog(properties);
    catalogs.set(properties, catalog);
  }
  return catalog;
}

function isQueryable(property: FieldProperty): boolean {
  switch (property.type) {
    case 'LABEL':
    case 'SPACER':
    case 'HR':
      return false;
    case 'STATUS':
    case 'STATUS_ASSIGNEE':
    case 'CATEGORY':
      return property.enabled !== false;
    default:
      return true;
  }
}

function buildCatalog(properties: FieldProperties): QueryFieldCatalog {
  const fields = new Map<string, QueryField>();
  for (const [code, property] of Object.entries(properties)) {
    if (isQueryable(property)) fields.set(code, { code, property, subtableCode: undefined });
    if (property.type === 'SUBTABLE' && property.fields !== undefined) {
      for (const [innerCode, innerProperty] of Object.entries(property.fields)) {
        fields.set(innerCode, { code: innerCode, property: innerProperty, subtableCode: code });
      }
    }
  }
  return {
    resolve(reference: FieldReference): QueryField {
      const { name } = reference;
      if (name === '$id') return idField;
      const dot = name.indexOf('.');
      if (dot >= 0) {
        const head = fields.get(name.slice(0, dot));
        if (head === undefined) throw queryError('GAIA_IQ11', { code: name });
        if (head.property.type !== 'REFERENCE_TABLE') {
          throw queryError('GAIA_IR02', { name, code: head.code });
        }
        throw invalidInput('related-records-unsupported', { name });
      }
      const field = fields.get(name);
      if (field === undefined) throw queryError('GAIA_IQ11', { code: name });
      return field;
    },
  };
}

/**
 * Facts about field types that several parts of the emulator need: which types hold data
 * a client writes, which belong to the system, what an empty value looks like in read
 * shape (facts sheet §4.2), which types may sit in a subtable or prohibit duplicates.
 */
import type { FieldProperty, FieldType } from '../model/field-property.js';
import type { FieldRawValue } from '../model/record.js';

export const systemFieldTypes: ReadonlySet<FieldType> = new Set<FieldType>([
  'RECORD_NUMBER',
  'CREATOR',
  'CREATED_TIME',
  'MODIFIER',
  'UPDATED_TIME',
  'STATUS',
  'STATUS_ASSIGNEE',
  'CATEGORY',
]);

/** Types a client can create through `preview/app/form/fields.json`. */
export const creatableFieldTypes: ReadonlySet<FieldType> = new Set<FieldType>([
  'SINGLE_LINE_TEXT',
  'MULTI_LINE_TEXT',
  'RICH_TEXT',
  'LINK',
  'NUMBER',
  'CALC',
  'RADIO_BUTTON',
  'DROP_DOWN',
  'CHECK_BOX',
  'MULTI_SELECT',
  'DATE',
  'TIME',
  'DATETIME',
  'USER_SELECT',
  'ORGANIZATION_SELECT',
  'GROUP_SELECT',
  'FILE',
  'SUBTABLE',
  'REFERENCE_TABLE',
  'GROUP',
]);

export const subtableFieldTypes: ReadonlySet<FieldType> = new Set<FieldType>([
  'SINGLE_LINE_TEXT',
  'NUMBER',
  'CALC',
  'MULTI_LINE_TEXT',
  'RICH_TEXT',
  'LINK',
  'CHECK_BOX',
  'RADIO_BUTTON',
  'DROP_DOWN',
  'MULTI_SELECT',
  'FILE',
  'DATE',
  'TIME',
  'DATETIME',
  'USER_SELECT',
  'ORGANIZATION_SELECT',
  'GROUP_SELECT',
]);

export const uniqueCapableTypes: ReadonlySet<FieldType> = new Set<FieldType>([
  'SINGLE_LINE_TEXT',
  'NUMBER',
  'LINK',
  'DATE',
  'DATETIME',
]);

/** Types that never appear in a record (layout and related-records fields). */
export const recordlessFieldTypes: ReadonlySet<FieldType> = new Set<FieldType>([
  'GROUP',
  'LABEL',
  'SPACER',
  'HR',
  'REFERENCE_TABLE',
]);

export const optionFieldTypes: ReadonlySet<FieldType> = new Set<FieldType>([
  'RADIO_BUTTON',
  'DROP_DOWN',
  'CHECK_BOX',
  'MULTI_SELECT',
]);

export const entitySelectTypes: ReadonlySet<FieldType> = new Set<FieldType>([
  'USER_SELECT',
  'ORGANIZATION_SELECT',
  'GROUP_SELECT',
]);

/** The read-shape value of a field that holds nothing. */
export function emptyValue(type: FieldType): FieldRawValue {
  switch (type) {
    case 'CHECK_BOX':
    case 'MULTI_SELECT':
    case 'USER_SELECT':
    case 'ORGANIZATION_SELECT':
    case 'GROUP_SELECT':
    case 'FILE':
    case 'SUBTABLE':
    case 'STATUS_ASSIGNEE':
    case 'CATEGORY':
      return [];
    case 'RADIO_BUTTON':
    case 'DROP_DOWN':
    case 'DATE':
    case 'TIME':
      return null;
    default:
      return '';
  }
}

/** True when a read-shape value counts as empty for "required" (facts sheet §10.1). */
export function isEmptyValue(value: FieldRawValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** True when the field's value is filled by a lookup (it is a copy target of one). */
export function lookupTargets(fields: Readonly<Record<string, FieldProperty>>): Set<string> {
  const targets = new Set<string>();
  for (const field of Object.values(fields)) {
    for (const mapping of field.lookup?.fieldMappings ?? []) targets.add(mapping.field);
    for (const inner of Object.values(field.fields ?? {})) {
      for (const mapping of inner.lookup?.fieldMappings ?? []) targets.add(mapping.field);
    }
  }
  return targets;
}

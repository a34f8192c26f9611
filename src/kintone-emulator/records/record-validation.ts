/**
 * The checks Kintone runs on the record a write produces (facts sheet §10.1–10.3, §6.3):
 * required values (on the merged record), duplicates, text length and number range, with
 * the exact `errors` keys and messages.
 */
import type { ValidationErrorCollector } from '../errors/kintone-error.js';
import { validationMessages } from '../errors/validation-messages.js';
import type { FieldProperties, FieldProperty } from '../model/field-property.js';
import type { FieldRawValue, SubtableRow } from '../model/record.js';
import type { RecordStore } from '../store/record-store.js';
import { isEmptyValue, systemFieldTypes } from '../fields/field-type-facts.js';
import type { WorkingRecord } from './record-calculation.js';

function requiredKey(field: FieldProperty, key: string): string {
  switch (field.type) {
    case 'CHECK_BOX':
    case 'MULTI_SELECT':
    case 'FILE':
      return `${key}.values`;
    case 'USER_SELECT':
    case 'ORGANIZATION_SELECT':
    case 'GROUP_SELECT':
      return `${key}.values.value`;
    default:
      return `${key}.value`;
  }
}

function isAutoCalculated(field: FieldProperty): boolean {
  return field.type === 'CALC' || (typeof field.expression === 'string' && field.expression !== '');
}

function checkField(
  field: FieldProperty,
  value: FieldRawValue | undefined,
  key: string,
  errors: ValidationErrorCollector,
  lookupTargets: ReadonlySet<string>,
): void {
  if (systemFieldTypes.has(field.type) || isAutoCalculated(field) || lookupTargets.has(field.code))
    return;
  const empty = isEmptyValue(value);
  if (field.required === true && empty && field.type !== 'RADIO_BUTTON') {
    errors.add(requiredKey(field, key), validationMessages.required);
  }
  if ((field.type === 'SINGLE_LINE_TEXT' || field.type === 'LINK') && typeof value === 'string') {
    const length = [...value].length;
    const maxLength =
      field.maxLength === undefined || field.maxLength === '' ? undefined : Number(field.maxLength);
    const minLength =
      field.minLength === undefined || field.minLength === '' ? undefined : Number(field.minLength);
    if (maxLength !== undefined && value !== '' && length > maxLength) {
      errors.add(`${key}.value`, validationMessages.maxLength(maxLength));
    }
    if (minLength !== undefined && length < minLength) {
      errors.add(`${key}.value`, validationMessages.minLength(minLength));
    }
  }
  if (field.type === 'NUMBER' && typeof value === 'string' && value !== '') {
    const number = Number(value);
    if (field.maxValue !== undefined && field.maxValue !== '' && number > Number(field.maxValue)) {
      errors.add(`${key}.value`, validationMessages.maxValue(field.maxValue));
    }
    if (field.minValue !== undefined && field.minValue !== '' && number < Number(field.minValue)) {
      errors.add(`${key}.value`, validationMessages.minValue(field.minValue));
    }
  }
}

export function validateRecord(
  fields: FieldProperties,
  record: WorkingRecord,
  id: number,
  store: RecordStore,
  keyPrefix: string,
  errors: ValidationErrorCollector,
  lookupTargets: ReadonlySet<string>,
): void {
  for (const field of Object.values(fields)) {
    const key = `${keyPrefix}${field.code}`;
    const value = record[field.code]?.value;
    if (field.type === 'SUBTABLE') {
      const rows = Array.isArray(value) ? (value as readonly SubtableRow[]) : [];
      rows.forEach((row, index) => {
        for (const inner of Object.values(field.fields ?? {})) {
          checkField(
            inner,
            row.value[inner.code]?.value,
            `${key}.value[${index}].value.${inner.code}`,
            errors,
            lookupTargets,
          );
        }
      });
      continue;
    }
    checkField(field, value, key, errors, lookupTargets);
    if (field.unique === true && typeof value === 'string' && value !== '') {
      const owner = store.hasUniqueIndex(field.code)
        ? store.findByUniqueValue(field.code, value)
        : undefined;
      if (owner !== undefined && owner !== id)
        errors.add(`${key}.value`, validationMessages.unique);
    }
  }
}

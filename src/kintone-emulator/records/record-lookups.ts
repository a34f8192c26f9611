/**
 * Lookups on write (facts sheet §10.7): when a lookup key is written, the server finds the
 * single matching record of the source app (by its unique key field or record number) and
 * copies the mapped fields; an empty key clears them; no match fails with GAIA_LO04.
 */
import { kintoneErrors } from '../errors/kintone-errors.js';
import type { FieldProperties, FieldProperty } from '../model/field-property.js';
import type { FieldRawValue, KintoneRecord } from '../model/record.js';
import { emptyValue } from '../fields/field-type-facts.js';
import type { WorkingRecord } from './record-calculation.js';
import type { WriteEnvironment } from './write-environment.js';

function findSourceRecord(
  environment: WriteEnvironment,
  lookup: NonNullable<FieldProperty['lookup']>,
  key: string,
): KintoneRecord | undefined {
  const source = environment.state.apps.get(Number(lookup.relatedApp.app));
  if (source?.live === undefined || !environment.canReadApp(source)) return undefined;
  const keyField = source.live.fields[lookup.relatedKeyField];
  if (keyField === undefined) return undefined;
  const store = environment.state.records(source.id);
  if (keyField.type === 'RECORD_NUMBER') {
    const match = /^(?:.*-)?(\d+)$/.exec(key);
    return match === null ? undefined : store.get(Number(match[1]));
  }
  if (store.hasUniqueIndex(keyField.code)) {
    const id = store.findByUniqueValue(keyField.code, key);
    return id === undefined ? undefined : store.get(id);
  }
  for (const id of store.ids()) {
    const record = store.get(id);
    if (record?.[keyField.code]?.value === key) return record;
  }
  return undefined;
}

function copiedValue(target: FieldProperty, value: FieldRawValue | undefined): FieldRawValue {
  if (value === undefined) return emptyValue(target.type);
  const empty = emptyValue(target.type);
  if (Array.isArray(empty) && !Array.isArray(value)) {
    return typeof value === 'string' && value !== '' ? [value] : (empty as readonly string[]);
  }
  if (!Array.isArray(empty) && Array.isArray(value)) {
    return value.map((item: unknown) => (typeof item === 'string' ? item : '')).join(', ');
  }
  if (value === null && typeof empty === 'string') return '';
  return value;
}

/**
 * Applies the lookups of `scope` (the top-level fields, or one subtable's inner fields) to
 * `cells`; `written(code)` tells whether the request wrote the key field.
 */
export function applyLookups(
  environment: WriteEnvironment,
  scope: FieldProperties,
  cells: WorkingRecord,
  written: (code: string) => boolean,
): void {
  for (const field of Object.values(scope)) {
    const lookup = field.lookup;
    if (lookup === undefined || !written(field.code)) continue;
    const keyValue = cells[field.code]?.value;
    const key = typeof keyValue === 'string' ? keyValue : '';
    if (key === '') {
      for (const mapping of lookup.fieldMappings) {
        const target = scope[mapping.field];
        if (target !== undefined)
          cells[target.code] = { type: target.type, value: emptyValue(target.type) };
      }
      continue;
    }
    const source = findSourceRecord(environment, lookup, key);
    if (source === undefined) throw kintoneErrors.lookupValueNotFound(key, field.code);
    for (const mapping of lookup.fieldMappings) {
      const target = scope[mapping.field];
      if (target === undefined) continue;
      cells[target.code] = {
        type: target.type,
        value: copiedValue(target, source[mapping.relatedField]?.value),
      };
    }
  }
}

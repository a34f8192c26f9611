/**
 * Builds the record a POST or PUT produces, in read shape (facts sheet §4, §10): written
 * values converted, defaults on POST only, read-only fields ignored, subtable rows merged by
 * id on PUT, lookups copied, calculated fields recomputed, system fields and process status
 * set, then the whole record validated. Validation messages go to the collector; failures
 * that Kintone reports without `errors` (unknown user, lookup miss ...) are thrown.
 */
import type { ValidationErrorCollector } from '../errors/kintone-error.js';
import { validationMessages } from '../errors/validation-messages.js';
import type { FieldProperties, FieldProperty } from '../model/field-property.js';
import type { FieldRawValue, KintoneRecord, SubtableRow, UserEntity } from '../model/record.js';
import { emptyValue, lookupTargets, recordlessFieldTypes } from '../fields/field-type-facts.js';
import { hasOwn, isJsonObject, type JsonObject } from '../support/json-value.js';
import { normalizeDateTime, toKintoneDateTime } from './date-normalization.js';
import { convertFieldValue, defaultFieldValue, resolveEntity } from './field-value-conversion.js';
import { initialProcessState, resolveAssignees } from './process-assignees.js';
import { computeCalculatedFields, type WorkingRecord } from './record-calculation.js';
import { applyLookups } from './record-lookups.js';
import { validateRecord } from './record-validation.js';
import type { WriteEnvironment, WriteTarget } from './write-environment.js';

const lookupTargetCache = new WeakMap<FieldProperties, Set<string>>();

function targetsOf(fields: FieldProperties): Set<string> {
  let targets = lookupTargetCache.get(fields);
  if (targets === undefined) {
    targets = lookupTargets(fields);
    lookupTargetCache.set(fields, targets);
  }
  return targets;
}

/** The written `{ value }` of a field, when the request carries one. */
function writtenValue(input: JsonObject, code: string): { value: unknown } | undefined {
  if (!hasOwn(input, code)) return undefined;
  const cell = input[code];
  if (!isJsonObject(cell) || !hasOwn(cell, 'value')) return undefined;
  return { value: cell['value'] };
}

function isAutoCalculatedText(field: FieldProperty): boolean {
  return (
    field.type === 'SINGLE_LINE_TEXT' &&
    typeof field.expression === 'string' &&
    field.expression !== ''
  );
}

function buildSubtable(
  environment: WriteEnvironment,
  target: WriteTarget,
  table: FieldProperty,
  written: { value: unknown } | undefined,
  errors: ValidationErrorCollector,
  targets: ReadonlySet<string>,
): SubtableRow[] {
  const existingValue = target.existing?.[table.code]?.value;
  const existingRows = Array.isArray(existingValue)
    ? (existingValue as readonly SubtableRow[])
    : [];
  if (written === undefined) return target.mode === 'add' ? [] : [...existingRows];
  const key = `${target.keyPrefix}${table.code}`;
  if (written.value === null || written.value === undefined) return [];
  if (!Array.isArray(written.value)) {
    errors.add(`${key}.value`, validationMessages.invalidValue);
    return [];
  }
  const innerFields = table.fields ?? {};
  const byId = new Map(existingRows.map((row) => [row.id, row]));
  const rows: SubtableRow[] = [];
  written.value.forEach((rawRow: unknown, index) => {
    const row = isJsonObject(rawRow) ? rawRow : {};
    const rawId = row['id'];
    const requestedId =
      typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
    const matched =
      target.mode === 'update' && requestedId !== undefined ? byId.get(requestedId) : undefined;
    if (matched !== undefined) byId.delete(matched.id);
    const rowInput = isJsonObject(row['value']) ? row['value'] : {};
    const cells: WorkingRecord = {};
    for (const inner of Object.values(innerFields)) {
      const cellKey = `${key}.value[${index}].value.${inner.code}`;
      const cellWritten = writtenValue(rowInput, inner.code);
      const previous = matched?.value[inner.code]?.value;
      let value: FieldRawValue;
      if (inner.type === 'CALC' || isAutoCalculatedText(inner) || targets.has(inner.code)) {
        value = previous ?? emptyValue(inner.type);
      } else if (cellWritten !== undefined) {
        value = convertFieldValue(
          environment,
          inner,
          cellWritten.value,
          previous,
          { key: cellKey, bracketKey: undefined, insideSubtable: true },
          errors,
        );
      } else if (matched !== undefined) {
        value = previous ?? emptyValue(inner.type);
      } else if (target.mode === 'add') {
        value = defaultFieldValue(environment, inner);
      } else {
        value = emptyValue(inner.type);
      }
      cells[inner.code] = { type: inner.type, value };
    }
    applyLookups(
      environment,
      innerFields,
      cells,
      (code) => matched === undefined || writtenValue(rowInput, code) !== undefined,
    );
    const id = matched?.id ?? String(environment.state.nextValue('subtableRow'));
    rows.push({ id, value: cells });
  });
  return rows;
}

function systemUser(
  environment: WriteEnvironment,
  written: { value: unknown } | undefined,
  fallback: UserEntity,
): UserEntity {
  if (written === undefined || !isJsonObject(written.value)) return fallback;
  const code = written.value['code'];
  return typeof code === 'string' ? resolveEntity(environment, 'USER_SELECT', code) : fallback;
}

function systemTime(
  written: { value: unknown } | undefined,
  fallback: string,
  key: string,
  errors: ValidationErrorCollector,
): string {
  if (written === undefined || written.value === null || written.value === '') return fallback;
  const normalized =
    typeof written.value === 'string' ? normalizeDateTime(written.value) : undefined;
  if (normalized === undefined) {
    errors.add(`${key}.value`, validationMessages.invalidDateTime);
    return fallback;
  }
  return normalized;
}

export function buildRecord(
  environment: WriteEnvironment,
  target: WriteTarget,
  rawInput: unknown,
  errors: ValidationErrorCollector,
): KintoneRecord {
  const { settings, app } = environment;
  const fields = settings.fields;
  const targets = targetsOf(fields);
  let input: JsonObject = {};
  if (isJsonObject(rawInput)) input = rawInput;
  else if (rawInput !== undefined && rawInput !== null) {
    errors.add(target.keyPrefix.slice(0, -1), validationMessages.notAnObject);
  }
  const existing = target.existing;
  const adding = target.mode === 'add';
  const now = toKintoneDateTime(environment.now);
  const cells: WorkingRecord = {
    $id: { type: '__ID__', value: String(target.id) },
    $revision: { type: '__REVISION__', value: String(target.revision) },
  };
  const previous = (code: string): FieldRawValue | undefined => existing?.[code]?.value;

  for (const field of Object.values(fields)) {
    if (recordlessFieldTypes.has(field.type)) continue;
    const code = field.code;
    const key = `${target.keyPrefix}${code}`;
    const written = writtenValue(input, code);
    let value: FieldRawValue;
    switch (field.type) {
      case 'RECORD_NUMBER':
        value = app.code === '' ? String(target.id) : `${app.code}-${target.id}`;
        break;
      case 'CREATOR': {
        const current = previous(code);
        value =
          adding || current === undefined || current === null
            ? systemUser(environment, adding ? written : undefined, environment.actor)
            : current;
        break;
      }
      case 'MODIFIER':
        value = systemUser(environment, adding ? written : undefined, environment.actor);
        break;
      case 'CREATED_TIME': {
        const current = previous(code);
        value =
          adding || typeof current !== 'string'
            ? systemTime(adding ? written : undefined, now, key, errors)
            : current;
        break;
      }
      case 'UPDATED_TIME':
        value = systemTime(adding ? written : undefined, now, key, errors);
        break;
      case 'STATUS':
      case 'STATUS_ASSIGNEE':
      case 'CATEGORY':
        continue;
      case 'SUBTABLE':
        value = buildSubtable(environment, target, field, written, errors, targets);
        break;
      case 'CALC':
        value = previous(code) ?? '';
        break;
      default:
        if (targets.has(code) || isAutoCalculatedText(field)) {
          value = previous(code) ?? emptyValue(field.type);
        } else if (written !== undefined) {
          value = convertFieldValue(
            environment,
            field,
            written.value,
            previous(code),
            { key, bracketKey: `${target.bracketPrefix}[${code}]`, insideSubtable: false },
            errors,
          );
        } else if (adding) {
          value = defaultFieldValue(environment, field);
        } else {
          value = previous(code) ?? emptyValue(field.type);
        }
    }
    cells[code] = { type: field.type, value };
  }

  applyLookups(
    environment,
    fields,
    cells,
    (code) => adding || writtenValue(input, code) !== undefined,
  );
  computeCalculatedFields(fields, cells);
  applyProcessManagement(environment, cells, existing);
  validateRecord(
    fields,
    cells,
    target.id,
    environment.state.records(app.id),
    target.keyPrefix,
    errors,
    targets,
  );
  return cells;
}

function applyProcessManagement(
  environment: WriteEnvironment,
  cells: WorkingRecord,
  existing: KintoneRecord | undefined,
): void {
  const { settings } = environment;
  if (!settings.processManagement.enable) return;
  for (const field of Object.values(settings.fields)) {
    if (field.type !== 'STATUS' && field.type !== 'STATUS_ASSIGNEE') continue;
    const current = existing?.[field.code];
    if (current !== undefined) {
      cells[field.code] = current;
      continue;
    }
    const initial = initialProcessState(settings);
    if (field.type === 'STATUS') {
      cells[field.code] = { type: 'STATUS', value: initial?.name ?? '' };
    } else {
      cells[field.code] = {
        type: 'STATUS_ASSIGNEE',
        value:
          initial === undefined
            ? []
            : resolveAssignees(environment.state, settings, initial, cells),
      };
    }
  }
}

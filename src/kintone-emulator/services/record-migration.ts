/**
 * What a deploy does to existing records (facts sheet §3.11, §4.1): new fields appear
 * empty, deleted fields disappear, a changed type starts empty, calculated fields are
 * recomputed, and the process-management fields appear (initial status) or disappear with
 * the feature.
 */
import type { AppSettings, AppState } from '../model/app-state.js';
import type { FieldProperty } from '../model/field-property.js';
import type { FieldValue, KintoneRecord, SubtableRow } from '../model/record.js';
import { emptyValue, recordlessFieldTypes, systemFieldTypes } from '../fields/field-type-facts.js';
import { computeCalculatedFields, type WorkingRecord } from '../records/record-calculation.js';
import { initialProcessState, resolveAssignees } from '../records/process-assignees.js';
import type { EmulatorState } from '../store/emulator-state.js';
import type { CallContext } from './call-context.js';

function migrateRows(table: FieldProperty, value: FieldValue['value'] | undefined): SubtableRow[] {
  const rows = Array.isArray(value) ? (value as readonly SubtableRow[]) : [];
  return rows.map((row) => {
    const cells: Record<string, FieldValue> = {};
    for (const inner of Object.values(table.fields ?? {})) {
      const old = row.value[inner.code];
      cells[inner.code] =
        old !== undefined && old.type === inner.type
          ? old
          : { type: inner.type, value: emptyValue(inner.type) };
    }
    return { id: row.id, value: cells };
  });
}

export function migrateRecord(
  state: EmulatorState,
  settings: AppSettings,
  record: KintoneRecord,
): KintoneRecord {
  const cells: WorkingRecord = {};
  const id = record['$id'];
  const revision = record['$revision'];
  if (id !== undefined) cells['$id'] = id;
  if (revision !== undefined) cells['$revision'] = revision;
  const processEnabled = settings.processManagement.enable;
  for (const field of Object.values(settings.fields)) {
    if (recordlessFieldTypes.has(field.type) || field.type === 'CATEGORY') continue;
    if (field.type === 'STATUS' || field.type === 'STATUS_ASSIGNEE') continue;
    const old =
      record[field.code] ??
      (systemFieldTypes.has(field.type)
        ? Object.values(record).find((value) => value.type === field.type)
        : undefined);
    if (field.type === 'SUBTABLE') {
      cells[field.code] = { type: 'SUBTABLE', value: migrateRows(field, old?.value) };
      continue;
    }
    cells[field.code] =
      old !== undefined && old.type === field.type
        ? old
        : { type: field.type, value: emptyValue(field.type) };
  }
  computeCalculatedFields(settings.fields, cells);
  if (processEnabled) {
    const initial = initialProcessState(settings);
    for (const field of Object.values(settings.fields)) {
      if (field.type !== 'STATUS' && field.type !== 'STATUS_ASSIGNEE') continue;
      const old = Object.values(record).find((value) => value.type === field.type);
      if (old !== undefined) cells[field.code] = old;
      else if (field.type === 'STATUS')
        cells[field.code] = { type: 'STATUS', value: initial?.name ?? '' };
      else {
        cells[field.code] = {
          type: 'STATUS_ASSIGNEE',
          value: initial === undefined ? [] : resolveAssignees(state, settings, initial, cells),
        };
      }
    }
  }
  return cells;
}

export function migrateRecordsToSettings(
  context: CallContext,
  app: AppState,
  previous: AppSettings | undefined,
): void {
  const settings = app.live;
  if (settings === undefined || previous === undefined) return;
  if (
    previous.fields === settings.fields &&
    previous.processManagement === settings.processManagement
  )
    return;
  const { state } = context.domain;
  const store = state.records(app.id);
  for (const id of [...store.ids()]) {
    const record = store.get(id);
    if (record !== undefined) state.putRecord(app.id, id, migrateRecord(state, settings, record));
  }
}

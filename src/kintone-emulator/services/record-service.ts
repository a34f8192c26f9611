/**
 * Records (facts sheet §3.4, §3.5, §9): read one or many (query, `fields`, `totalCount`),
 * add, update by id or `updateKey` (with upsert), delete — each call all-or-nothing, with
 * revisions checked (409 GAIA_CO02), unknown ids refused (GAIA_RE01) and every validation
 * failure of the batch reported at once (CB_VA01).
 */
import { kintoneErrors } from '../errors/kintone-errors.js';
import { ValidationErrorCollector } from '../errors/kintone-error.js';
import { validationMessages } from '../errors/validation-messages.js';
import type { AppSettings, AppState } from '../model/app-state.js';
import type { KintoneRecord } from '../model/record.js';
import { buildRecord } from '../records/record-builder.js';
import { normalizeNumber } from '../records/field-value-conversion.js';
import type { WriteEnvironment, WriteTarget } from '../records/write-environment.js';
import { hasOwn, isJsonObject } from '../support/json-value.js';
import { canRead, requireLiveApp, requireRight } from './access-control.js';
import { actorOf, timeZoneOf, type CallContext } from './call-context.js';
import { compileFor, projectRecord, selectRecords } from './record-query.js';

export const maximumRecordsPerGet = 500;
export const maximumRecordsPerWrite = 100;

export function writeEnvironment(
  context: CallContext,
  app: AppState,
  settings: AppSettings,
): WriteEnvironment {
  return {
    state: context.domain.state,
    app,
    settings,
    actor: actorOf(context),
    now: context.domain.clock.now(),
    timeZone: timeZoneOf(context),
    canReadApp: (other) => canRead(context, other),
  };
}

export function revisionOf(record: KintoneRecord): number {
  return Number(record['$revision']?.value ?? 1);
}

function checkRevision(record: KintoneRecord, revision: number | undefined): void {
  if (revision !== undefined && revision !== -1 && revision !== revisionOf(record)) {
    throw kintoneErrors.recordRevisionConflict();
  }
}

export function getRecord(
  context: CallContext,
  input: { app: number; id: number },
): { record: KintoneRecord } {
  const { app } = requireLiveApp(context, input.app, 'view');
  const record = context.domain.state.records(app.id).get(input.id);
  if (record === undefined) throw kintoneErrors.recordNotFound(String(input.id));
  return { record };
}

export interface GetRecordsInput {
  readonly app: number;
  readonly fields?: readonly string[];
  readonly query?: string;
  readonly totalCount?: boolean;
}

export function getRecords(
  context: CallContext,
  input: GetRecordsInput,
): { records: KintoneRecord[]; totalCount: string | null } {
  const { app, settings } = requireLiveApp(context, input.app, 'view');
  const query = input.query ?? '';
  const compiled = compileFor(context, settings.fields, query, 'records');
  const limit = compiled.limit ?? 100;
  const store = context.domain.state.records(app.id);
  const selection = selectRecords(
    store,
    compiled,
    query,
    compiled.offset,
    limit,
    input.totalCount === true,
  );
  const records =
    input.fields === undefined || input.fields.length === 0
      ? selection.records
      : selection.records.map((record) => projectRecord(record, input.fields));
  return { records, totalCount: input.totalCount === true ? String(selection.total) : null };
}

function addOne(
  context: CallContext,
  environment: WriteEnvironment,
  input: unknown,
  keyPrefix: string,
  bracketPrefix: string,
  errors: ValidationErrorCollector,
): { id: number; revision: number } {
  const { state } = context.domain;
  const appId = environment.app.id;
  const id = state.nextValue(`record:${appId}`);
  const target: WriteTarget = {
    mode: 'add',
    id,
    revision: 1,
    existing: undefined,
    keyPrefix,
    bracketPrefix,
  };
  const record = buildRecord(environment, target, input, errors);
  state.putRecord(appId, id, record);
  return { id, revision: 1 };
}

export function addRecord(
  context: CallContext,
  input: { app: number; record?: unknown },
): { id: string; revision: string } {
  const { app, settings } = requireLiveApp(context, input.app, 'add');
  const { state } = context.domain;
  return state.transaction(() => {
    const errors = new ValidationErrorCollector();
    const result = addOne(
      context,
      writeEnvironment(context, app, settings),
      input.record ?? {},
      'record.',
      'record',
      errors,
    );
    if (!errors.isEmpty) throw kintoneErrors.invalidInput(errors.entries);
    return { id: String(result.id), revision: String(result.revision) };
  });
}

export function addRecords(
  context: CallContext,
  input: { app: number; records: readonly unknown[] },
): { ids: string[]; revisions: string[] } {
  if (input.records.length > maximumRecordsPerWrite) {
    throw kintoneErrors.invalidParameter('records', validationMessages.tooManyRecordsAdded);
  }
  const { app, settings } = requireLiveApp(context, input.app, 'add');
  const { state } = context.domain;
  return state.transaction(() => {
    const errors = new ValidationErrorCollector();
    const environment = writeEnvironment(context, app, settings);
    const ids: string[] = [];
    const revisions: string[] = [];
    input.records.forEach((record, index) => {
      const result = addOne(
        context,
        environment,
        record,
        `records[${index}].`,
        `records[${index}]`,
        errors,
      );
      ids.push(String(result.id));
      revisions.push(String(result.revision));
    });
    if (!errors.isEmpty) throw kintoneErrors.invalidInput(errors.entries);
    return { ids, revisions };
  });
}

export interface UpdateKey {
  readonly field: string;
  readonly value: unknown;
}

export interface UpdateRequest {
  readonly id?: number;
  readonly updateKey?: UpdateKey;
  readonly revision?: number;
  readonly record?: unknown;
}

/** Finds the record an update targets; undefined when it does not exist. */
function findTarget(
  context: CallContext,
  app: AppState,
  settings: AppSettings,
  request: UpdateRequest,
  keyPrefix: string,
): { id: number; record: KintoneRecord | undefined; keyValue?: string } {
  const store = context.domain.state.records(app.id);
  if (request.id !== undefined && request.updateKey !== undefined) {
    throw kintoneErrors.invalidParameter(`${keyPrefix}id`, validationMessages.idAndUpdateKey);
  }
  if (request.id !== undefined) return { id: request.id, record: store.get(request.id) };
  if (request.updateKey === undefined) throw kintoneErrors.requiredParameter(`${keyPrefix}id`);
  const field = settings.fields[request.updateKey.field];
  if (
    field === undefined ||
    (field.type !== 'SINGLE_LINE_TEXT' && field.type !== 'NUMBER') ||
    field.unique !== true
  ) {
    throw kintoneErrors.invalidParameter(
      `${keyPrefix}updateKey.field`,
      validationMessages.updateKeyField,
    );
  }
  const raw = request.updateKey.value;
  const value =
    field.type === 'NUMBER'
      ? normalizeNumber(raw)
      : typeof raw === 'string' || typeof raw === 'number'
        ? String(raw)
        : undefined;
  if (value === undefined || value === '') {
    throw kintoneErrors.invalidParameter(
      `${keyPrefix}updateKey.value`,
      validationMessages.requiredParameter,
    );
  }
  const id = store.findByUniqueValue(field.code, value);
  return { id: id ?? 0, record: id === undefined ? undefined : store.get(id), keyValue: value };
}

function updateOne(
  context: CallContext,
  environment: WriteEnvironment,
  request: UpdateRequest,
  keyPrefix: string,
  recordPrefix: string,
  bracketPrefix: string,
  errors: ValidationErrorCollector,
  upsert: boolean,
): { id: number; revision: number; operation: 'INSERT' | 'UPDATE' } {
  const { state } = context.domain;
  const { app, settings } = environment;
  const target = findTarget(context, app, settings, request, keyPrefix);
  if (target.record === undefined) {
    if (!upsert) {
      throw kintoneErrors.recordNotFound(
        request.id !== undefined ? String(request.id) : (target.keyValue ?? ''),
      );
    }
    let input = isJsonObject(request.record) ? request.record : {};
    if (request.updateKey !== undefined && target.keyValue !== undefined) {
      input = { ...input, [request.updateKey.field]: { value: target.keyValue } };
    }
    const added = addOne(context, environment, input, recordPrefix, bracketPrefix, errors);
    return { ...added, operation: 'INSERT' };
  }
  checkRevision(target.record, request.revision);
  const revision = revisionOf(target.record) + 1;
  const writeTarget: WriteTarget = {
    mode: 'update',
    id: target.id,
    revision,
    existing: target.record,
    keyPrefix: recordPrefix,
    bracketPrefix,
  };
  const record = buildRecord(environment, writeTarget, request.record ?? {}, errors);
  state.putRecord(app.id, target.id, record);
  return { id: target.id, revision, operation: 'UPDATE' };
}

export function updateRecord(
  context: CallContext,
  input: { app: number } & UpdateRequest,
): { revision: string } {
  const { app, settings } = requireLiveApp(context, input.app, 'edit');
  const { state } = context.domain;
  return state.transaction(() => {
    const errors = new ValidationErrorCollector();
    const environment = writeEnvironment(context, app, settings);
    const result = updateOne(context, environment, input, '', 'record.', 'record', errors, false);
    if (!errors.isEmpty) throw kintoneErrors.invalidInput(errors.entries);
    return { revision: String(result.revision) };
  });
}

export function updateRecords(
  context: CallContext,
  input: { app: number; records: readonly UpdateRequest[]; upsert?: boolean },
): { records: { id: string; revision: string; operation?: string }[] } {
  if (input.records.length > maximumRecordsPerWrite) {
    throw kintoneErrors.invalidParameter('records', validationMessages.tooManyRecordsUpdated);
  }
  const upsert = input.upsert === true;
  const { app, settings } = requireLiveApp(context, input.app, 'edit');
  if (upsert) requireRight(context, app, settings, 'add');
  const { state } = context.domain;
  return state.transaction(() => {
    const errors = new ValidationErrorCollector();
    const environment = writeEnvironment(context, app, settings);
    const results = input.records.map((request, index) => {
      const result = updateOne(
        context,
        environment,
        request,
        `records[${index}].`,
        `records[${index}].record.`,
        `records[${index}].record`,
        errors,
        upsert,
      );
      return upsert
        ? { id: String(result.id), revision: String(result.revision), operation: result.operation }
        : { id: String(result.id), revision: String(result.revision) };
    });
    if (!errors.isEmpty) throw kintoneErrors.invalidInput(errors.entries);
    return { records: results };
  });
}

export function deleteRecords(
  context: CallContext,
  input: { app: number; ids: readonly number[]; revisions?: readonly number[] },
): Record<string, never> {
  if (input.ids.length === 0 || input.ids.length > maximumRecordsPerWrite) {
    const errors = new ValidationErrorCollector();
    errors.add('ids', validationMessages.deleteCount);
    if (input.ids.length === 0) errors.add('ids', validationMessages.requiredParameter);
    throw kintoneErrors.invalidInput(errors.entries);
  }
  const { app } = requireLiveApp(context, input.app, 'delete');
  const { state } = context.domain;
  const store = state.records(app.id);
  return state.transaction(() => {
    input.ids.forEach((id, index) => {
      const record = store.get(id);
      if (record === undefined) throw kintoneErrors.recordNotFound(String(id));
      checkRevision(record, input.revisions?.[index]);
      state.deleteRecord(app.id, id);
    });
    return {};
  });
}

/** True when a JSON object carries the member (used by the API layer for optional parameters). */
export function hasParameter(parameters: Record<string, unknown>, key: string): boolean {
  return hasOwn(parameters, key) && parameters[key] !== undefined && parameters[key] !== null;
}

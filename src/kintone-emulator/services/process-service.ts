/**
 * Process management actions on records (facts sheet §3.10): `record/status.json`,
 * `records/status.json` (atomic, ≤ 100) and `record/assignees.json`. An action moves the
 * record from its current status along a configured action, assigns the next status's
 * users and adds 2 to the revision; changing assignees adds 1.
 */
import { kintoneErrors } from '../errors/kintone-errors.js';
import { validationMessages } from '../errors/validation-messages.js';
import type { AppSettings, AppState } from '../model/app-state.js';
import type { FieldValue, KintoneRecord, UserEntity } from '../model/record.js';
import { toKintoneDateTime } from '../records/date-normalization.js';
import { resolveAssignees } from '../records/process-assignees.js';
import { requireLiveApp } from './access-control.js';
import { actorOf, type CallContext } from './call-context.js';
import { revisionOf } from './record-service.js';

export interface StatusChange {
  readonly id: number;
  readonly action: string;
  readonly assignee?: string;
  readonly revision?: number;
}

function codeOf(settings: AppSettings, type: string): string | undefined {
  return Object.values(settings.fields).find((field) => field.type === type)?.code;
}

function touch(
  context: CallContext,
  settings: AppSettings,
  cells: Record<string, FieldValue>,
  revision: number,
): void {
  cells['$revision'] = { type: '__REVISION__', value: String(revision) };
  const modifier = codeOf(settings, 'MODIFIER');
  const updated = codeOf(settings, 'UPDATED_TIME');
  if (modifier !== undefined) cells[modifier] = { type: 'MODIFIER', value: actorOf(context) };
  if (updated !== undefined) {
    cells[updated] = { type: 'UPDATED_TIME', value: toKintoneDateTime(context.domain.clock.now()) };
  }
}

function currentAssignees(record: KintoneRecord, code: string | undefined): readonly UserEntity[] {
  const value = code === undefined ? undefined : record[code]?.value;
  return Array.isArray(value) ? (value as readonly UserEntity[]) : [];
}

function applyStatusChange(
  context: CallContext,
  app: AppState,
  settings: AppSettings,
  change: StatusChange,
): number {
  const { state } = context.domain;
  const record = state.records(app.id).get(change.id);
  if (record === undefined) throw kintoneErrors.recordNotFound(String(change.id));
  if (
    change.revision !== undefined &&
    change.revision !== -1 &&
    change.revision !== revisionOf(record)
  ) {
    throw kintoneErrors.recordRevisionConflict();
  }
  const statusCode = codeOf(settings, 'STATUS');
  const assigneeCode = codeOf(settings, 'STATUS_ASSIGNEE');
  const current = statusCode === undefined ? undefined : record[statusCode]?.value;
  const action = (settings.processManagement.actions ?? []).find(
    (candidate) => candidate.name === change.action && candidate.from === current,
  );
  const next = action === undefined ? undefined : settings.processManagement.states?.[action.to];
  if (action === undefined || next === undefined || statusCode === undefined)
    throw kintoneErrors.statusChangeFailed();
  const principal = context.principal;
  if (principal.kind === 'user' && principal.user.administrator !== true) {
    const assignees = currentAssignees(record, assigneeCode);
    if (assignees.length > 0 && !assignees.some((user) => user.code === principal.user.code)) {
      throw kintoneErrors.notAssignee();
    }
  }
  const cells: Record<string, FieldValue> = { ...record };
  cells[statusCode] = { type: 'STATUS', value: next.name };
  if (assigneeCode !== undefined) {
    let assignees: UserEntity[];
    if (change.assignee !== undefined && change.assignee !== '') {
      const user = state.users.get(change.assignee);
      if (user === undefined) throw kintoneErrors.userNotFound(change.assignee);
      assignees = [{ code: user.code, name: user.name }];
    } else {
      assignees = resolveAssignees(state, settings, next, record);
    }
    cells[assigneeCode] = { type: 'STATUS_ASSIGNEE', value: assignees };
  }
  const revision = revisionOf(record) + 2;
  touch(context, settings, cells, revision);
  state.putRecord(app.id, change.id, cells);
  return revision;
}

function requireProcessManagement(
  context: CallContext,
  appId: number,
): { app: AppState; settings: AppSettings } {
  const target = requireLiveApp(context, appId, 'edit');
  if (!target.settings.processManagement.enable) throw kintoneErrors.processManagementDisabled();
  return target;
}

export function updateStatus(
  context: CallContext,
  input: { app: number } & StatusChange,
): { revision: string } {
  const { app, settings } = requireProcessManagement(context, input.app);
  return context.domain.state.transaction(() => ({
    revision: String(applyStatusChange(context, app, settings, input)),
  }));
}

export function updateStatuses(
  context: CallContext,
  input: { app: number; records: readonly StatusChange[] },
): { records: { id: string; revision: string }[] } {
  if (input.records.length > 100) {
    throw kintoneErrors.invalidParameter('records', validationMessages.tooManyRecordsUpdated);
  }
  const { app, settings } = requireProcessManagement(context, input.app);
  return context.domain.state.transaction(() => ({
    records: input.records.map((change) => ({
      id: String(change.id),
      revision: String(applyStatusChange(context, app, settings, change)),
    })),
  }));
}

export function updateAssignees(
  context: CallContext,
  input: { app: number; id: number; assignees: readonly string[]; revision?: number },
): { revision: string } {
  const { app, settings } = requireProcessManagement(context, input.app);
  const { state } = context.domain;
  return state.transaction(() => {
    const record = state.records(app.id).get(input.id);
    if (record === undefined) throw kintoneErrors.recordNotFound(String(input.id));
    if (
      input.revision !== undefined &&
      input.revision !== -1 &&
      input.revision !== revisionOf(record)
    ) {
      throw kintoneErrors.recordRevisionConflict();
    }
    const assigneeCode = codeOf(settings, 'STATUS_ASSIGNEE');
    const cells: Record<string, FieldValue> = { ...record };
    if (assigneeCode !== undefined) {
      cells[assigneeCode] = {
        type: 'STATUS_ASSIGNEE',
        value: input.assignees.map((code) => {
          const user = state.users.get(code);
          if (user === undefined) throw kintoneErrors.userNotFound(code);
          return { code, name: user.name };
        }),
      };
    }
    const revision = revisionOf(record) + 1;
    touch(context, settings, cells, revision);
    state.putRecord(app.id, input.id, cells);
    return { revision: String(revision) };
  });
}

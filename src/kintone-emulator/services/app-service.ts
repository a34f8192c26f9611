/**
 * Apps: listing and reading them (`apps.json`, `app.json`, `app/form/fields.json`) and the
 * app administration API that creates and changes them in the pre-live state and deploys
 * them (facts sheet §3.1–3.3, §3.11). Seeds create apps through these same functions.
 */
import { kintoneErrors } from '../errors/kintone-errors.js';
import { ValidationErrorCollector } from '../errors/kintone-error.js';
import { validationMessages } from '../errors/validation-messages.js';
import type {
  AppPermissionEntry,
  AppSettings,
  AppState,
  ProcessAction,
  ProcessManagementSettings,
  ProcessState,
} from '../model/app-state.js';
import type { FieldProperties, FieldProperty } from '../model/field-property.js';
import type { UserEntity } from '../model/record.js';
import {
  mergeFieldChanges,
  normalizeFieldProperty,
  validateFieldSet,
  type AppResolver,
} from '../fields/normalize-field-property.js';
import { systemFieldTypes, uniqueCapableTypes } from '../fields/field-type-facts.js';
import { systemFields, translatedSystemLabel } from '../fields/system-fields.js';
import { toKintoneDateTime } from '../records/date-normalization.js';
import { isJsonObject, type JsonObject } from '../support/json-value.js';
import { actorOf, type CallContext } from './call-context.js';
import { guestSpaceOf, requireLiveApp, requireManagedApp, requireRight } from './access-control.js';
import { migrateRecordsToSettings } from './record-migration.js';

export interface AppSummary {
  appId: string;
  code: string;
  name: string;
  description: string;
  spaceId: string | null;
  threadId: string | null;
  createdAt: string;
  creator: UserEntity;
  modifiedAt: string;
  modifier: UserEntity;
}

export function appSummary(app: AppState): AppSummary {
  const settings = app.live ?? app.preview;
  return {
    appId: String(app.id),
    code: app.code,
    name: settings.name,
    description: settings.description,
    spaceId: app.spaceId,
    threadId: app.threadId,
    createdAt: app.createdAt,
    creator: app.creator,
    modifiedAt: app.modifiedAt,
    modifier: app.modifier,
  };
}

export interface ListAppsInput {
  readonly ids?: readonly number[];
  readonly codes?: readonly string[];
  readonly name?: string;
  readonly spaceIds?: readonly number[];
  readonly limit: number;
  readonly offset: number;
}

export function listApps(context: CallContext, input: ListAppsInput): { apps: AppSummary[] } {
  const { state } = context.domain;
  const apps: AppSummary[] = [];
  let skipped = 0;
  const ordered = [...state.apps.values()].sort((a, b) => a.id - b.id);
  for (const app of ordered) {
    if (app.live === undefined) continue;
    if (guestSpaceOf(state, app) !== context.guestSpaceId) continue;
    if (input.ids !== undefined && input.ids.length > 0 && !input.ids.includes(app.id)) continue;
    if (input.codes !== undefined && input.codes.length > 0 && !input.codes.includes(app.code))
      continue;
    if (
      input.name !== undefined &&
      input.name !== '' &&
      !app.live.name.toLowerCase().includes(input.name.toLowerCase())
    )
      continue;
    if (
      input.spaceIds !== undefined &&
      input.spaceIds.length > 0 &&
      (app.spaceId === null || !input.spaceIds.includes(Number(app.spaceId)))
    ) {
      continue;
    }
    try {
      requireRight(context, app, app.live, 'view');
    } catch {
      continue;
    }
    if (skipped < input.offset) {
      skipped++;
      continue;
    }
    if (apps.length >= input.limit) break;
    apps.push(appSummary(app));
  }
  return { apps };
}

export function getApp(context: CallContext, appId: number): AppSummary {
  return appSummary(requireLiveApp(context, appId, 'view').app);
}

function localizedFields(fields: FieldProperties, lang: string): FieldProperties {
  if (lang !== 'en' && lang !== 'ja') return fields;
  const result: Record<string, FieldProperty> = {};
  for (const [code, field] of Object.entries(fields)) {
    result[code] = systemFieldTypes.has(field.type)
      ? { ...field, label: translatedSystemLabel(field, lang) }
      : field;
  }
  return result;
}

export function getFields(
  context: CallContext,
  appId: number,
  lang: string,
  preview: boolean,
): { properties: FieldProperties; revision: string } {
  if (preview) {
    const app = requireManagedApp(context, appId);
    return {
      properties: localizedFields(app.preview.fields, lang),
      revision: String(app.previewRevision),
    };
  }
  const { app, settings } = requireLiveApp(context, appId, 'view');
  return { properties: localizedFields(settings.fields, lang), revision: String(app.liveRevision) };
}

/** Finds an app for a lookup by id or code. */
export function appResolver(context: CallContext): AppResolver {
  const { state } = context.domain;
  return (reference) => {
    if (reference.app !== undefined && reference.app !== null && reference.app !== '') {
      return state.apps.get(Number(reference.app));
    }
    if (typeof reference.code === 'string' && reference.code !== '') {
      return [...state.apps.values()].find((app) => app.code === reference.code);
    }
    return undefined;
  };
}

export interface CreateAppInput {
  readonly name: string;
  readonly space?: number;
  readonly thread?: number;
  /** Emulator extension for seeds: the app code (Kintone sets it in the UI only). */
  readonly code?: string;
}

export function createApp(
  context: CallContext,
  input: CreateAppInput,
): { app: string; revision: string } {
  const { state, settings: domainSettings } = context.domain;
  if (input.name.length === 0 || input.name.length > 64) {
    throw kintoneErrors.invalidParameter('name', validationMessages.textTooLong(64));
  }
  let spaceId: string | null = null;
  let threadId: string | null = null;
  if (input.space !== undefined) {
    const space = state.spaces.get(String(input.space));
    if (space === undefined)
      throw kintoneErrors.invalidParameter('space', validationMessages.invalidValue);
    if (
      context.principal.kind !== 'system' &&
      (space.isGuest ? space.id : undefined) !== context.guestSpaceId
    ) {
      throw space.isGuest ? kintoneErrors.guestSpacePathRequired() : kintoneErrors.noPrivilege();
    }
    spaceId = space.id;
    threadId = input.thread === undefined ? space.defaultThread : String(input.thread);
  } else if (context.guestSpaceId !== undefined && context.principal.kind !== 'system') {
    throw kintoneErrors.invalidParameter('space', validationMessages.requiredParameter);
  }
  if (input.code !== undefined && [...state.apps.values()].some((app) => app.code === input.code)) {
    throw kintoneErrors.invalidParameter('code', validationMessages.unique);
  }
  return state.transaction(() => {
    const id = state.nextValue('app');
    const now = toKintoneDateTime(context.domain.clock.now());
    const actor = actorOf(context);
    const settings: AppSettings = {
      name: input.name,
      description: '',
      fields: systemFields(domainSettings.language),
      processManagement: { enable: false, states: null, actions: null },
      permissions: undefined,
    };
    state.putApp({
      id,
      code: input.code ?? '',
      spaceId,
      threadId,
      createdAt: now,
      creator: actor,
      modifiedAt: now,
      modifier: actor,
      preview: settings,
      previewRevision: 2,
      live: undefined,
      liveRevision: 0,
      deployStatus: undefined,
    });
    return { app: String(id), revision: '2' };
  });
}

function checkRevision(app: AppState, revision: number | undefined): void {
  if (revision !== undefined && revision !== -1 && revision !== app.previewRevision) {
    throw kintoneErrors.appRevisionConflict();
  }
}

function changePreview(
  context: CallContext,
  app: AppState,
  change: Partial<AppSettings>,
): { revision: string } {
  const { state } = context.domain;
  return state.transaction(() => {
    const revision = app.previewRevision + 1;
    state.putApp({
      ...app,
      preview: { ...app.preview, ...change },
      previewRevision: revision,
      modifiedAt: toKintoneDateTime(context.domain.clock.now()),
      modifier: actorOf(context),
    });
    return { revision: String(revision) };
  });
}

export interface FieldsChangeInput {
  readonly app: number;
  readonly properties: JsonObject;
  readonly revision?: number;
}

export function addFields(context: CallContext, input: FieldsChangeInput): { revision: string } {
  const app = requireManagedApp(context, input.app);
  checkRevision(app, input.revision);
  const errors = new ValidationErrorCollector();
  const fields: Record<string, FieldProperty> = { ...app.preview.fields };
  for (const [code, raw] of Object.entries(input.properties)) {
    const key = `properties.${code}`;
    if (fields[code] !== undefined) {
      errors.add(`${key}.code`, validationMessages.fieldCodeInUse(code));
      continue;
    }
    const field = normalizeFieldProperty(raw, code, key, errors, appResolver(context));
    if (field === undefined) continue;
    if (field.code !== code) {
      errors.add(`${key}.code`, validationMessages.invalidValue);
      continue;
    }
    fields[code] = field;
  }
  if (errors.isEmpty) validateFieldSet(fields, errors);
  if (!errors.isEmpty) throw kintoneErrors.invalidInput(errors.entries);
  return changePreview(context, app, { fields });
}

export function updateFields(context: CallContext, input: FieldsChangeInput): { revision: string } {
  const app = requireManagedApp(context, input.app);
  checkRevision(app, input.revision);
  const errors = new ValidationErrorCollector();
  let fields: Record<string, FieldProperty> = { ...app.preview.fields };
  for (const [code, changes] of Object.entries(input.properties)) {
    const key = `properties.${code}`;
    const existing = fields[code];
    if (existing === undefined || !isJsonObject(changes)) {
      errors.add(`${key}`, validationMessages.unknownField(code));
      continue;
    }
    const merged = mergeFieldChanges(existing, changes, key, errors, appResolver(context));
    if (merged === undefined) continue;
    if (merged.code !== code) {
      if (fields[merged.code] !== undefined) {
        errors.add(`${key}.code`, validationMessages.fieldCodeInUse(merged.code));
        continue;
      }
      fields = Object.fromEntries(
        Object.entries(fields).map(([current, field]) =>
          current === code ? [merged.code, merged] : [current, field],
        ),
      );
    } else {
      fields[code] = merged;
    }
  }
  if (errors.isEmpty) validateFieldSet(fields, errors);
  if (!errors.isEmpty) throw kintoneErrors.invalidInput(errors.entries);
  return changePreview(context, app, { fields });
}

export function deleteFields(
  context: CallContext,
  input: { app: number; fields: readonly string[]; revision?: number },
): { revision: string } {
  const app = requireManagedApp(context, input.app);
  checkRevision(app, input.revision);
  const errors = new ValidationErrorCollector();
  const fields: Record<string, FieldProperty> = { ...app.preview.fields };
  input.fields.forEach((code, index) => {
    const field = fields[code];
    if (field === undefined || systemFieldTypes.has(field.type)) {
      errors.add(`fields[${index}]`, validationMessages.unknownField(code));
      return;
    }
    delete fields[code];
  });
  if (errors.isEmpty) validateFieldSet(fields, errors);
  if (!errors.isEmpty) throw kintoneErrors.invalidInput(errors.entries);
  return changePreview(context, app, { fields });
}

export function updateGeneralSettings(
  context: CallContext,
  input: { app: number; name?: string; description?: string; revision?: number },
): { revision: string } {
  const app = requireManagedApp(context, input.app);
  checkRevision(app, input.revision);
  if (input.name !== undefined && (input.name.length === 0 || input.name.length > 64)) {
    throw kintoneErrors.invalidParameter('name', validationMessages.textTooLong(64));
  }
  return changePreview(context, app, {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.description === undefined ? {} : { description: input.description }),
  });
}

function normalizeStates(
  raw: unknown,
  errors: ValidationErrorCollector,
): Record<string, ProcessState> | null {
  if (raw === undefined || raw === null) return null;
  if (!isJsonObject(raw)) {
    errors.add('states', validationMessages.notAnObject);
    return null;
  }
  const states: Record<string, ProcessState> = {};
  Object.entries(raw).forEach(([name, value], position) => {
    const state = isJsonObject(value) ? value : {};
    const assignee = isJsonObject(state['assignee']) ? state['assignee'] : {};
    const type = assignee['type'];
    const entities = Array.isArray(assignee['entities']) ? (assignee['entities'] as unknown[]) : [];
    states[name] = {
      name,
      index:
        typeof state['index'] === 'string' || typeof state['index'] === 'number'
          ? String(state['index'])
          : String(position),
      assignee: {
        type: type === 'ALL' || type === 'ANY' ? type : 'ONE',
        entities: entities.filter(isJsonObject).map((entry) => {
          const entity = isJsonObject(entry['entity']) ? entry['entity'] : {};
          const entityType = entity['type'];
          return {
            entity: {
              type:
                entityType === 'GROUP' ||
                entityType === 'ORGANIZATION' ||
                entityType === 'FIELD_ENTITY' ||
                entityType === 'CREATOR'
                  ? entityType
                  : 'USER',
              code: typeof entity['code'] === 'string' ? entity['code'] : null,
            },
            includeSubs: entry['includeSubs'] === true,
          };
        }),
      },
    };
  });
  return states;
}

function normalizeActions(
  raw: unknown,
  states: Record<string, ProcessState> | null,
  errors: ValidationErrorCollector,
): ProcessAction[] | null {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw)) {
    errors.add('actions', validationMessages.notAnArray);
    return null;
  }
  return raw.map((value: unknown, index) => {
    const action = isJsonObject(value) ? value : {};
    const name = typeof action['name'] === 'string' ? action['name'] : '';
    const from = typeof action['from'] === 'string' ? action['from'] : '';
    const to = typeof action['to'] === 'string' ? action['to'] : '';
    if (name === '') errors.add(`actions[${index}].name`, validationMessages.requiredParameter);
    if (states !== null && states[from] === undefined)
      errors.add(`actions[${index}].from`, validationMessages.invalidValue);
    if (states !== null && states[to] === undefined)
      errors.add(`actions[${index}].to`, validationMessages.invalidValue);
    return {
      name,
      from,
      to,
      filterCond: typeof action['filterCond'] === 'string' ? action['filterCond'] : '',
    };
  });
}

export function updateProcessManagement(
  context: CallContext,
  input: { app: number; enable?: boolean; states?: unknown; actions?: unknown; revision?: number },
): { revision: string } {
  const app = requireManagedApp(context, input.app);
  checkRevision(app, input.revision);
  const errors = new ValidationErrorCollector();
  const current = app.preview.processManagement;
  const states =
    input.states === undefined ? current.states : normalizeStates(input.states, errors);
  const actions =
    input.actions === undefined ? current.actions : normalizeActions(input.actions, states, errors);
  const enable = input.enable ?? current.enable;
  if (enable && (states === null || Object.keys(states).length === 0)) {
    errors.add('states', validationMessages.requiredParameter);
  }
  if (!errors.isEmpty) throw kintoneErrors.invalidInput(errors.entries);
  const processManagement: ProcessManagementSettings = { enable, states, actions };
  const fields: Record<string, FieldProperty> = {};
  for (const [code, field] of Object.entries(app.preview.fields)) {
    fields[code] =
      field.type === 'STATUS' || field.type === 'STATUS_ASSIGNEE'
        ? { ...field, enabled: enable }
        : field;
  }
  return changePreview(context, app, { processManagement, fields });
}

export function updatePermissions(
  context: CallContext,
  input: { app: number; rights: readonly AppPermissionEntry[]; revision?: number },
): { revision: string } {
  const app = requireManagedApp(context, input.app);
  checkRevision(app, input.revision);
  return changePreview(context, app, { permissions: input.rights });
}

export function deployApps(
  context: CallContext,
  input: { apps: readonly { app: number; revision?: number }[]; revert: boolean },
): Record<string, never> {
  const { state } = context.domain;
  const targets = input.apps.map(({ app: appId, revision }) => {
    const app = requireManagedApp(context, appId);
    if (!input.revert) checkRevision(app, revision);
    return app;
  });
  state.transaction(() => {
    for (const app of targets) {
      if (input.revert) {
        state.putApp({
          ...app,
          preview: app.live ?? app.preview,
          previewRevision: app.live === undefined ? app.previewRevision : app.liveRevision,
          deployStatus: 'CANCEL',
        });
        continue;
      }
      const deployed: AppState = {
        ...app,
        live: app.preview,
        liveRevision: app.previewRevision,
        deployStatus: 'SUCCESS',
      };
      state.putApp(deployed);
      migrateRecordsToSettings(context, deployed, app.live);
      state.records(app.id).setUniqueFields(uniqueFieldCodes(deployed.preview.fields));
    }
  });
  return {};
}

export function uniqueFieldCodes(fields: FieldProperties): string[] {
  return Object.values(fields)
    .filter((field) => field.unique === true && uniqueCapableTypes.has(field.type))
    .map((field) => field.code);
}

export function deployStatus(
  context: CallContext,
  appIds: readonly number[],
): { apps: { app: string; status: string }[] } {
  return {
    apps: appIds.map((appId) => {
      const app = requireManagedApp(context, appId);
      return { app: String(app.id), status: app.deployStatus ?? 'SUCCESS' };
    }),
  };
}

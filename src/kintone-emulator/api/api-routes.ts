/**
 * The REST API's route table: for each `METHOD api` (the path between `/v1/` and `.json`),
 * whether API tokens are accepted, whether bulkRequest may run it, and the handler that
 * reads the parameters and calls a service. The HTTP server and bulkRequest both dispatch
 * through this table.
 */
import { kintoneErrors } from '../errors/kintone-errors.js';
import { validationMessages } from '../errors/validation-messages.js';
import type { AppPermissionEntry } from '../model/app-state.js';
import { isJsonObject } from '../support/json-value.js';
import * as apps from '../services/app-service.js';
import * as comments from '../services/comment-service.js';
import * as cursors from '../services/cursor-service.js';
import * as files from '../services/file-service.js';
import * as process from '../services/process-service.js';
import * as records from '../services/record-service.js';
import { requireLiveApp, requireManagedApp } from '../services/access-control.js';
import type { CallContext } from '../services/call-context.js';
import { runBulkRequest } from './bulk-request.js';
import {
  idValue,
  optionalArray,
  optionalBoolean,
  optionalId,
  optionalIdArray,
  optionalInteger,
  optionalRevision,
  optionalString,
  optionalStringArray,
  requiredArray,
  requiredId,
  requiredObject,
  requiredString,
  type Parameters,
} from './request-parameters.js';

export interface UploadedPart {
  readonly name: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface ApiRequest {
  readonly parameters: Parameters;
  /** The `file` part of a multipart upload. */
  readonly file?: UploadedPart;
}

/** A binary response (file download). */
export class FileResponse {
  constructor(
    readonly name: string,
    readonly contentType: string,
    readonly content: Buffer,
  ) {}
}

export interface ApiRoute {
  readonly acceptsApiTokens: boolean;
  readonly allowedInBulk: boolean;
  readonly handle: (context: CallContext, request: ApiRequest) => unknown;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

function route(
  handle: ApiRoute['handle'],
  options: Partial<Omit<ApiRoute, 'handle'>> = {},
): ApiRoute {
  return {
    acceptsApiTokens: options.acceptsApiTokens ?? true,
    allowedInBulk: options.allowedInBulk ?? false,
    handle,
  };
}

function updateRequest(value: unknown, prefix: string): records.UpdateRequest {
  const item = isJsonObject(value) ? value : {};
  const updateKey = item['updateKey'];
  return {
    id:
      item['id'] === undefined || item['id'] === null
        ? undefined
        : idValue(item['id'], `${prefix}id`),
    updateKey: isJsonObject(updateKey)
      ? {
          field: typeof updateKey['field'] === 'string' ? updateKey['field'] : '',
          value: updateKey['value'],
        }
      : undefined,
    revision: optionalRevision(item['revision'], `${prefix}revision`),
    record: item['record'],
  };
}

function statusChange(value: unknown, prefix: string): process.StatusChange {
  const item = isJsonObject(value) ? value : {};
  const action = item['action'];
  if (typeof action !== 'string' || action === '')
    throw kintoneErrors.requiredParameter(`${prefix}action`);
  if (item['id'] === undefined || item['id'] === null)
    throw kintoneErrors.requiredParameter(`${prefix}id`);
  const assignee = item['assignee'];
  return {
    id: idValue(item['id'], `${prefix}id`),
    action,
    assignee: typeof assignee === 'string' ? assignee : undefined,
    revision: optionalRevision(item['revision'], `${prefix}revision`),
  };
}

function permissionEntries(value: unknown[]): AppPermissionEntry[] {
  return value.filter(isJsonObject).map((entry) => {
    const entity = isJsonObject(entry['entity']) ? entry['entity'] : {};
    const type = entity['type'];
    return {
      entity: {
        type: type === 'GROUP' || type === 'ORGANIZATION' || type === 'CREATOR' ? type : 'USER',
        code: typeof entity['code'] === 'string' ? entity['code'] : null,
      },
      includeSubs: entry['includeSubs'] === true,
      appEditable: entry['appEditable'] === true,
      recordViewable: entry['recordViewable'] === true,
      recordAddable: entry['recordAddable'] === true,
      recordEditable: entry['recordEditable'] === true,
      recordDeletable: entry['recordDeletable'] === true,
    };
  });
}

function checkLanguage(parameters: Parameters): string {
  const lang = optionalString(parameters, 'lang') ?? 'default';
  if (!['default', 'en', 'ja', 'zh', 'user'].includes(lang)) {
    throw kintoneErrors.invalidParameter('lang', validationMessages.enumValue);
  }
  return lang;
}

function appSettingsView(context: CallContext, appId: number, preview: boolean): unknown {
  if (preview) {
    const app = requireManagedApp(context, appId);
    return {
      name: app.preview.name,
      description: app.preview.description,
      revision: String(app.previewRevision),
    };
  }
  const { app, settings } = requireLiveApp(context, appId, 'view');
  return {
    name: settings.name,
    description: settings.description,
    revision: String(app.liveRevision),
  };
}

function processView(context: CallContext, appId: number, preview: boolean): unknown {
  if (preview) {
    const app = requireManagedApp(context, appId);
    return { ...app.preview.processManagement, revision: String(app.previewRevision) };
  }
  const { app, settings } = requireLiveApp(context, appId, 'view');
  return { ...settings.processManagement, revision: String(app.liveRevision) };
}

const routes: Record<string, ApiRoute> = {
  'GET apps': route(
    (context, { parameters }) => {
      const limit = optionalInteger(parameters, 'limit', 1, 100) ?? 100;
      const offset = optionalInteger(parameters, 'offset', 0, 2_147_483_647) ?? 0;
      const ids = optionalIdArray(parameters, 'ids');
      const codes = optionalStringArray(parameters, 'codes');
      const spaceIds = optionalIdArray(parameters, 'spaceIds');
      for (const [key, list] of [
        ['ids', ids],
        ['codes', codes],
        ['spaceIds', spaceIds],
      ] as const) {
        if (list !== undefined && list.length > 100) {
          throw kintoneErrors.invalidParameter(key, validationMessages.tooManyItems(100));
        }
      }
      return apps.listApps(context, {
        ids,
        codes,
        spaceIds,
        name: optionalString(parameters, 'name'),
        limit,
        offset,
      });
    },
    { acceptsApiTokens: false },
  ),
  'GET space': route((context, { parameters }) => {
    const id = String(requiredId(parameters, 'id'));
    const space = context.domain.state.spaces.get(id);
    if (space === undefined) throw kintoneErrors.noPrivilege();
    if (
      context.principal.kind !== 'system' &&
      (space.isGuest ? space.id : undefined) !== context.guestSpaceId
    ) {
      throw space.isGuest ? kintoneErrors.guestSpacePathRequired() : kintoneErrors.noPrivilege();
    }
    return {
      id: space.id,
      name: space.name,
      defaultThread: space.defaultThread,
      isGuest: space.isGuest,
    };
  }),
  'GET app': route((context, { parameters }) => apps.getApp(context, requiredId(parameters, 'id'))),
  'GET app/form/fields': route((context, { parameters }) =>
    apps.getFields(context, requiredId(parameters, 'app'), checkLanguage(parameters), false),
  ),
  'GET preview/app/form/fields': route((context, { parameters }) =>
    apps.getFields(context, requiredId(parameters, 'app'), checkLanguage(parameters), true),
  ),
  'POST preview/app': route(
    (context, { parameters }) =>
      apps.createApp(context, {
        name: requiredString(parameters, 'name'),
        space: optionalId(parameters, 'space'),
        thread: optionalId(parameters, 'thread'),
      }),
    { acceptsApiTokens: false },
  ),
  'POST preview/app/form/fields': route((context, { parameters }) =>
    apps.addFields(context, {
      app: requiredId(parameters, 'app'),
      properties: requiredObject(parameters, 'properties'),
      revision: optionalRevision(parameters['revision'], 'revision'),
    }),
  ),
  'PUT preview/app/form/fields': route((context, { parameters }) =>
    apps.updateFields(context, {
      app: requiredId(parameters, 'app'),
      properties: requiredObject(parameters, 'properties'),
      revision: optionalRevision(parameters['revision'], 'revision'),
    }),
  ),
  'DELETE preview/app/form/fields': route((context, { parameters }) =>
    apps.deleteFields(context, {
      app: requiredId(parameters, 'app'),
      fields: optionalStringArray(parameters, 'fields') ?? [],
      revision: optionalRevision(parameters['revision'], 'revision'),
    }),
  ),
  'GET app/settings': route((context, { parameters }) =>
    appSettingsView(context, requiredId(parameters, 'app'), false),
  ),
  'GET preview/app/settings': route((context, { parameters }) =>
    appSettingsView(context, requiredId(parameters, 'app'), true),
  ),
  'PUT preview/app/settings': route((context, { parameters }) =>
    apps.updateGeneralSettings(context, {
      app: requiredId(parameters, 'app'),
      name: optionalString(parameters, 'name'),
      description: optionalString(parameters, 'description'),
      revision: optionalRevision(parameters['revision'], 'revision'),
    }),
  ),
  'GET app/status': route((context, { parameters }) =>
    processView(context, requiredId(parameters, 'app'), false),
  ),
  'GET preview/app/status': route((context, { parameters }) =>
    processView(context, requiredId(parameters, 'app'), true),
  ),
  'PUT preview/app/status': route((context, { parameters }) =>
    apps.updateProcessManagement(context, {
      app: requiredId(parameters, 'app'),
      enable: optionalBoolean(parameters, 'enable'),
      states: parameters['states'],
      actions: parameters['actions'],
      revision: optionalRevision(parameters['revision'], 'revision'),
    }),
  ),
  'PUT preview/app/acl': route((context, { parameters }) =>
    apps.updatePermissions(context, {
      app: requiredId(parameters, 'app'),
      rights: permissionEntries(requiredArray(parameters, 'rights')),
      revision: optionalRevision(parameters['revision'], 'revision'),
    }),
  ),
  'POST preview/app/deploy': route((context, { parameters }) => {
    const list = requiredArray(parameters, 'apps');
    if (list.length === 0 || list.length > 300) {
      throw kintoneErrors.invalidParameter('apps', validationMessages.valueBetween(1, 300));
    }
    return apps.deployApps(context, {
      apps: list.map((item, index) => {
        const entry = isJsonObject(item) ? item : {};
        return {
          app: idValue(entry['app'], `apps[${index}].app`),
          revision: optionalRevision(entry['revision'], `apps[${index}].revision`),
        };
      }),
      revert: optionalBoolean(parameters, 'revert') ?? false,
    });
  }),
  'GET preview/app/deploy': route((context, { parameters }) => {
    const ids = optionalIdArray(parameters, 'apps') ?? [];
    if (ids.length === 0) throw kintoneErrors.requiredParameter('apps');
    if (ids.length > 300)
      throw kintoneErrors.invalidParameter('apps', validationMessages.tooManyItems(300));
    return apps.deployStatus(context, ids);
  }),
  'GET record': route((context, { parameters }) =>
    records.getRecord(context, {
      app: requiredId(parameters, 'app'),
      id: requiredId(parameters, 'id'),
    }),
  ),
  'POST record': route(
    (context, { parameters }) =>
      records.addRecord(context, {
        app: requiredId(parameters, 'app'),
        record: parameters['record'],
      }),
    { allowedInBulk: true },
  ),
  'PUT record': route(
    (context, { parameters }) =>
      records.updateRecord(context, {
        app: requiredId(parameters, 'app'),
        ...updateRequest(parameters, ''),
      }),
    { allowedInBulk: true },
  ),
  'GET records': route((context, { parameters }) => {
    const fields = optionalStringArray(parameters, 'fields');
    if (fields !== undefined && fields.length > 1000) {
      throw kintoneErrors.invalidParameter('fields', validationMessages.tooManyItems(1000));
    }
    return records.getRecords(context, {
      app: requiredId(parameters, 'app'),
      fields,
      query: optionalString(parameters, 'query'),
      totalCount: optionalBoolean(parameters, 'totalCount'),
    });
  }),
  'POST records': route(
    (context, { parameters }) =>
      records.addRecords(context, {
        app: requiredId(parameters, 'app'),
        records: requiredArray(parameters, 'records'),
      }),
    { allowedInBulk: true },
  ),
  'PUT records': route(
    (context, { parameters }) =>
      records.updateRecords(context, {
        app: requiredId(parameters, 'app'),
        records: requiredArray(parameters, 'records').map((item, index) =>
          updateRequest(item, `records[${index}].`),
        ),
        upsert: optionalBoolean(parameters, 'upsert'),
      }),
    { allowedInBulk: true },
  ),
  'DELETE records': route(
    (context, { parameters }) => {
      const ids = optionalIdArray(parameters, 'ids') ?? [];
      const revisions = optionalArray(parameters, 'revisions')?.map((value, index) => {
        const revision = optionalRevision(value, `revisions[${index}]`);
        return revision ?? -1;
      });
      return records.deleteRecords(context, { app: requiredId(parameters, 'app'), ids, revisions });
    },
    { allowedInBulk: true },
  ),
  'POST records/cursor': route((context, { parameters }) =>
    cursors.createCursor(context, {
      app: requiredId(parameters, 'app'),
      fields: optionalStringArray(parameters, 'fields'),
      query: optionalString(parameters, 'query'),
      size: optionalInteger(parameters, 'size', 1, 500),
    }),
  ),
  'GET records/cursor': route((context, { parameters }) =>
    cursors.readCursor(context, requiredString(parameters, 'id')),
  ),
  'DELETE records/cursor': route((context, { parameters }) =>
    cursors.deleteCursor(context, requiredString(parameters, 'id')),
  ),
  'POST bulkRequest': route((context, { parameters }) =>
    runBulkRequest(context, parameters, findRoute),
  ),
  'POST file': route((context, { file }) => {
    if (file === undefined) throw kintoneErrors.requiredParameter('file');
    return files.uploadFile(context, file);
  }),
  'GET file': route((context, { parameters }) => {
    const file = files.downloadFile(context, requiredString(parameters, 'fileKey'));
    return new FileResponse(file.name, file.contentType, file.content);
  }),
  'GET record/comments': route((context, { parameters }) => {
    const order = optionalString(parameters, 'order');
    if (order !== undefined && order !== 'asc' && order !== 'desc') {
      throw kintoneErrors.invalidParameter('order', validationMessages.enumValue);
    }
    return comments.listComments(context, {
      app: requiredId(parameters, 'app'),
      record: requiredId(parameters, 'record'),
      order,
      offset: optionalInteger(parameters, 'offset', 0, 2_147_483_647),
      limit: optionalInteger(parameters, 'limit', 0, 10),
    });
  }),
  'POST record/comment': route((context, { parameters }) => {
    const comment = requiredObject(parameters, 'comment');
    const text = comment['text'];
    if (typeof text !== 'string' || text === '')
      throw kintoneErrors.requiredParameter('comment.text');
    const mentions = (Array.isArray(comment['mentions']) ? (comment['mentions'] as unknown[]) : [])
      .filter(isJsonObject)
      .map((mention) => ({
        code: typeof mention['code'] === 'string' ? mention['code'] : '',
        type: typeof mention['type'] === 'string' ? mention['type'] : 'USER',
      }));
    return comments.addComment(context, {
      app: requiredId(parameters, 'app'),
      record: requiredId(parameters, 'record'),
      text,
      mentions,
    });
  }),
  'DELETE record/comment': route((context, { parameters }) =>
    comments.deleteComment(context, {
      app: requiredId(parameters, 'app'),
      record: requiredId(parameters, 'record'),
      comment: requiredId(parameters, 'comment'),
    }),
  ),
  'PUT record/status': route(
    (context, { parameters }) =>
      process.updateStatus(context, {
        app: requiredId(parameters, 'app'),
        ...statusChange(parameters, ''),
      }),
    { allowedInBulk: true },
  ),
  'PUT records/status': route(
    (context, { parameters }) =>
      process.updateStatuses(context, {
        app: requiredId(parameters, 'app'),
        records: requiredArray(parameters, 'records').map((item, index) =>
          statusChange(item, `records[${index}].`),
        ),
      }),
    { allowedInBulk: true },
  ),
  'PUT record/assignees': route(
    (context, { parameters }) =>
      process.updateAssignees(context, {
        app: requiredId(parameters, 'app'),
        id: requiredId(parameters, 'id'),
        assignees: optionalStringArray(parameters, 'assignees') ?? [],
        revision: optionalRevision(parameters['revision'], 'revision'),
      }),
    { allowedInBulk: true },
  ),
};

export function findRoute(method: string, api: string): ApiRoute | undefined {
  return routes[`${method} ${api}`];
}

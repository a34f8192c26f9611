/**
 * Connector kinds and connections (`/connectors`, `/connections`): create, read (secrets
 * masked), update (a secret left as the mask keeps its value), delete, test saved or
 * unsaved settings, list the source's tables live, and the per-user permissions on a
 * connection. Tests run a throw-away connector that is always closed.
 */
import type { ExecutionContext } from '../../connectors/connector.js';
import type { Permission } from '../../store/records.js';
import type { AdminCall } from './admin-route.js';
import { adminRoute } from './admin-route.js';
import {
  connectionSchema,
  connectorSchema,
  permissionRowSchema,
  permissionSchema,
  sourceTableSchema,
  testReportSchema,
} from './admin-schemas.js';
import { runConnectionTest } from './connection-test-run.js';
import { array, nullable, object, optional, record, scalar, text } from './json-schema.js';

const testTimeoutMs = 30_000;

const settingValues = record(scalar(), {
  maxProperties: 200,
  description: 'Setting name → value, as the kind describes its settings.',
});
const settingChanges = record(nullable(scalar()), {
  maxProperties: 200,
  description:
    'Only the settings to change: null clears one, and a secret sent as "********" keeps its stored value.',
});

const connectionResponse = {
  status: 200,
  description: 'The connection, secrets masked.',
  schema: object({ connection: connectionSchema }),
} as const;

function sourceContext(call: AdminCall<unknown, unknown>, connectionId: string): ExecutionContext {
  const timeoutMs = Math.min(testTimeoutMs, call.parts.odata.requestTimeoutMs);
  return {
    signal: AbortSignal.timeout(timeoutMs),
    deadline: Date.now() + timeoutMs,
    recordSourceCall: (sourceCall) => call.parts.metrics.recordSourceCall(connectionId, sourceCall),
  };
}

export const connectionRoutes = [
  adminRoute({
    method: 'GET',
    path: '/connectors',
    operationId: 'listConnectors',
    tag: 'Connections',
    summary: 'The connector kinds this gateway offers',
    who: 'Signed in.',
    description: 'With the settings of each kind, from which the console builds its forms.',
    access: 'signedIn',
    response: {
      status: 200,
      description: 'Every registered connector kind.',
      schema: object({ connectors: array(connectorSchema) }),
    },
    handle({ parts }) {
      return {
        connectors: parts.controlPlane.connectors.list().map((definition) => ({
          kind: definition.kind,
          displayName: definition.displayName,
          description: definition.description,
          settings: definition.settings,
        })),
      };
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/connections',
    operationId: 'listConnections',
    tag: 'Connections',
    summary: 'The connections the caller may see',
    who: 'Signed in: query users see the connections they hold a permission on.',
    access: 'signedIn',
    response: {
      status: 200,
      description: 'Connections, secrets masked.',
      schema: object({ connections: array(connectionSchema) }),
    },
    async handle({ parts, actor }) {
      return { connections: await parts.controlPlane.connections.listVisible(actor) };
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/connections/test',
    operationId: 'testConnectionSettings',
    tag: 'Connections',
    summary: 'Test settings before saving them',
    who: 'Connection administrators and administrators.',
    description:
      'With connectionId, the settings are changes to that stored connection (a masked secret means the stored value) and its kind is used. Nothing is stored.',
    access: 'signedIn',
    body: object({
      kind: text({ maxLength: 100 }),
      settings: settingChanges,
      connectionId: optional(text({ maxLength: 100 })),
    }),
    response: {
      status: 200,
      description: 'The outcome, step by step (a failed test is still a 200).',
      schema: testReportSchema,
    },
    async handle(call) {
      const { controlPlane, connections } = call.parts;
      const connectionId = call.body.connectionId;
      const kind =
        connectionId === undefined
          ? call.body.kind
          : (await controlPlane.connections.getManageable(call.actor, connectionId)).kind;
      const settings = await controlPlane.connections.prepareTest(call.actor, {
        kind,
        settings: call.body.settings,
        ...(connectionId === undefined ? {} : { connectionId }),
      });
      const context = sourceContext(call, connectionId ?? `(unsaved ${kind})`);
      return runConnectionTest(() => connections.connectorForSettings(kind, settings), {
        timeoutMs: context.deadline - Date.now(),
        log: call.request.log,
        recordSourceCall: context.recordSourceCall,
      });
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/connections',
    operationId: 'createConnection',
    tag: 'Connections',
    summary: 'Create a connection',
    who: 'Connection administrators and administrators.',
    description:
      'Settings are validated against the kind (one TSG500 detail per setting, target settings.<name>); secrets are stored encrypted.',
    access: 'signedIn',
    body: object({
      name: text({ maxLength: 1000 }),
      kind: text({ maxLength: 100 }),
      description: optional(text({ maxLength: 10_000 })),
      settings: settingValues,
    }),
    response: {
      status: 201,
      description: 'The new connection, secrets masked.',
      schema: object({ connection: connectionSchema }),
    },
    errors: [409],
    async handle({ parts, actor, body }) {
      return { connection: await parts.controlPlane.connections.create(actor, body) };
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/connections/{id}',
    operationId: 'getConnection',
    tag: 'Connections',
    summary: 'One connection',
    who: 'Signed in: query users only a connection they hold a permission on.',
    access: 'signedIn',
    response: connectionResponse,
    async handle(call) {
      return {
        connection: await call.parts.controlPlane.connections.getVisible(
          call.actor,
          call.param('id'),
        ),
      };
    },
  }),
  adminRoute({
    method: 'PATCH',
    path: '/connections/{id}',
    operationId: 'updateConnection',
    tag: 'Connections',
    summary: 'Change a connection',
    who: 'Connection administrators and administrators.',
    access: 'signedIn',
    body: object({
      name: optional(text({ maxLength: 1000 })),
      description: optional(text({ maxLength: 10_000 })),
      settings: optional(settingChanges),
    }),
    response: connectionResponse,
    errors: [409],
    async handle(call) {
      return {
        connection: await call.parts.controlPlane.connections.update(
          call.actor,
          call.param('id'),
          call.body,
        ),
      };
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/connections/{id}/test',
    operationId: 'testConnection',
    tag: 'Connections',
    summary: 'Test a saved connection',
    who: 'Connection administrators and administrators.',
    description: "The outcome is stored as the connection's last test.",
    access: 'signedIn',
    response: { status: 200, description: 'The outcome, step by step.', schema: testReportSchema },
    async handle(call) {
      const { controlPlane, connections } = call.parts;
      const connectionId = call.param('id');
      const { kind } = await controlPlane.connections.getManageable(call.actor, connectionId);
      const settings = await controlPlane.connections.prepareTest(call.actor, {
        connectionId,
        kind,
        settings: {},
      });
      const context = sourceContext(call, connectionId);
      const outcome = await runConnectionTest(
        () => connections.connectorForSettings(kind, settings),
        {
          timeoutMs: context.deadline - Date.now(),
          log: call.request.log,
          recordSourceCall: context.recordSourceCall,
        },
      );
      await controlPlane.connections.recordTestResult(call.actor, connectionId, outcome);
      return outcome;
    },
  }),
  adminRoute({
    method: 'DELETE',
    path: '/connections/{id}',
    operationId: 'deleteConnection',
    tag: 'Connections',
    summary: 'Delete a connection with its publications and permissions',
    who: 'Connection administrators and administrators.',
    access: 'signedIn',
    response: { status: 204, description: 'Deleted.' },
    async handle(call) {
      await call.parts.controlPlane.connections.delete(call.actor, call.param('id'));
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/connections/{id}/tables',
    operationId: 'listSourceTables',
    tag: 'Connections',
    summary: 'The tables of the source, live',
    who: 'Connection administrators and administrators.',
    description:
      'search keeps tables whose id, name or label contains it (ignoring case); parent keeps the tables inside that table (Kintone subtables of an app).',
    access: 'signedIn',
    query: object({
      search: optional(text({ maxLength: 200 })),
      parent: optional(text({ maxLength: 200 })),
    }),
    response: {
      status: 200,
      description: 'The tables, each with its publication if it has one.',
      schema: object({ tables: array(sourceTableSchema) }),
    },
    errors: [503],
    async handle(call) {
      const { controlPlane, connections } = call.parts;
      const connectionId = call.param('id');
      await controlPlane.connections.getManageable(call.actor, connectionId);
      const published = new Map(
        (await controlPlane.publications.list(call.actor, connectionId)).map((publication) => [
          publication.tableName,
          { id: publication.id, entitySet: publication.entitySet },
        ]),
      );
      const connector = await connections.connectorFor(connectionId);
      const tables = await connector.listTables(sourceContext(call, connectionId));
      const search = call.query.search?.trim().toLowerCase() ?? '';
      const parent = call.query.parent;
      return {
        tables: tables
          .filter(
            (table) =>
              (parent === undefined || table.parentId === parent) &&
              (search === '' ||
                [table.id, table.name, table.label].some((value) =>
                  value.toLowerCase().includes(search),
                )),
          )
          .map((table) => ({
            id: table.id,
            name: table.name,
            label: table.label,
            ...(table.description === undefined ? {} : { description: table.description }),
            ...(table.parentId === undefined ? {} : { parentId: table.parentId }),
            published: published.get(table.id) ?? null,
          })),
      };
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/connections/{id}/permissions',
    operationId: 'listConnectionPermissions',
    tag: 'Connections',
    summary: "Every user's permissions on a connection",
    who: 'Connection administrators and administrators.',
    access: 'signedIn',
    response: {
      status: 200,
      description: 'Every user, with the permissions granted to them (possibly none).',
      schema: object({ permissions: array(permissionRowSchema) }),
    },
    async handle(call) {
      return {
        permissions: await call.parts.controlPlane.permissions.listUsersForConnection(
          call.actor,
          call.param('id'),
        ),
      };
    },
  }),
  adminRoute({
    method: 'PUT',
    path: '/connections/{id}/permissions/{userId}',
    operationId: 'setConnectionPermissions',
    tag: 'Connections',
    summary: "Set a user's permissions on a connection",
    who: 'Connection administrators and administrators.',
    description: 'Replaces the user’s permissions on the connection with exactly these.',
    access: 'signedIn',
    body: object({ permissions: array(permissionSchema, { maxItems: 10 }) }),
    response: {
      status: 200,
      description: 'The permissions now granted.',
      schema: object({ permissions: array(permissionSchema) }),
    },
    async handle(call) {
      const permissions: Permission[] = await call.parts.controlPlane.permissions.setPermissions(
        call.actor,
        {
          userId: call.param('userId'),
          connectionId: call.param('id'),
          permissions: call.body.permissions,
        },
      );
      return { permissions };
    },
  }),
];

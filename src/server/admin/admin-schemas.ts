/**
 * The shapes the admin API returns, named once for the OpenAPI document's components.
 * They are the control-plane services' views (src/control-plane/*), field for field; where
 * the console contract (ADMIN-API-CONTRACT.md) named a field differently, the services'
 * name is used and the description says so. In tests every response is checked against
 * these schemas.
 */
import { roles } from '../../store/records.js';
import {
  array,
  boolean,
  choice,
  freeObject,
  integer,
  named,
  nullable,
  number,
  object,
  optional,
  record,
  scalar,
  text,
} from './json-schema.js';

const time = (description?: string) =>
  text({ format: 'date-time', ...(description === undefined ? {} : { description }) });

export const roleSchema = choice(roles, {
  description: 'administrator, connectionAdministrator or queryUser.',
});

export const permissionSchema = choice(['select', 'insert', 'update', 'delete', 'execute'], {
  description: 'A permission on a connection; execute is reserved and cannot be granted yet.',
});

export const userSchema = named(
  'User',
  object(
    {
      id: text({ format: 'uuid' }),
      email: text({ format: 'email' }),
      displayName: text(),
      role: roleSchema,
      status: choice(['invited', 'active', 'disabled']),
      createdAt: time(),
      updatedAt: time(),
      lastSignInAt: nullable(time()),
    },
    { description: 'A user (UserView of src/control-plane/user-service.ts).' },
  ),
);

export const tokenSchema = named(
  'Token',
  object(
    {
      id: text({ format: 'uuid' }),
      userId: text({ format: 'uuid' }),
      name: text(),
      hint: text({
        description:
          'tsg_pat_ and the first 4 random characters, to recognise the token (the contract called it prefix).',
      }),
      createdAt: time(),
      expiresAt: nullable(time('null: never expires.')),
      lastUsedAt: nullable(time()),
      lastUsedAddress: nullable(text()),
      revokedAt: nullable(time()),
      state: choice(['active', 'expired', 'revoked']),
    },
    { description: 'A personal access token, never its secret.' },
  ),
);

export const connectionTestStepSchema = named(
  'ConnectionTestStep',
  object({
    name: text(),
    ok: boolean(),
    message: optional(text()),
    durationMs: optional(number()),
  }),
);

export const connectionTestSchema = named(
  'ConnectionTest',
  object({ at: time(), ok: boolean(), steps: array(connectionTestStepSchema) }),
);

export const connectionSchema = named(
  'Connection',
  object(
    {
      id: text({ format: 'uuid' }),
      name: text(),
      kind: text(),
      kindDisplayName: text(),
      description: text(),
      settings: record(scalar(), {
        description: 'Every setting with a value; secret and file settings read "********".',
      }),
      secrets: record(object({ hasValue: boolean() }), {
        description: 'One entry per secret or file setting of the kind.',
      }),
      createdAt: time(),
      updatedAt: time(),
      lastTest: nullable(connectionTestSchema),
    },
    { description: 'A connection to a source; secrets are masked.' },
  ),
);

export const settingDescriptorSchema = named(
  'SettingDescriptor',
  object(
    {
      name: text(),
      label: text(),
      type: choice(['string', 'url', 'integer', 'boolean', 'secret', 'file', 'choice']),
      required: boolean(),
      help: optional(text()),
      placeholder: optional(text()),
      defaultValue: optional(scalar()),
      choices: optional(array(object({ value: text(), label: text() }))),
      showWhen: optional(object({ setting: text(), values: array(text()) })),
      minimum: optional(number()),
      maximum: optional(number()),
    },
    { description: 'A setting of a connector kind (src/connectors/connector-definition.ts).' },
  ),
);

export const connectorSchema = named(
  'Connector',
  object({
    kind: text(),
    displayName: text(),
    description: text(),
    settings: array(settingDescriptorSchema),
  }),
);

export const testReportSchema = named(
  'ConnectionTestReport',
  object({ ok: boolean(), steps: array(connectionTestStepSchema) }),
);

export const sourceTableSchema = named(
  'SourceTable',
  object(
    {
      id: text({ description: 'Stable id in the connection (a Kintone app id, "12.items" ...).' }),
      name: text({ description: 'Default entity-set name.' }),
      label: text(),
      description: optional(text()),
      parentId: optional(text()),
      published: nullable(object({ id: text({ format: 'uuid' }), entitySet: text() })),
    },
    { description: 'A table of the source, listed live.' },
  ),
);

export const permissionRowSchema = named(
  'UserPermissions',
  object({
    userId: text({ format: 'uuid' }),
    email: text({ format: 'email' }),
    displayName: text(),
    role: roleSchema,
    permissions: array(permissionSchema, {
      description: 'Granted permissions (administrators have all of them anyway).',
    }),
  }),
);

export const publicationSchema = named(
  'Publication',
  object(
    {
      id: text({ format: 'uuid' }),
      connectionId: text({ format: 'uuid' }),
      connectionName: text(),
      tableName: text({ description: "The source table's id (the service's name for it)." }),
      tableId: text({ description: 'Same as tableName (the name the contract uses).' }),
      tableLabel: optional(
        text({ description: "The table's label, when the catalog has described it." }),
      ),
      entitySet: text(),
      propertyAliases: record(text(), { description: 'Source column → property name.' }),
      createdAt: time(),
      updatedAt: time(),
    },
    { description: 'A table of a connection published as an OData entity set.' },
  ),
);

export const queryLogEntrySchema = named(
  'QueryLogEntry',
  object({
    id: text(),
    at: time(),
    userId: nullable(text()),
    userEmail: nullable(text()),
    tokenName: nullable(text()),
    method: text(),
    url: text(),
    entitySet: nullable(text()),
    connectionId: nullable(text()),
    status: integer(),
    rowCount: nullable(integer()),
    durationMs: number(),
    sourceCalls: integer(),
    sourceQuery: nullable(text()),
    requestId: nullable(text()),
  }),
);

export const auditEntrySchema = named(
  'AuditEntry',
  object({
    id: text(),
    at: time(),
    actorUserId: nullable(text()),
    actorEmail: nullable(text()),
    action: text(),
    targetKind: nullable(text()),
    targetId: nullable(text()),
    targetLabel: nullable(text()),
    sourceAddress: nullable(text()),
    outcome: choice(['success', 'failure']),
    details: freeObject(),
  }),
);

export const settingsSchema = named(
  'Settings',
  object(
    {
      tokenMaximumLifetimeDays: nullable(
        integer({ description: '30, 60, 90 or 365; null: tokens may never expire.' }),
      ),
      queryLogRetentionDays: integer({ minimum: 1, maximum: 365 }),
      maximumPageSize: integer({ minimum: 10, maximum: 2000 }),
      sessionIdleTimeoutMinutes: integer({ minimum: 5, maximum: 1440 }),
      sessionAbsoluteLifetimeHours: integer({ minimum: 1, maximum: 720 }),
      invitationLifetimeDays: integer({ minimum: 1, maximum: 30 }),
    },
    {
      description:
        'Control-plane settings (the contract called two of them tokenMaxLifetimeDays and maxPageSize).',
    },
  ),
);

export const errorSchema = named(
  'Error',
  object(
    {
      error: object({
        code: text({ description: 'A catalogue code such as TSG500 (docs/errors.md).' }),
        message: text(),
        target: optional(text()),
        details: optional(
          array(object({ code: text(), message: text(), target: optional(text()) })),
        ),
        innererror: optional(freeObject()),
      }),
    },
    { description: 'The error body, the same as the OData endpoint answers with.' },
  ),
);

export const sessionSchema = object({
  user: userSchema,
  csrfToken: text({ description: 'Send it as X-CSRF-Token on every state-changing request.' }),
});

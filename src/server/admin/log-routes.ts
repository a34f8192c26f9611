/**
 * The query log (`/query-log`: one entry per OData request; users see their own,
 * administrators everyone's) and the audit log (`/audit-log`: administrators). Both are
 * newest first and paged with the opaque `nextCursor`.
 */
import { adminRoute } from './admin-route.js';
import { auditEntrySchema, queryLogEntrySchema } from './admin-schemas.js';
import { array, boolean, integer, nullable, object, optional, text } from './json-schema.js';

const from = optional(text({ maxLength: 100, description: 'ISO 8601 time, inclusive.' }));
const to = optional(text({ maxLength: 100, description: 'ISO 8601 time, exclusive.' }));
const cursor = optional(
  text({ maxLength: 100, description: 'The nextCursor of the previous page.' }),
);
const limit = optional(integer({ minimum: 1, maximum: 500, description: 'Default 50.' }));
const nextCursor = nullable(text({ description: 'Pass as cursor for the next (older) page.' }));

export const logRoutes = [
  adminRoute({
    method: 'GET',
    path: '/query-log',
    operationId: 'searchQueryLog',
    tag: 'Logs',
    summary: 'OData requests, newest first',
    who: 'Signed in: own entries; administrators everyone’s.',
    access: 'signedIn',
    query: object({
      userId: optional(text({ maxLength: 100, description: 'Administrators only.' })),
      entitySet: optional(text({ maxLength: 200 })),
      status: optional(integer({ minimum: 100, maximum: 599 })),
      failedOnly: optional(boolean({ description: 'Only entries with status 400 or more.' })),
      from,
      to,
      cursor,
      limit,
    }),
    response: {
      status: 200,
      description: 'One page of entries.',
      schema: object({ entries: array(queryLogEntrySchema), nextCursor }),
    },
    async handle({ parts, actor, query }) {
      return parts.controlPlane.queryLog.search(actor, query);
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/query-log/{id}',
    operationId: 'getQueryLogEntry',
    tag: 'Logs',
    summary: 'One query-log entry',
    who: 'Signed in: own entries; administrators everyone’s.',
    access: 'signedIn',
    response: {
      status: 200,
      description: 'The entry.',
      schema: object({ entry: queryLogEntrySchema }),
    },
    async handle(call) {
      return { entry: await call.parts.controlPlane.queryLog.get(call.actor, call.param('id')) };
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/audit-log',
    operationId: 'searchAuditLog',
    tag: 'Logs',
    summary: 'Who changed what, newest first',
    who: 'Administrators.',
    access: 'signedIn',
    query: object({
      actorUserId: optional(text({ maxLength: 100 })),
      action: optional(text({ maxLength: 100, description: 'e.g. user.invited' })),
      targetKind: optional(text({ maxLength: 100 })),
      targetId: optional(text({ maxLength: 200 })),
      from,
      to,
      cursor,
      limit,
    }),
    response: {
      status: 200,
      description: 'One page of entries.',
      schema: object({ entries: array(auditEntrySchema), nextCursor }),
    },
    async handle({ parts, actor, query }) {
      return parts.controlPlane.auditLog.search(actor, query);
    },
  }),
];

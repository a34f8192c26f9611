/** Control-plane settings (`/settings`): administrators read and change them. */
import { adminRoute } from './admin-route.js';
import { settingsSchema } from './admin-schemas.js';
import { integer, nullable, object, optional } from './json-schema.js';

export const settingsRoutes = [
  adminRoute({
    method: 'GET',
    path: '/settings',
    operationId: 'getSettings',
    tag: 'Settings',
    summary: 'The control-plane settings',
    who: 'Administrators.',
    access: 'signedIn',
    response: {
      status: 200,
      description: 'The effective settings.',
      schema: object({ settings: settingsSchema }),
    },
    async handle({ parts, actor }) {
      return { settings: await parts.controlPlane.settings.read(actor) };
    },
  }),
  adminRoute({
    method: 'PATCH',
    path: '/settings',
    operationId: 'updateSettings',
    tag: 'Settings',
    summary: 'Change some settings',
    who: 'Administrators.',
    description: 'Only the settings given change; each is checked against its allowed values.',
    access: 'signedIn',
    body: object({
      tokenMaximumLifetimeDays: optional(nullable(integer())),
      queryLogRetentionDays: optional(integer()),
      maximumPageSize: optional(integer()),
      sessionIdleTimeoutMinutes: optional(integer()),
      sessionAbsoluteLifetimeHours: optional(integer()),
      invitationLifetimeDays: optional(integer()),
    }),
    response: {
      status: 200,
      description: 'The effective settings.',
      schema: object({ settings: settingsSchema }),
    },
    async handle({ parts, actor, body }) {
      return { settings: await parts.controlPlane.settings.update(actor, body) };
    },
  }),
];

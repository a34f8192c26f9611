/**
 * Users (`/users`): invite with a role, read, change role or display name, disable,
 * enable, send a new invitation link, delete, and list a user's tokens. The services
 * decide who may: administrators manage, connection administrators may list and read.
 * Invitation links point at the console page `<public base>/invite/<token>`.
 */
import { adminRoute } from './admin-route.js';
import { roleSchema, tokenSchema, userSchema } from './admin-schemas.js';
import { array, object, optional, text } from './json-schema.js';

/** The console page that accepts an invitation. */
export function invitationUrl(publicBase: string, invitationToken: string): string {
  return `${publicBase}/invite/${encodeURIComponent(invitationToken)}`;
}

const userResponse = {
  status: 200,
  description: 'The user.',
  schema: object({ user: userSchema }),
} as const;

const invitationLink = {
  invitationUrl: text({
    format: 'uri',
    description: 'The console page where the user chooses a password (send it to them).',
  }),
  expiresAt: text({ format: 'date-time' }),
};

export const userRoutes = [
  adminRoute({
    method: 'GET',
    path: '/users',
    operationId: 'listUsers',
    tag: 'Users',
    summary: 'Every user',
    who: 'Administrators and connection administrators (to grant permissions).',
    access: 'signedIn',
    response: {
      status: 200,
      description: 'Every user.',
      schema: object({ users: array(userSchema) }),
    },
    async handle({ parts, actor }) {
      return { users: await parts.controlPlane.users.list(actor) };
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/users',
    operationId: 'inviteUser',
    tag: 'Users',
    summary: 'Invite a user',
    who: 'Administrators.',
    description:
      'Creates an invited user and a one-time invitation link (valid invitationLifetimeDays).',
    access: 'signedIn',
    body: object({
      email: text({ format: 'email', maxLength: 1000 }),
      role: roleSchema,
      displayName: optional(text({ maxLength: 1000 })),
    }),
    response: {
      status: 201,
      description: 'The invited user and the link to send them.',
      schema: object({ user: userSchema, ...invitationLink }),
    },
    errors: [409],
    async handle({ parts, actor, body, publicBase }) {
      const issued = await parts.controlPlane.users.invite(actor, body);
      return {
        user: issued.user,
        invitationUrl: invitationUrl(publicBase, issued.invitationToken),
        expiresAt: issued.expiresAt,
      };
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/users/{id}',
    operationId: 'getUser',
    tag: 'Users',
    summary: 'One user',
    who: 'Administrators and connection administrators; anyone for themselves.',
    access: 'signedIn',
    response: userResponse,
    async handle(call) {
      return { user: await call.parts.controlPlane.users.get(call.actor, call.param('id')) };
    },
  }),
  adminRoute({
    method: 'PATCH',
    path: '/users/{id}',
    operationId: 'updateUser',
    tag: 'Users',
    summary: "Change a user's role or display name",
    who: 'Administrators.',
    description:
      'Administrators cannot change their own role (403 TSG309); the last active administrator keeps theirs (409 TSG507).',
    access: 'signedIn',
    body: object({
      role: optional(roleSchema),
      displayName: optional(text({ maxLength: 1000 })),
    }),
    response: userResponse,
    errors: [409],
    async handle(call) {
      return {
        user: await call.parts.controlPlane.users.update(call.actor, call.param('id'), call.body),
      };
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/users/{id}/disable',
    operationId: 'disableUser',
    tag: 'Users',
    summary: 'Disable a user',
    who: 'Administrators.',
    description: 'Ends their sessions; their tokens are refused until they are enabled again.',
    access: 'signedIn',
    response: userResponse,
    errors: [409],
    async handle(call) {
      return { user: await call.parts.controlPlane.users.disable(call.actor, call.param('id')) };
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/users/{id}/enable',
    operationId: 'enableUser',
    tag: 'Users',
    summary: 'Enable a disabled user',
    who: 'Administrators.',
    access: 'signedIn',
    response: userResponse,
    async handle(call) {
      return { user: await call.parts.controlPlane.users.enable(call.actor, call.param('id')) };
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/users/{id}/invitation',
    operationId: 'resendInvitation',
    tag: 'Users',
    summary: 'Issue a new invitation link',
    who: 'Administrators.',
    description: 'Withdraws the open links of an invited user (409 when they already accepted).',
    access: 'signedIn',
    response: {
      status: 200,
      description: 'The new link.',
      schema: object(invitationLink),
    },
    errors: [409],
    async handle(call) {
      const issued = await call.parts.controlPlane.users.resendInvitation(
        call.actor,
        call.param('id'),
      );
      return {
        invitationUrl: invitationUrl(call.publicBase, issued.invitationToken),
        expiresAt: issued.expiresAt,
      };
    },
  }),
  adminRoute({
    method: 'DELETE',
    path: '/users/{id}',
    operationId: 'deleteUser',
    tag: 'Users',
    summary: 'Delete a user',
    who: 'Administrators.',
    description: "Deletes the user's sessions, tokens, invitations and permissions.",
    access: 'signedIn',
    response: { status: 204, description: 'Deleted.' },
    errors: [409],
    async handle(call) {
      await call.parts.controlPlane.users.delete(call.actor, call.param('id'));
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/users/{id}/tokens',
    operationId: 'listUserTokens',
    tag: 'Users',
    summary: "A user's personal access tokens",
    who: 'Administrators.',
    access: 'signedIn',
    response: {
      status: 200,
      description: 'Every token of the user (never a secret).',
      schema: object({ tokens: array(tokenSchema) }),
    },
    async handle(call) {
      const { controlPlane } = call.parts;
      const tokens = await controlPlane.tokens.list(call.actor, call.param('id'));
      // An unknown user is a 404, not an empty list.
      await controlPlane.users.get(call.actor, call.param('id'));
      return { tokens };
    },
  }),
];

/**
 * The caller's own account: profile, password and personal access tokens (`/me`). Every
 * signed-in user may use these, whatever their role.
 */
import { adminRoute } from './admin-route.js';
import { tokenSchema, userSchema } from './admin-schemas.js';
import { array, integer, nullable, object, text } from './json-schema.js';

export const meRoutes = [
  adminRoute({
    method: 'GET',
    path: '/me',
    operationId: 'getMe',
    tag: 'Me',
    summary: 'The signed-in user',
    who: 'Signed in.',
    access: 'signedIn',
    response: { status: 200, description: 'The caller.', schema: object({ user: userSchema }) },
    async handle({ parts, actor }) {
      return { user: await parts.controlPlane.users.get(actor, actor.userId) };
    },
  }),
  adminRoute({
    method: 'PATCH',
    path: '/me',
    operationId: 'updateMe',
    tag: 'Me',
    summary: "Change one's display name",
    who: 'Signed in.',
    access: 'signedIn',
    body: object({ displayName: text({ maxLength: 1000 }) }),
    response: { status: 200, description: 'The caller.', schema: object({ user: userSchema }) },
    async handle({ parts, actor, body }) {
      return { user: await parts.controlPlane.users.updateProfile(actor, body) };
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/me/password',
    operationId: 'changeMyPassword',
    tag: 'Me',
    summary: "Change one's password",
    who: 'Signed in.',
    description:
      'Ends every console session of the caller. A caller signed in with the cookie gets a new session cookie at once (read its CSRF token with GET /session). 403 TSG308 when the current password is wrong, 400 TSG307 when the new one breaks the policy.',
    access: 'signedIn',
    body: object({
      currentPassword: text({ format: 'password', maxLength: 4096 }),
      newPassword: text({ format: 'password', maxLength: 4096 }),
    }),
    response: { status: 204, description: 'Changed.' },
    async handle(call) {
      const { controlPlane } = call.parts;
      await controlPlane.users.changePassword(
        call.actor,
        call.body.currentPassword,
        call.body.newPassword,
      );
      if (call.caller?.via === 'session') await call.startSession(call.actor.userId);
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/me/tokens',
    operationId: 'listMyTokens',
    tag: 'Me',
    summary: "The caller's personal access tokens",
    who: 'Signed in.',
    access: 'signedIn',
    response: {
      status: 200,
      description: 'Every token of the caller, revoked and expired ones included.',
      schema: object({ tokens: array(tokenSchema) }),
    },
    async handle({ parts, actor }) {
      return { tokens: await parts.controlPlane.tokens.list(actor) };
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/me/tokens',
    operationId: 'createMyToken',
    tag: 'Me',
    summary: 'Create a personal access token',
    who: 'Signed in.',
    description:
      'The token is in the response once and never again. expiresInDays null means no expiry, which the administrators policy may refuse (400 TSG500 on expiresInDays).',
    access: 'signedIn',
    body: object({
      name: text({ maxLength: 1000 }),
      expiresInDays: nullable(integer({ minimum: 1, maximum: 3650 })),
    }),
    response: {
      status: 201,
      description: 'The token (shown once) and its details.',
      schema: object({
        token: text({ description: 'tsg_pat_…: store it now, it is not shown again.' }),
        details: tokenSchema,
      }),
    },
    errors: [409],
    async handle({ parts, actor, body }) {
      return parts.controlPlane.tokens.create(actor, body);
    },
  }),
  adminRoute({
    method: 'DELETE',
    path: '/me/tokens/{id}',
    operationId: 'revokeMyToken',
    tag: 'Me',
    summary: 'Revoke one of the caller’s tokens',
    who: 'Signed in (own tokens only).',
    access: 'signedIn',
    response: { status: 204, description: 'Revoked (requests with it now answer 401).' },
    async handle(call) {
      await call.parts.controlPlane.tokens.revokeOwn(call.actor, call.param('id'));
    },
  }),
];

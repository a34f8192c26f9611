/**
 * First start, sign-in and invitations: `/setup` (the first administrator), `/session`
 * (console sign-in with a cookie and a CSRF token, sign-out), `/sessions` (sign out
 * everywhere) and `/invitations/{token}` (look at and accept an invitation, which also
 * signs the new user in).
 */
import { TsunagiError } from '../../errors/tsunagi-error.js';
import { toUserView } from '../../control-plane/user-service.js';
import { adminRoute } from './admin-route.js';
import { roleSchema, sessionSchema } from './admin-schemas.js';
import { boolean, object, optional, text } from './json-schema.js';

const password = text({ format: 'password', maxLength: 4096 });
const displayName = text({ maxLength: 1000 });

export const sessionRoutes = [
  adminRoute({
    method: 'GET',
    path: '/setup',
    operationId: 'getSetup',
    tag: 'Session',
    summary: 'Whether the first administrator exists',
    who: 'Anyone.',
    access: 'anyone',
    response: {
      status: 200,
      description: 'initialized is false until the first administrator is created.',
      schema: object({ initialized: boolean() }),
    },
    async handle({ parts }) {
      return { initialized: await parts.controlPlane.users.isInitialized() };
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/setup',
    operationId: 'createFirstAdministrator',
    tag: 'Session',
    summary: 'Create the first administrator and sign in',
    who: 'Anyone, only while no user exists (409 TSG506 afterwards).',
    access: 'anyone',
    body: object({
      email: text({ format: 'email', maxLength: 1000 }),
      password,
      displayName: optional(displayName),
    }),
    response: {
      status: 201,
      description: 'The administrator; the session cookie is set.',
      schema: sessionSchema,
    },
    errors: [409],
    async handle(call) {
      const user = await call.parts.controlPlane.users.initialize({
        email: call.body.email,
        password: call.body.password,
        ...(call.body.displayName === undefined ? {} : { displayName: call.body.displayName }),
        sourceAddress: call.sourceAddress,
      });
      return { user, csrfToken: await call.startSession(user.id) };
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/session',
    operationId: 'signIn',
    tag: 'Session',
    summary: 'Sign in to the console',
    who: 'Anyone.',
    description:
      'Sets the HttpOnly session cookie tsunagi_session and returns the CSRF token to send as X-CSRF-Token on state-changing requests. Failures answer 401 TSG301 whatever the reason; repeated failures 429 TSG303 with Retry-After.',
    access: 'anyone',
    body: object({ email: text({ maxLength: 1000 }), password }),
    response: { status: 200, description: 'Signed in.', schema: sessionSchema },
    errors: [429],
    async handle(call) {
      const result = await call.parts.controlPlane.users.signIn({
        email: call.body.email,
        password: call.body.password,
        sourceAddress: call.sourceAddress,
      });
      if (!result.ok) {
        if (result.reason === 'throttled') {
          const seconds = String(result.retryAfterSeconds ?? 60);
          throw new TsunagiError(
            'TSG303',
            `Too many failed sign-in attempts; try again in ${seconds} seconds.`,
            { headers: { 'Retry-After': seconds } },
          );
        }
        throw new TsunagiError('TSG301', 'The e-mail address or password is wrong.');
      }
      return { user: result.user, csrfToken: await call.startSession(result.user.id) };
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/session',
    operationId: 'getSession',
    tag: 'Session',
    summary: 'The current console session',
    who: 'A console session (cookie).',
    access: 'session',
    response: { status: 200, description: 'The signed-in user.', schema: sessionSchema },
    handle({ caller }) {
      if (caller?.csrfToken === undefined) {
        throw new TsunagiError('TSG304', 'There is no console session; sign in.');
      }
      return { user: toUserView(caller.user), csrfToken: caller.csrfToken };
    },
  }),
  adminRoute({
    method: 'DELETE',
    path: '/session',
    operationId: 'signOut',
    tag: 'Session',
    summary: 'Sign out of this console session',
    who: 'A console session (cookie, with X-CSRF-Token).',
    access: 'session',
    response: { status: 204, description: 'Signed out; the cookie is removed.' },
    async handle(call) {
      if (call.caller?.sessionToken !== undefined) {
        await call.parts.controlPlane.sessions.signOut(call.caller.sessionToken);
      }
      call.clearSession();
    },
  }),
  adminRoute({
    method: 'DELETE',
    path: '/sessions',
    operationId: 'signOutEverywhere',
    tag: 'Session',
    summary: 'Sign out of every console session of the caller',
    who: 'Signed in.',
    access: 'signedIn',
    response: { status: 204, description: "Every one of the caller's sessions has ended." },
    async handle(call) {
      await call.parts.controlPlane.sessions.revokeAll(call.actor);
      if (call.caller?.via === 'session') call.clearSession();
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/invitations/{token}',
    operationId: 'getInvitation',
    tag: 'Session',
    summary: 'What an invitation link is for',
    who: 'Anyone with the link.',
    access: 'anyone',
    response: {
      status: 200,
      description: 'The invited user (404 TSG501 when the link is unknown, used or expired).',
      schema: object({
        email: text({ format: 'email' }),
        displayName: text(),
        role: roleSchema,
        expiresAt: text({ format: 'date-time' }),
      }),
    },
    async handle(call) {
      return call.parts.controlPlane.users.describeInvitation(call.param('token'));
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/invitations/{token}/accept',
    operationId: 'acceptInvitation',
    tag: 'Session',
    summary: 'Accept an invitation: choose a password and sign in',
    who: 'Anyone with the link.',
    description:
      '400 TSG306 when the link is no longer valid, 400 TSG307 when the password breaks the policy (one detail per rule).',
    access: 'anyone',
    body: object({ password, displayName: optional(displayName) }),
    response: {
      status: 200,
      description: 'The user, now active; the session cookie is set.',
      schema: sessionSchema,
    },
    async handle(call) {
      const user = await call.parts.controlPlane.users.acceptInvitation(
        call.param('token'),
        call.body.password,
        call.body.displayName,
        call.sourceAddress,
      );
      return { user, csrfToken: await call.startSession(user.id) };
    },
  }),
];

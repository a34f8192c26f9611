/**
 * Who may do what. Roles: Administrator (everything), Connection administrator
 * (connections, their permissions and publications; may read the user list to grant
 * permissions), Query user (the feeds granted to them, their own tokens, sessions and
 * query log). Every service method that needs a role calls `authorize` first; the admin
 * API adds no rule of its own.
 */
import { TsunagiError } from '../errors/tsunagi-error.js';
import type { Role, UserRecord } from '../store/records.js';

/** The caller of a service method, built per request from a session or a token. */
export interface Actor {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  /** Client address, for the audit log and throttling. */
  readonly sourceAddress: string | null;
}

export type Action =
  | 'user.read'
  | 'user.manage'
  | 'token.manageOthers'
  | 'session.manageOthers'
  | 'connection.read'
  | 'connection.manage'
  | 'permission.read'
  | 'permission.manage'
  | 'publication.read'
  | 'publication.manage'
  | 'queryLog.readAll'
  | 'auditLog.read'
  | 'settings.manage'
  | 'secretKey.rotate';

export const actions: readonly Action[] = [
  'user.read',
  'user.manage',
  'token.manageOthers',
  'session.manageOthers',
  'connection.read',
  'connection.manage',
  'permission.read',
  'permission.manage',
  'publication.read',
  'publication.manage',
  'queryLog.readAll',
  'auditLog.read',
  'settings.manage',
  'secretKey.rotate',
];

const connectionAdministratorActions: ReadonlySet<Action> = new Set<Action>([
  'user.read',
  'connection.read',
  'connection.manage',
  'permission.read',
  'permission.manage',
  'publication.read',
  'publication.manage',
]);

export const roleLabels: Readonly<Record<Role, string>> = {
  administrator: 'Administrator',
  connectionAdministrator: 'Connection administrator',
  queryUser: 'Query user',
};

const actionDescriptions: Readonly<Record<Action, string>> = {
  'user.read': 'listing users',
  'user.manage': 'managing users',
  'token.manageOthers': "managing other users' tokens",
  'session.manageOthers': "managing other users' sessions",
  'connection.read': 'reading connections',
  'connection.manage': 'managing connections',
  'permission.read': 'reading permissions',
  'permission.manage': 'managing permissions',
  'publication.read': 'reading the publication settings',
  'publication.manage': 'publishing tables',
  'queryLog.readAll': "reading other users' query log",
  'auditLog.read': 'reading the audit log',
  'settings.manage': 'changing settings',
  'secretKey.rotate': 'rotating the secret key',
};

export function roleAllows(role: Role, action: Action): boolean {
  switch (role) {
    case 'administrator':
      return true;
    case 'connectionAdministrator':
      return connectionAdministratorActions.has(action);
    case 'queryUser':
      return false;
  }
}

/** Throws TSG302 (403) naming the action when the actor's role does not allow it. */
export function authorize(actor: Actor, action: Action): void {
  if (roleAllows(actor.role, action)) return;
  throw new TsunagiError(
    'TSG302',
    `Your role (${roleLabels[actor.role]}) does not allow ${actionDescriptions[action]}.`,
    { target: action },
  );
}

export function actorFor(user: UserRecord, sourceAddress: string | null = null): Actor {
  return { userId: user.id, email: user.email, role: user.role, sourceAddress };
}

/** The actor for operations started on the machine itself (CLI, start-up). */
export function systemActor(description = 'system'): Actor {
  return { userId: 'system', email: description, role: 'administrator', sourceAddress: null };
}

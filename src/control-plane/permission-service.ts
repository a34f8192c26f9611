/**
 * Per-user, per-connection permissions: Select, Insert, Update, Delete (Execute is
 * reserved and cannot be granted yet). Administrators have every permission on every
 * connection without grants; a disabled user has none.
 *
 * `can` is on the OData hot path: grants are cached per user on this node and dropped on
 * `permission`, `user`, `connection` and `all` change events (which arrive from other
 * nodes too, see change-event.ts). A generation counter keeps a load that raced with an
 * invalidation from refilling the cache with stale grants.
 */
import { TsunagiError } from '../errors/tsunagi-error.js';
import {
  permissions as allPermissions,
  type Permission,
  type Role,
  type UserStatus,
} from '../store/records.js';
import type { Store } from '../store/store.js';
import type { AuditRecorder } from './audit-recorder.js';
import { authorize, type Actor } from './authorization.js';
import type { Clock } from './clock.js';
import { notFound, throwIfProblems } from './validation.js';

export const grantablePermissions: readonly Permission[] = ['select', 'insert', 'update', 'delete'];

/** Who is asking, as the OData server knows it after authentication. */
export interface PermissionSubject {
  readonly userId: string;
  readonly role: Role;
  /** When given, anything but `active` has no permission. */
  readonly status?: UserStatus;
}

export interface ConnectionGrantView {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly permissions: readonly Permission[];
}

type UserGrants = ReadonlyMap<string, ReadonlySet<Permission>>;

const everything: ReadonlySet<Permission> = new Set(allPermissions);
const nothing: ReadonlySet<Permission> = new Set();

function sortPermissions(set: Iterable<Permission>): Permission[] {
  const wanted = new Set(set);
  return allPermissions.filter((permission) => wanted.has(permission));
}

export class PermissionService {
  private readonly cache = new Map<string, Promise<UserGrants>>();
  private generation = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly audit: AuditRecorder,
  ) {
    store.onChange((event) => {
      if (event.kind === 'permission' || event.kind === 'user') {
        this.generation += 1;
        this.cache.delete(event.id);
      } else if (event.kind === 'connection' || event.kind === 'all') {
        this.generation += 1;
        this.cache.clear();
      }
    });
  }

  private grantsOf(userId: string): Promise<UserGrants> {
    const cached = this.cache.get(userId);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    const loading = this.store.permissions.listForUser(userId).then((grants) => {
      const byConnection = new Map<string, Set<Permission>>();
      for (const grant of grants) {
        let set = byConnection.get(grant.connectionId);
        if (set === undefined) {
          set = new Set();
          byConnection.set(grant.connectionId, set);
        }
        set.add(grant.permission);
      }
      return byConnection;
    });
    this.cache.set(userId, loading);
    loading.then(
      () => {
        if (this.generation !== generation && this.cache.get(userId) === loading)
          this.cache.delete(userId);
      },
      () => {
        if (this.cache.get(userId) === loading) this.cache.delete(userId);
      },
    );
    return loading;
  }

  /** The permissions a user has on a connection. */
  async permissionsOf(
    subject: PermissionSubject,
    connectionId: string,
  ): Promise<ReadonlySet<Permission>> {
    if (subject.status !== undefined && subject.status !== 'active') return nothing;
    if (subject.role === 'administrator') return everything;
    return (await this.grantsOf(subject.userId)).get(connectionId) ?? nothing;
  }

  /** Whether the user may do `permission` on the connection (cached). */
  async can(
    subject: PermissionSubject,
    connectionId: string,
    permission: Permission,
  ): Promise<boolean> {
    return (await this.permissionsOf(subject, connectionId)).has(permission);
  }

  /** Like `can`, but throws TSG302 naming the missing permission. */
  async require(
    subject: PermissionSubject,
    connectionId: string,
    permission: Permission,
    what: string,
  ): Promise<void> {
    if (await this.can(subject, connectionId, permission)) return;
    const name = permission.charAt(0).toUpperCase() + permission.slice(1);
    throw new TsunagiError('TSG302', `You do not have the ${name} permission on ${what}.`, {
      target: what,
    });
  }

  /** Replaces a user's permissions on a connection; returns them. */
  async setPermissions(
    actor: Actor,
    input: {
      readonly userId: string;
      readonly connectionId: string;
      readonly permissions: readonly Permission[];
    },
  ): Promise<Permission[]> {
    authorize(actor, 'permission.manage');
    const requested: readonly Permission[] = Array.isArray(input.permissions)
      ? input.permissions
      : [];
    const invalid = requested.filter((permission) => !grantablePermissions.includes(permission));
    throwIfProblems(
      invalid.map((permission) => ({
        field: 'permissions',
        message:
          permission === 'execute'
            ? 'Execute is reserved for a later version and cannot be granted yet.'
            : `${String(permission)} is not a permission; choose from ${grantablePermissions.join(', ')}.`,
      })),
    );
    const wanted = sortPermissions(requested);
    await this.store.transaction(async (scope) => {
      const user = await scope.users.findById(input.userId);
      if (user === undefined) throw notFound('User', input.userId);
      const connection = await scope.connections.findById(input.connectionId);
      if (connection === undefined) throw notFound('Connection', input.connectionId);
      const before = (await scope.permissions.listForUser(user.id))
        .filter((grant) => grant.connectionId === connection.id)
        .map((grant) => grant.permission);
      await scope.permissions.replace(
        user.id,
        connection.id,
        wanted,
        this.clock.now(),
        actor.userId,
      );
      await this.audit.record(scope, actor, {
        action: 'permission.changed',
        target: { kind: 'connection', id: connection.id, label: connection.name },
        details: { userId: user.id, email: user.email, from: sortPermissions(before), to: wanted },
      });
      scope.publishChange({ kind: 'permission', id: user.id });
    });
    return wanted;
  }

  /** Every user with a grant on the connection. */
  async listForConnection(actor: Actor, connectionId: string): Promise<ConnectionGrantView[]> {
    authorize(actor, 'permission.read');
    if ((await this.store.connections.findById(connectionId)) === undefined)
      throw notFound('Connection', connectionId);
    const grants = await this.store.permissions.listForConnection(connectionId);
    const byUser = new Map<string, Permission[]>();
    for (const grant of grants) {
      const list = byUser.get(grant.userId) ?? [];
      list.push(grant.permission);
      byUser.set(grant.userId, list);
    }
    const users = await this.store.users.list();
    return users
      .filter((user) => byUser.has(user.id))
      .map((user) => ({
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        permissions: sortPermissions(byUser.get(user.id) ?? []),
      }));
  }

  /**
   * Every user with their grants on the connection (an empty list for those without),
   * for a permission grid. Administrators have every permission whatever their grants.
   */
  async listUsersForConnection(actor: Actor, connectionId: string): Promise<ConnectionGrantView[]> {
    authorize(actor, 'permission.read');
    if ((await this.store.connections.findById(connectionId)) === undefined)
      throw notFound('Connection', connectionId);
    const byUser = new Map<string, Permission[]>();
    for (const grant of await this.store.permissions.listForConnection(connectionId)) {
      const list = byUser.get(grant.userId) ?? [];
      list.push(grant.permission);
      byUser.set(grant.userId, list);
    }
    return (await this.store.users.list()).map((user) => ({
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      permissions: sortPermissions(byUser.get(user.id) ?? []),
    }));
  }

  /** A user's grants by connection: their own, or anyone's with `permission.read`. */
  async listForUser(
    actor: Actor,
    userId: string = actor.userId,
  ): Promise<{ connectionId: string; permissions: Permission[] }[]> {
    if (userId !== actor.userId) authorize(actor, 'permission.read');
    const grants = await this.grantsOf(userId);
    return [...grants.entries()]
      .map(([connectionId, set]) => ({ connectionId, permissions: sortPermissions(set) }))
      .sort((left, right) => left.connectionId.localeCompare(right.connectionId));
  }
}

/**
 * The control-plane store: one repository per aggregate, a transaction that is atomic on
 * every implementation, and change events. Two implementations pass one contract suite
 * (store-contract.ts): SQLite (embedded, the default) and PostgreSQL (several nodes).
 *
 * Repositories are plain persistence: no rules. The services in src/control-plane/ own
 * every rule and call `transaction` when several writes must happen together.
 */
import type { ChangeEvent, ChangeListener } from './change-event.js';
import type {
  AuditEntry,
  AuditEntryInput,
  AuditFilter,
  ConnectionRecord,
  ConnectionTestResult,
  InvitationRecord,
  Permission,
  PermissionGrant,
  PersonalAccessTokenRecord,
  PublicationRecord,
  QueryLogEntry,
  QueryLogEntryInput,
  QueryLogFilter,
  SecretKeyRecord,
  SessionRecord,
  SettingRecord,
  UserRecord,
} from './records.js';

export interface UserRepository {
  insert(user: UserRecord): Promise<void>;
  /** Replaces every field of the user with this id; false when there is none. */
  update(user: UserRecord): Promise<boolean>;
  findById(id: string): Promise<UserRecord | undefined>;
  /** Case-insensitive. */
  findByEmail(email: string): Promise<UserRecord | undefined>;
  list(): Promise<UserRecord[]>;
  /** Deletes the user and, with it, their invitations, sessions, tokens and grants. */
  delete(id: string): Promise<boolean>;
  /**
   * Active administrators. With `lock` (inside a transaction) their rows stay locked until
   * the transaction ends, so that two concurrent demotions cannot both succeed.
   */
  listActiveAdministratorIds(options?: { readonly lock?: boolean }): Promise<string[]>;
  count(): Promise<number>;
}

export interface InvitationRepository {
  insert(invitation: InvitationRecord): Promise<void>;
  findByDigest(tokenDigest: string): Promise<InvitationRecord | undefined>;
  listOpenForUser(userId: string, now: number): Promise<InvitationRecord[]>;
  /** Marks the invitation consumed if it is still open; false when it was not. */
  consume(id: string, at: number): Promise<boolean>;
  consumeAllForUser(userId: string, at: number): Promise<number>;
}

export interface SessionRepository {
  insert(session: SessionRecord): Promise<void>;
  findByDigest(tokenDigest: string): Promise<SessionRecord | undefined>;
  findById(id: string): Promise<SessionRecord | undefined>;
  listForUser(userId: string): Promise<SessionRecord[]>;
  touch(id: string, lastSeenAt: number): Promise<void>;
  revoke(id: string, at: number): Promise<boolean>;
  revokeAllForUser(userId: string, at: number): Promise<number>;
  /** Deletes sessions that expired or were revoked before `olderThan`. */
  deleteExpired(olderThan: number): Promise<number>;
}

export interface PersonalAccessTokenRepository {
  insert(token: PersonalAccessTokenRecord): Promise<void>;
  findByDigest(tokenDigest: string): Promise<PersonalAccessTokenRecord | undefined>;
  findById(id: string): Promise<PersonalAccessTokenRecord | undefined>;
  listForUser(userId: string): Promise<PersonalAccessTokenRecord[]>;
  recordUse(id: string, at: number, address: string | null): Promise<void>;
  revoke(id: string, at: number): Promise<boolean>;
  revokeAllForUser(userId: string, at: number): Promise<number>;
}

export interface ConnectionRepository {
  insert(connection: ConnectionRecord): Promise<void>;
  /** Replaces name, description, settings, secrets and updatedAt. */
  update(connection: ConnectionRecord): Promise<boolean>;
  findById(id: string): Promise<ConnectionRecord | undefined>;
  /** Case-insensitive. */
  findByName(name: string): Promise<ConnectionRecord | undefined>;
  list(): Promise<ConnectionRecord[]>;
  /** Deletes the connection with its grants and publications. */
  delete(id: string): Promise<boolean>;
  recordTest(id: string, result: ConnectionTestResult): Promise<boolean>;
  /** Only id and secrets, for key rotation. */
  listSecrets(): Promise<{ id: string; secrets: Readonly<Record<string, string>> }[]>;
  replaceSecrets(id: string, secrets: Readonly<Record<string, string>>): Promise<void>;
}

export interface PermissionRepository {
  /** Replaces the user's permissions on the connection with exactly these. */
  replace(
    userId: string,
    connectionId: string,
    permissions: readonly Permission[],
    at: number,
    grantedBy: string | null,
  ): Promise<void>;
  listForUser(userId: string): Promise<PermissionGrant[]>;
  listForConnection(connectionId: string): Promise<PermissionGrant[]>;
}

export interface PublicationRepository {
  insert(publication: PublicationRecord): Promise<void>;
  update(publication: PublicationRecord): Promise<boolean>;
  findById(id: string): Promise<PublicationRecord | undefined>;
  /** Case-insensitive. */
  findByEntitySet(entitySet: string): Promise<PublicationRecord | undefined>;
  findByTable(connectionId: string, tableName: string): Promise<PublicationRecord | undefined>;
  list(): Promise<PublicationRecord[]>;
  listForConnection(connectionId: string): Promise<PublicationRecord[]>;
  delete(id: string): Promise<boolean>;
}

export interface QueryLogRepository {
  /** Appends entries in one round trip (or one local transaction). */
  append(entries: readonly QueryLogEntryInput[]): Promise<void>;
  /** Newest first. */
  search(filter: QueryLogFilter): Promise<QueryLogEntry[]>;
  /** Deletes entries older than `olderThan` (ms); returns how many. */
  prune(olderThan: number): Promise<number>;
}

export interface AuditLogRepository {
  append(entry: AuditEntryInput): Promise<void>;
  /** Newest first. */
  search(filter: AuditFilter): Promise<AuditEntry[]>;
}

export interface SettingRepository {
  list(): Promise<SettingRecord[]>;
  get(name: string): Promise<SettingRecord | undefined>;
  put(setting: SettingRecord): Promise<void>;
}

export interface SecretKeyRepository {
  list(): Promise<SecretKeyRecord[]>;
  /** The key that encrypts new secrets (retiredAt null), if any. */
  current(): Promise<SecretKeyRecord | undefined>;
  insert(key: SecretKeyRecord): Promise<void>;
  retire(keyId: string, at: number): Promise<boolean>;
}

export interface StoreRepositories {
  readonly users: UserRepository;
  readonly invitations: InvitationRepository;
  readonly sessions: SessionRepository;
  readonly tokens: PersonalAccessTokenRepository;
  readonly connections: ConnectionRepository;
  readonly permissions: PermissionRepository;
  readonly publications: PublicationRepository;
  readonly queryLog: QueryLogRepository;
  readonly auditLog: AuditLogRepository;
  readonly settings: SettingRepository;
  readonly secretKeys: SecretKeyRepository;
}

/** What a transaction body gets: the repositories bound to the transaction. */
export interface TransactionScope extends StoreRepositories {
  /** Announces a change once the transaction commits (dropped if it rolls back). */
  publishChange(event: ChangeEvent): void;
}

export type StoreKind = 'sqlite' | 'postgres';

export interface Store extends StoreRepositories {
  readonly kind: StoreKind;
  /**
   * Runs `body` atomically: every write through the scope commits together or not at all.
   * The body must use the scope, never the store itself (on SQLite that would wait for the
   * transaction to end).
   */
  transaction<T>(body: (scope: TransactionScope) => Promise<T>): Promise<T>;
  /** Tells this node's listeners and, on PostgreSQL, every other node's. */
  publishChange(event: ChangeEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void;
  /** Versions of the migrations applied, ascending. */
  appliedMigrations(): Promise<number[]>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The rows of the control-plane store, as the repositories read and write them. Times are
 * milliseconds since the Unix epoch (UTC); ids are random UUIDs. Secrets never appear in a
 * record in plain text: passwords are argon2id hashes, tokens and session ids SHA-256
 * digests (hex), connection credentials AES-256-GCM ciphertexts (see secret-box.ts).
 */

export type Role = 'administrator' | 'connectionAdministrator' | 'queryUser';
export const roles: readonly Role[] = ['administrator', 'connectionAdministrator', 'queryUser'];

/** invited: has an open invitation and no password yet. */
export type UserStatus = 'invited' | 'active' | 'disabled';

export interface UserRecord {
  readonly id: string;
  /** As entered (trimmed); uniqueness and look-up are case-insensitive. */
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly status: UserStatus;
  /** argon2id PHC string; null until the invitation is accepted. */
  readonly passwordHash: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly lastSignInAt: number | null;
}

export interface InvitationRecord {
  readonly id: string;
  readonly userId: string;
  readonly tokenDigest: string;
  readonly invitedBy: string | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** Set when accepted or withdrawn; a consumed invitation never works again. */
  readonly consumedAt: number | null;
}

export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly tokenDigest: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  /** Absolute expiry, fixed at creation. */
  readonly expiresAt: number;
  readonly revokedAt: number | null;
  readonly sourceAddress: string | null;
  readonly userAgent: string | null;
}

export interface PersonalAccessTokenRecord {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly tokenDigest: string;
  /** The first characters of the token after its prefix, to recognise it in a list. */
  readonly hint: string;
  readonly createdAt: number;
  /** null: never expires (when the policy allows it). */
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
  readonly lastUsedAddress: string | null;
  readonly revokedAt: number | null;
}

export interface ConnectionTestStep {
  readonly name: string;
  readonly ok: boolean;
  readonly message?: string;
  readonly durationMs?: number;
}

export interface ConnectionTestResult {
  readonly at: number;
  readonly ok: boolean;
  readonly steps: readonly ConnectionTestStep[];
}

export type PlainSettingValue = string | number | boolean;

export interface ConnectionRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly description: string;
  /** Settings that are not secret, already validated. */
  readonly settings: Readonly<Record<string, PlainSettingValue>>;
  /** Secret and file settings: setting name → ciphertext (`v1:<keyId>:...`). */
  readonly secrets: Readonly<Record<string, string>>;
  readonly createdAt: number;
  readonly createdBy: string | null;
  readonly updatedAt: number;
  readonly lastTest: ConnectionTestResult | null;
}

export type Permission = 'select' | 'insert' | 'update' | 'delete' | 'execute';
export const permissions: readonly Permission[] = [
  'select',
  'insert',
  'update',
  'delete',
  'execute',
];

export interface PermissionGrant {
  readonly userId: string;
  readonly connectionId: string;
  readonly permission: Permission;
  readonly grantedAt: number;
  readonly grantedBy: string | null;
}

export interface PublicationRecord {
  readonly id: string;
  readonly connectionId: string;
  /** The source's table id (Kintone app id, subtable path, SQL table). */
  readonly tableName: string;
  /** Entity-set name: a valid OData identifier, unique service-wide case-insensitively. */
  readonly entitySet: string;
  /** Source column name → published property name. */
  readonly propertyAliases: Readonly<Record<string, string>>;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface QueryLogEntryInput {
  readonly at: number;
  readonly userId: string | null;
  readonly userEmail: string | null;
  readonly tokenName: string | null;
  readonly method: string;
  readonly url: string;
  readonly entitySet: string | null;
  readonly connectionId: string | null;
  readonly status: number;
  /** Rows returned (reads) or affected (writes). */
  readonly rowCount: number | null;
  readonly durationMs: number;
  readonly sourceCalls: number;
  readonly sourceQuery: string | null;
  readonly requestId: string | null;
}

export interface QueryLogEntry extends QueryLogEntryInput {
  /** Increasing; also the paging cursor. */
  readonly id: number;
}

export interface QueryLogFilter {
  readonly userId?: string;
  readonly entitySet?: string;
  readonly status?: number;
  /** Only entries with status >= 400. */
  readonly failedOnly?: boolean;
  /** Inclusive lower bound, ms. */
  readonly from?: number;
  /** Exclusive upper bound, ms. */
  readonly to?: number;
  /** Return entries with id < before (the previous page's cursor). */
  readonly before?: number;
  readonly limit: number;
}

export type AuditOutcome = 'success' | 'failure';

export interface AuditEntryInput {
  readonly at: number;
  readonly actorUserId: string | null;
  readonly actorEmail: string | null;
  /** Dotted verb, e.g. `user.invited`, `signIn.failed`, `secretKey.rotated`. */
  readonly action: string;
  readonly targetKind: string | null;
  readonly targetId: string | null;
  /** A readable name of the target (e-mail, connection name ...), never a secret. */
  readonly targetLabel: string | null;
  readonly sourceAddress: string | null;
  readonly outcome: AuditOutcome;
  /** Extra non-secret facts. */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface AuditEntry extends AuditEntryInput {
  readonly id: number;
}

export interface AuditFilter {
  readonly actorUserId?: string;
  readonly action?: string;
  readonly targetKind?: string;
  readonly targetId?: string;
  readonly from?: number;
  readonly to?: number;
  readonly before?: number;
  readonly limit: number;
}

export interface SecretKeyRecord {
  /** Fingerprint of the key (not secret): see secret-box.ts. */
  readonly keyId: string;
  readonly createdAt: number;
  /** Set when a rotation replaced this key. Exactly one key has retiredAt null. */
  readonly retiredAt: number | null;
  /** A ciphertext of a fixed text under this key, to check a key at start-up. */
  readonly verifier: string;
}

export interface SettingRecord {
  readonly name: string;
  /** JSON text. */
  readonly value: string;
  readonly updatedAt: number;
  readonly updatedBy: string | null;
}

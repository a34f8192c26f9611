/**
 * The shapes the admin API (`/api/admin/v1`) answers with, as the console reads them.
 * They follow the control-plane views (src/control-plane/*); fields that only some
 * versions of the API send are optional.
 */
export type Role = 'administrator' | 'connectionAdministrator' | 'queryUser';
export type UserStatus = 'invited' | 'active' | 'disabled';
export type Permission = 'select' | 'insert' | 'update' | 'delete';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly status: UserStatus;
  readonly createdAt: string;
  readonly lastSignInAt: string | null;
}

export interface SessionInfo {
  readonly user: User;
  readonly csrfToken: string;
}

export interface Invitation {
  readonly email: string;
  readonly displayName: string;
  readonly expiresAt: string;
}

export interface InvitationIssued {
  readonly user: User;
  readonly invitationUrl: string;
  readonly expiresAt: string;
}

export interface Token {
  readonly id: string;
  readonly name: string;
  readonly hint?: string;
  readonly prefix?: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  readonly state?: 'active' | 'expired' | 'revoked';
}

export interface TokenCreated {
  readonly token: string;
  readonly details: Token;
}

export type SettingType = 'string' | 'url' | 'integer' | 'boolean' | 'secret' | 'file' | 'choice';

export interface SettingDescriptor {
  readonly name: string;
  readonly label: string;
  readonly type: SettingType;
  readonly required: boolean;
  readonly help?: string;
  readonly placeholder?: string;
  readonly defaultValue?: string | number | boolean;
  readonly choices?: readonly { readonly value: string; readonly label: string }[];
  readonly showWhen?: { readonly setting: string; readonly values: readonly string[] };
  readonly minimum?: number;
  readonly maximum?: number;
}

export interface ConnectorKind {
  readonly kind: string;
  readonly displayName: string;
  readonly description: string;
  readonly settings: readonly SettingDescriptor[];
}

export interface TestStep {
  readonly name: string;
  readonly ok: boolean;
  readonly message?: string;
  readonly durationMs?: number;
}

export interface TestResult {
  readonly ok: boolean;
  readonly steps: readonly TestStep[];
}

export type SettingValue = string | number | boolean;

export interface Connection {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly kindDisplayName?: string;
  readonly description: string;
  readonly settings: Readonly<Record<string, SettingValue>>;
  readonly secrets: Readonly<Record<string, { readonly hasValue: boolean }>>;
  readonly lastTest: (TestResult & { readonly at: string }) | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SourceTable {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly description?: string;
  readonly parentId?: string;
  readonly published: { readonly id: string; readonly entitySet: string } | null;
}

export interface ConnectionGrant {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly permissions: readonly Permission[];
}

export interface Publication {
  readonly id: string;
  readonly connectionId: string;
  readonly connectionName?: string;
  /** The source table's id (`tableName` in the control plane's view). */
  readonly tableName?: string;
  readonly tableId?: string;
  readonly tableLabel?: string;
  readonly entitySet: string;
  readonly propertyAliases: Readonly<Record<string, string>>;
  readonly createdAt: string;
}

export interface ServiceInfo {
  readonly serviceUrl: string;
  readonly metadataUrl: string;
  readonly odataVersion?: readonly string[];
  readonly maxPageSize?: number;
}

export interface QueryLogEntry {
  readonly id: string;
  readonly at: string;
  readonly userId: string | null;
  readonly userEmail: string | null;
  readonly tokenName: string | null;
  readonly method: string;
  readonly url: string;
  readonly entitySet: string | null;
  readonly connectionId?: string | null;
  readonly status: number;
  readonly rowCount: number | null;
  readonly durationMs: number;
  readonly sourceCalls: number;
  readonly sourceQuery: string | null;
  readonly requestId?: string | null;
}

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actorUserId: string | null;
  readonly actorEmail: string | null;
  readonly action: string;
  readonly targetKind: string | null;
  readonly targetId: string | null;
  readonly targetLabel?: string | null;
  readonly outcome: 'success' | 'failure';
  readonly sourceAddress: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface LogPage<Entry> {
  readonly entries: readonly Entry[];
  readonly nextCursor: string | null;
}

export interface Settings {
  readonly tokenMaximumLifetimeDays: 30 | 60 | 90 | 365 | null;
  readonly queryLogRetentionDays: number;
  readonly maximumPageSize: number;
  readonly sessionIdleTimeoutMinutes?: number;
  readonly sessionAbsoluteLifetimeHours?: number;
  readonly invitationLifetimeDays?: number;
}

export const roleLabels: Readonly<Record<Role, string>> = {
  administrator: 'Administrator',
  connectionAdministrator: 'Connection administrator',
  queryUser: 'Query user',
};

export const roleDescriptions: Readonly<Record<Role, string>> = {
  administrator: 'Everything: users, settings, connections, logs.',
  connectionAdministrator: 'Connections, their permissions and published tables.',
  queryUser: 'Reads and writes the feeds granted to them; their own tokens.',
};

export const permissionLabels: Readonly<Record<Permission, string>> = {
  select: 'Select',
  insert: 'Insert',
  update: 'Update',
  delete: 'Delete',
};

export const allPermissions: readonly Permission[] = ['select', 'insert', 'update', 'delete'];

/** What a role may do in the console (mirrors src/control-plane/authorization.ts). */
export function canManageUsers(role: Role): boolean {
  return role === 'administrator';
}

export function canManageConnections(role: Role): boolean {
  return role === 'administrator' || role === 'connectionAdministrator';
}

/**
 * The control plane: every service over one store, composed once at start-up. The admin
 * HTTP API, the CLI and the OData server call these services and add no rule of their
 * own. `openControlPlane` checks the secret key against the store (TSG504 when it cannot
 * decrypt it) before anything else runs.
 */
import type { Store } from '../store/store.js';
import { AuditLogService } from './audit-log-service.js';
import type { AttemptLimiterFactory } from './attempt-limiter.js';
import { AuditRecorder } from './audit-recorder.js';
import { systemClock, type Clock } from './clock.js';
import { ConnectionService } from './connection-service.js';
import type { ConnectorRegistry } from './connector-registry.js';
import { PasswordHasher, type PasswordHashingParameters } from './password-hasher.js';
import { PermissionService } from './permission-service.js';
import {
  PersonalAccessTokenService,
  type TokenAuthenticationLimits,
} from './personal-access-token-service.js';
import { PublicationService } from './publication-service.js';
import { QueryLogService, type QueryLogBatching } from './query-log-service.js';
import type { SecretKey } from './secret-box.js';
import { SecretVault } from './secret-vault.js';
import { SessionService } from './session-service.js';
import { SettingsService } from './settings-service.js';
import { UserService, type SignInLimits } from './user-service.js';

export interface ControlPlaneOptions {
  readonly store: Store;
  /** The master key (first: the one to record in a new store), plus older ones if any. */
  readonly secretKeys: SecretKey | readonly SecretKey[];
  readonly connectors: ConnectorRegistry;
  readonly clock?: Clock;
  /** argon2id cost; tests pass cheap parameters. */
  readonly passwordHashing?: PasswordHashingParameters;
  readonly signInLimits?: SignInLimits;
  readonly tokenAuthenticationLimits?: TokenAuthenticationLimits;
  readonly tokenLastUsedUpdateIntervalMs?: number;
  readonly queryLogBatching?: QueryLogBatching;
  /** Shared failure counts for sign-in and token throttling (Redis on a fleet); memory by default. */
  readonly attemptLimiters?: AttemptLimiterFactory;
}

export interface ControlPlane {
  readonly store: Store;
  readonly clock: Clock;
  /** The connector kinds offered (for the console's connection forms). */
  readonly connectors: ConnectorRegistry;
  readonly settings: SettingsService;
  readonly users: UserService;
  readonly sessions: SessionService;
  readonly tokens: PersonalAccessTokenService;
  readonly connections: ConnectionService;
  readonly permissions: PermissionService;
  readonly publications: PublicationService;
  readonly queryLog: QueryLogService;
  readonly auditLog: AuditLogService;
  readonly secrets: SecretVault;
  /** Flushes the query log; the store is the caller's to close. */
  close(): Promise<void>;
}

export async function openControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const store = options.store;
  const clock = options.clock ?? systemClock;
  const audit = new AuditRecorder(clock);
  const keys = Array.isArray(options.secretKeys)
    ? (options.secretKeys as readonly SecretKey[])
    : [options.secretKeys as SecretKey];
  const secrets = await SecretVault.open(store, keys, clock, audit);
  const unsubscribe = store.onChange((event) => {
    if (event.kind === 'secretKey' || event.kind === 'all') {
      secrets.refresh().catch((error: unknown) => {
        console.error('Re-reading the current secret key failed', error);
      });
    }
  });
  const settings = new SettingsService(store, clock, audit);
  const hasher = new PasswordHasher(options.passwordHashing);
  const permissions = new PermissionService(store, clock, audit);
  const queryLog = new QueryLogService(store, clock, settings, options.queryLogBatching);
  return {
    store,
    clock,
    connectors: options.connectors,
    settings,
    users: new UserService({
      store,
      clock,
      audit,
      hasher,
      settings,
      ...(options.signInLimits === undefined ? {} : { signInLimits: options.signInLimits }),
      ...(options.attemptLimiters === undefined
        ? {}
        : { attemptLimiters: options.attemptLimiters }),
    }),
    sessions: new SessionService(store, clock, audit, settings),
    tokens: new PersonalAccessTokenService({
      store,
      clock,
      audit,
      settings,
      ...(options.tokenAuthenticationLimits === undefined
        ? {}
        : { limits: options.tokenAuthenticationLimits }),
      ...(options.tokenLastUsedUpdateIntervalMs === undefined
        ? {}
        : { lastUsedUpdateIntervalMs: options.tokenLastUsedUpdateIntervalMs }),
      ...(options.attemptLimiters === undefined
        ? {}
        : { attemptLimiters: options.attemptLimiters }),
    }),
    connections: new ConnectionService({
      store,
      clock,
      audit,
      vault: secrets,
      connectors: options.connectors,
      permissions,
    }),
    permissions,
    publications: new PublicationService(store, clock, audit, permissions),
    queryLog,
    auditLog: new AuditLogService(store),
    secrets,
    async close() {
      unsubscribe();
      await queryLog.close();
    },
  };
}

/**
 * What the SQLite and PostgreSQL stores share: the repositories over the store's own
 * runner as its fields, the marker that a transaction body is running (so that a runner
 * can refuse a statement the body should have sent through its scope), the change hub,
 * and the transaction scope that collects the changes announced until commit.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ChangeHub, type ChangeEvent, type ChangeListener } from '../change-event.js';
import type {
  AuditLogRepository,
  ConnectionRepository,
  InvitationRepository,
  PermissionRepository,
  PersonalAccessTokenRepository,
  PublicationRepository,
  QueryLogRepository,
  SecretKeyRepository,
  SessionRepository,
  SettingRepository,
  StoreRepositories,
  TransactionScope,
  UserRepository,
} from '../store.js';
import { createSqlRepositories } from './sql-repositories.js';
import type { SqlRunner } from './sql-runner.js';

export const transactionMisuseMessage =
  'A transaction body used the store instead of its transaction scope; use the scope it was given.';

export abstract class SqlStoreBase implements StoreRepositories {
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

  /** Holds `true` while a transaction body runs. */
  protected readonly transactionContext = new AsyncLocalStorage<true>();
  protected readonly hub = new ChangeHub();

  /** `storeRunner` makes the runner of statements sent to the store outside transactions. */
  protected constructor(storeRunner: (transactionContext: AsyncLocalStorage<true>) => SqlRunner) {
    const repositories = createSqlRepositories(storeRunner(this.transactionContext));
    this.users = repositories.users;
    this.invitations = repositories.invitations;
    this.sessions = repositories.sessions;
    this.tokens = repositories.tokens;
    this.connections = repositories.connections;
    this.permissions = repositories.permissions;
    this.publications = repositories.publications;
    this.queryLog = repositories.queryLog;
    this.auditLog = repositories.auditLog;
    this.settings = repositories.settings;
    this.secretKeys = repositories.secretKeys;
  }

  onChange(listener: ChangeListener): () => void {
    return this.hub.subscribe(listener);
  }

  /** The scope a transaction body gets; its announced changes wait in `changes` for commit. */
  protected transactionScope(repositories: StoreRepositories): {
    readonly scope: TransactionScope;
    readonly changes: ChangeEvent[];
  } {
    const changes: ChangeEvent[] = [];
    const scope: TransactionScope = {
      ...repositories,
      publishChange: (event) => {
        changes.push(event);
      },
    };
    return { scope, changes };
  }
}

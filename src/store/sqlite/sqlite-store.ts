/**
 * The embedded store: one SQLite file in the data directory (WAL mode, foreign keys on),
 * zero setup. better-sqlite3 is synchronous, so statements run at once; a transaction
 * holds an async lock while its body awaits, and statements issued outside it meanwhile
 * wait for the lock (AsyncMutex) instead of joining it. Prepared statements are cached
 * per SQL text. Migrations run in one IMMEDIATE transaction, which also serialises two
 * processes opening the same file.
 */
import type { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { ChangeEvent } from '../change-event.js';
import { migrationsTableName, pendingMigrations } from '../migrations/migrations.js';
import { readNumber } from '../sql/row-reader.js';
import { createSqlRepositories } from '../sql/sql-repositories.js';
import type { SqlDialect, SqlRow, SqlRunner, SqlValue } from '../sql/sql-runner.js';
import { SqlStoreBase, transactionMisuseMessage } from '../sql/sql-store-base.js';
import type { Store, StoreRepositories, TransactionScope } from '../store.js';
import { translateStoreError } from '../store-error.js';
import { AsyncMutex } from './async-mutex.js';

export interface SqliteStoreOptions {
  /** Path of the database file (created if missing). */
  readonly file: string;
}

const dialect: SqlDialect = { name: 'sqlite', lockRowsSuffix: '' };

type BindValue = string | number | null;

function bind(parameters: readonly SqlValue[]): BindValue[] {
  return parameters.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
}

class SqliteRunner implements SqlRunner {
  readonly dialect = dialect;

  constructor(
    private readonly database: Database.Database,
    private readonly statements: Map<string, Database.Statement>,
    private readonly description: string,
    /** Outside a transaction: wait while a transaction holds the lock. */
    private readonly mutex: AsyncMutex | undefined,
    private readonly transactionContext: AsyncLocalStorage<true>,
  ) {}

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private async execute<T>(work: () => T): Promise<T> {
    const mutex = this.mutex;
    if (mutex?.locked === true && this.transactionContext.getStore() === true) {
      // Waiting would deadlock: the transaction waits for this statement.
      throw new Error(transactionMisuseMessage);
    }
    const release = mutex !== undefined && mutex.locked ? await mutex.acquire() : undefined;
    try {
      return work();
    } catch (error) {
      throw translateStoreError(error, this.description);
    } finally {
      release?.();
    }
  }

  all(sql: string, parameters: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return this.execute(() => this.prepare(sql).all(...bind(parameters)) as SqlRow[]);
  }

  first(sql: string, parameters: readonly SqlValue[] = []): Promise<SqlRow | undefined> {
    return this.execute(() => this.prepare(sql).get(...bind(parameters)) as SqlRow | undefined);
  }

  run(sql: string, parameters: readonly SqlValue[] = []): Promise<number> {
    return this.execute(() => this.prepare(sql).run(...bind(parameters)).changes);
  }

  insertMany(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void> {
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    return this.execute(() => {
      const statement = this.prepare(sql);
      // Nested inside an open transaction, better-sqlite3 uses a savepoint.
      this.database.transaction(() => {
        for (const row of rows) statement.run(...bind(row));
      })();
    });
  }
}

export class SqliteStore extends SqlStoreBase implements Store {
  readonly kind = 'sqlite' as const;

  private readonly mutex: AsyncMutex;
  private readonly transactionRepositories: StoreRepositories;
  private closed = false;

  constructor(
    private readonly database: Database.Database,
    private readonly description: string,
  ) {
    const statements = new Map<string, Database.Statement>();
    const mutex = new AsyncMutex();
    super(
      (transactionContext) =>
        new SqliteRunner(database, statements, description, mutex, transactionContext),
    );
    this.mutex = mutex;
    this.transactionRepositories = createSqlRepositories(
      new SqliteRunner(database, statements, description, undefined, this.transactionContext),
    );
  }

  async transaction<T>(body: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const release = await this.mutex.acquire();
    const { scope, changes } = this.transactionScope(this.transactionRepositories);
    let result: T;
    try {
      try {
        this.database.exec('BEGIN IMMEDIATE');
      } catch (error) {
        throw translateStoreError(error, this.description);
      }
      try {
        result = await this.transactionContext.run(true, () => body(scope));
        this.database.exec('COMMIT');
      } catch (error) {
        if (this.database.inTransaction) this.database.exec('ROLLBACK');
        throw error;
      }
    } finally {
      release();
    }
    for (const event of changes) this.hub.emit(event);
    return result;
  }

  publishChange(event: ChangeEvent): Promise<void> {
    this.hub.emit(event);
    return Promise.resolve();
  }

  appliedMigrations(): Promise<number[]> {
    const rows = this.database
      .prepare(`SELECT version FROM ${migrationsTableName} ORDER BY version`)
      .all() as SqlRow[];
    return Promise.resolve(rows.map((row) => readNumber(row, 'version')));
  }

  async ping(): Promise<void> {
    await this.users.count();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const release = await this.mutex.acquire();
    try {
      this.database.close();
    } finally {
      release();
    }
  }
}

function migrate(database: Database.Database, now: number): void {
  database.exec(
    `CREATE TABLE IF NOT EXISTS ${migrationsTableName} (
       version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`,
  );
  database.exec('BEGIN IMMEDIATE');
  try {
    const applied = (
      database.prepare(`SELECT version FROM ${migrationsTableName}`).all() as SqlRow[]
    ).map((row) => readNumber(row, 'version'));
    const record = database.prepare(
      `INSERT INTO ${migrationsTableName} (version, name, applied_at) VALUES (?, ?, ?)`,
    );
    for (const migration of pendingMigrations(applied)) {
      database.exec(migration.sqlite);
      record.run(migration.version, migration.name, now);
    }
    database.exec('COMMIT');
  } catch (error) {
    if (database.inTransaction) database.exec('ROLLBACK');
    throw error;
  }
}

/** Opens (creating if needed) the SQLite store and applies pending migrations. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  await Promise.resolve(); // Async like the PostgreSQL store; opening SQLite itself is synchronous.
  const description = `SQLite file ${options.file}`;
  const isNew = options.file !== ':memory:' && !existsSync(options.file);
  let database: Database.Database;
  try {
    database = new Database(options.file);
  } catch (error) {
    throw translateStoreError(error, description);
  }
  try {
    if (isNew) chmodSync(options.file, 0o600);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    migrate(database, Date.now());
  } catch (error) {
    database.close();
    const translated = translateStoreError(error, description);
    if (translated instanceof TsunagiError) throw translated;
    throw new TsunagiError('TSG508', `Migrating the ${description} failed.`, { cause: error });
  }
  return new SqliteStore(database, description);
}

/**
 * The store for several gateway nodes: PostgreSQL through a `pg` pool, parameterised
 * queries only (named prepared statements, so that hot queries are parsed once per
 * connection). The store lives in one schema (default `public`; tests use a random one).
 *
 * Start-up takes a session advisory lock (per schema) before it creates the schema and
 * applies pending migrations, so that nodes starting together migrate once.
 *
 * Change events are published with pg_notify on a channel derived from the schema name,
 * inside the writing transaction (delivered on commit), and a dedicated LISTEN
 * connection hands other nodes' events to this node's listeners (see change-event.ts).
 */
import type { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { TsunagiError, isTsunagiError } from '../../errors/tsunagi-error.js';
import { isChangeKind, type ChangeEvent } from '../change-event.js';
import { migrationsTableName, pendingMigrations } from '../migrations/migrations.js';
import { readNumber } from '../sql/row-reader.js';
import { createSqlRepositories } from '../sql/sql-repositories.js';
import type { SqlDialect, SqlRow, SqlRunner, SqlValue } from '../sql/sql-runner.js';
import { SqlStoreBase, transactionMisuseMessage } from '../sql/sql-store-base.js';
import type { Store, TransactionScope } from '../store.js';
import { translateStoreError } from '../store-error.js';

export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database` (a password in it is never logged). */
  readonly url: string;
  /** Schema holding the tables; created if missing. Default `public`. */
  readonly schema?: string;
  readonly poolSize?: number;
  /** Receive other nodes' change events (default true). */
  readonly listen?: boolean;
}

const dialect: SqlDialect = { name: 'postgres', lockRowsSuffix: ' FOR UPDATE' };

const int8TypeId = 20;

/** bigint columns (times in ms, counts) arrive as JS numbers: all stay below 2^53. */
const int8AsNumber = new pg.TypeOverrides();
int8AsNumber.setTypeParser(int8TypeId, (value: string) => Number(value));

/** Identifier quoting for the schema name (the only identifier that comes from outside). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The URL without its password, for messages. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return `PostgreSQL ${parsed.host}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL (unparsable URL)';
  }
}

const placeholderCache = new Map<string, { text: string; name: string }>();

/** `?` placeholders → `$1, $2 ...`, and a stable prepared-statement name. */
function toPostgresQuery(sql: string): { text: string; name: string } {
  let cached = placeholderCache.get(sql);
  if (cached === undefined) {
    let index = 0;
    const text = sql.replace(/\?/g, () => `$${++index}`);
    const name = `tsg_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    cached = { text, name };
    placeholderCache.set(sql, cached);
  }
  return cached;
}

interface Queryable {
  query(config: pg.QueryConfig<SqlValue[]>): Promise<pg.QueryResult<SqlRow>>;
}

class PostgresRunner implements SqlRunner {
  readonly dialect = dialect;

  constructor(
    private readonly client: Queryable,
    private readonly description: string,
    /** Set on the pool's runner: refuses statements issued from inside a transaction body. */
    private readonly transactionContext?: AsyncLocalStorage<true>,
  ) {}

  private assertNotInsideTransaction(): void {
    if (this.transactionContext?.getStore() === true) {
      // Such a statement would run outside the transaction, breaking its atomicity.
      throw new Error(transactionMisuseMessage);
    }
  }

  private async query(
    sql: string,
    parameters: readonly SqlValue[],
  ): Promise<pg.QueryResult<SqlRow>> {
    this.assertNotInsideTransaction();
    const { text, name } = toPostgresQuery(sql);
    try {
      return await this.client.query({ name, text, values: [...parameters] });
    } catch (error) {
      throw translateStoreError(error, this.description);
    }
  }

  async all(sql: string, parameters: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return (await this.query(sql, parameters)).rows;
  }

  async first(sql: string, parameters: readonly SqlValue[] = []): Promise<SqlRow | undefined> {
    return (await this.query(sql, parameters)).rows[0];
  }

  async run(sql: string, parameters: readonly SqlValue[] = []): Promise<number> {
    return (await this.query(sql, parameters)).rowCount ?? 0;
  }

  async insertMany(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void> {
    this.assertNotInsideTransaction();
    // PostgreSQL accepts at most 65535 parameters per statement.
    const rowsPerStatement = Math.max(1, Math.floor(60_000 / columns.length));
    for (let start = 0; start < rows.length; start += rowsPerStatement) {
      const chunk = rows.slice(start, start + rowsPerStatement);
      const values: SqlValue[] = [];
      const tuples = chunk.map((row) => {
        const placeholders = row.map((value) => {
          values.push(value);
          return `$${values.length}`;
        });
        return `(${placeholders.join(', ')})`;
      });
      try {
        await this.client.query({
          text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
          values,
        });
      } catch (error) {
        throw translateStoreError(error, this.description);
      }
    }
  }
}

export class PostgresStore extends SqlStoreBase implements Store {
  readonly kind = 'postgres' as const;
  /** Identifies this store instance in change events. */
  readonly nodeId = randomUUID();

  private listener: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly clientConfig: pg.ClientConfig,
    private readonly description: string,
    readonly channel: string,
  ) {
    super((transactionContext) => new PostgresRunner(pool, description, transactionContext));
  }

  async transaction<T>(body: (scope: TransactionScope) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translateStoreError(error, this.description);
    }
    const runner = new PostgresRunner(client, this.description);
    const { scope, changes } = this.transactionScope(createSqlRepositories(runner));
    let result: T;
    let broken = false;
    try {
      await runner.run('BEGIN');
      try {
        result = await this.transactionContext.run(true, () => body(scope));
        for (const event of changes) {
          await runner.run('SELECT pg_notify(?, ?)', [this.channel, this.payload(event)]);
        }
        await runner.run('COMMIT');
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      }
    } finally {
      client.release(broken);
    }
    for (const event of changes) this.hub.emit(event);
    return result;
  }

  private payload(event: ChangeEvent): string {
    return JSON.stringify({ origin: this.nodeId, kind: event.kind, id: event.id });
  }

  async publishChange(event: ChangeEvent): Promise<void> {
    this.hub.emit(event);
    try {
      await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, this.payload(event)]);
    } catch (error) {
      throw translateStoreError(error, this.description);
    }
  }

  /** Opens the LISTEN connection; resolves once it listens. */
  async startListening(): Promise<void> {
    const client = new pg.Client(this.clientConfig);
    const lost = (): void => {
      this.connectionLost(client);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel !== this.channel || message.payload === undefined) return;
      this.handleNotification(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(this.channel)}`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw translateStoreError(error, this.description);
    }
    this.listener = client;
  }

  private handleNotification(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null) return;
    const { origin, kind, id } = parsed as Record<string, unknown>;
    if (origin === this.nodeId || !isChangeKind(kind) || typeof id !== 'string') return;
    this.hub.emit({ kind, id });
  }

  private connectionLost(client: pg.Client): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== undefined) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closed) return;
      this.startListening().then(
        // Events may have been missed while disconnected: every cache is dropped.
        () => {
          this.hub.emit({ kind: 'all', id: '*' });
        },
        () => {
          this.scheduleReconnect();
        },
      );
    }, 1000);
    this.reconnectTimer.unref();
  }

  async appliedMigrations(): Promise<number[]> {
    const result = await this.pool.query<SqlRow>(
      `SELECT version FROM ${migrationsTableName} ORDER BY version`,
    );
    return result.rows.map((row) => readNumber(row, 'version'));
  }

  async ping(): Promise<void> {
    try {
      await this.pool.query('SELECT 1');
    } catch (error) {
      throw translateStoreError(error, this.description);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    if (listener !== undefined) {
      listener.removeAllListeners();
      listener.on('error', () => undefined);
      await listener.end().catch(() => undefined);
    }
    await this.pool.end();
  }
}

async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`tsunagi-migrations:${schema}`]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${migrationsTableName} (
           version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
      );
      const applied = (
        await client.query<SqlRow>(`SELECT version FROM ${migrationsTableName}`)
      ).rows.map((row) => readNumber(row, 'version'));
      for (const migration of pendingMigrations(applied)) {
        await client.query('BEGIN');
        try {
          await client.query(migration.postgres);
          await client.query(
            `INSERT INTO ${migrationsTableName} (version, name, applied_at) VALUES ($1, $2, $3)`,
            [migration.version, migration.name, Date.now()],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [
        `tsunagi-migrations:${schema}`,
      ]);
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Connects, migrates under an advisory lock and starts listening for change events. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const schema = options.schema ?? 'public';
  const description = describePostgresUrl(options.url);
  const clientConfig: pg.ClientConfig = {
    connectionString: options.url,
    options: `-c search_path=${quoteIdentifier(schema)}`,
    application_name: 'tsunagi',
    connectionTimeoutMillis: 10_000,
    types: int8AsNumber,
  };
  const pool = new pg.Pool({ ...clientConfig, max: options.poolSize ?? 10 });
  pool.on('error', (error) => {
    console.error(`Idle connection to ${description} failed: ${error.message}`);
  });
  const channel = `tsunagi_changes_${createHash('sha1').update(schema).digest('hex').slice(0, 16)}`;
  const store = new PostgresStore(pool, clientConfig, description, channel);
  try {
    await migrate(pool, schema);
    if (options.listen !== false) await store.startListening();
  } catch (error) {
    await store.close().catch(() => undefined);
    const translated = translateStoreError(error, description);
    if (isTsunagiError(translated)) throw translated;
    throw new TsunagiError('TSG508', `Migrating the store in ${description} failed.`, {
      cause: error,
    });
  }
  return store;
}

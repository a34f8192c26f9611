/**
 * The small SQL surface that the shared repositories (sql-repositories.ts) are written
 * against, implemented once per database (SQLite, PostgreSQL). SQL text always uses `?`
 * placeholders and only fixed fragments; every value travels as a parameter.
 */

export type SqlValue = string | number | boolean | null;

export type SqlRow = Readonly<Record<string, unknown>>;

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Appended to a SELECT to lock its rows until the transaction ends ('' when the database locks whole files). */
  readonly lockRowsSuffix: string;
}

export interface SqlRunner {
  readonly dialect: SqlDialect;
  all(sql: string, parameters?: readonly SqlValue[]): Promise<SqlRow[]>;
  first(sql: string, parameters?: readonly SqlValue[]): Promise<SqlRow | undefined>;
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, parameters?: readonly SqlValue[]): Promise<number>;
  /** Inserts many rows into one table in one round trip (or one local transaction). */
  insertMany(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void>;
}

/**
 * One page of an append-only log table (audit log, query log), newest first: equality
 * filters, extra fixed conditions, the time window on `at` (from inclusive, to exclusive)
 * and the cursor on `id` (the previous page's last id).
 */
import type { SqlRow, SqlRunner, SqlValue } from './sql-runner.js';

export interface LogPageWindow {
  readonly from?: number;
  readonly to?: number;
  readonly before?: number;
  readonly limit: number;
}

export async function selectLogPage(
  sql: SqlRunner,
  query: {
    readonly table: string;
    readonly columns: string;
    /** `column = value` for each value that is given. */
    readonly equal: readonly (readonly [column: string, value: SqlValue | undefined])[];
    /** Conditions without parameters, after the equalities. */
    readonly conditions?: readonly string[];
  },
  window: LogPageWindow,
): Promise<SqlRow[]> {
  const conditions: string[] = [];
  const parameters: SqlValue[] = [];
  const add = (condition: string, value: SqlValue | undefined): void => {
    if (value === undefined) return;
    conditions.push(condition);
    parameters.push(value);
  };
  for (const [column, value] of query.equal) add(`${column} = ?`, value);
  conditions.push(...(query.conditions ?? []));
  add('at >= ?', window.from);
  add('at < ?', window.to);
  add('id < ?', window.before);
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  parameters.push(window.limit);
  return sql.all(
    `SELECT ${query.columns} FROM ${query.table} ${where} ORDER BY id DESC LIMIT ?`,
    parameters,
  );
}

/**
 * The query log on the shared SQL surface. Appends are batched (one multi-row insert on
 * PostgreSQL, one transaction of prepared inserts on SQLite) because the OData server
 * writes an entry per request.
 */
import type { QueryLogEntry, QueryLogEntryInput, QueryLogFilter } from '../records.js';
import type { QueryLogRepository } from '../store.js';
import { readNumber, readOptionalNumber, readOptionalText, readText } from './row-reader.js';
import { selectLogPage } from './select-log-page.js';
import type { SqlRow, SqlRunner, SqlValue } from './sql-runner.js';

const insertColumns = [
  'at',
  'user_id',
  'user_email',
  'token_name',
  'method',
  'url',
  'entity_set',
  'connection_id',
  'status',
  'row_count',
  'duration_ms',
  'source_calls',
  'source_query',
  'request_id',
] as const;

const selectColumns = `id, ${insertColumns.join(', ')}`;

function toEntry(row: SqlRow): QueryLogEntry {
  return {
    id: readNumber(row, 'id'),
    at: readNumber(row, 'at'),
    userId: readOptionalText(row, 'user_id'),
    userEmail: readOptionalText(row, 'user_email'),
    tokenName: readOptionalText(row, 'token_name'),
    method: readText(row, 'method'),
    url: readText(row, 'url'),
    entitySet: readOptionalText(row, 'entity_set'),
    connectionId: readOptionalText(row, 'connection_id'),
    status: readNumber(row, 'status'),
    rowCount: readOptionalNumber(row, 'row_count'),
    durationMs: readNumber(row, 'duration_ms'),
    sourceCalls: readNumber(row, 'source_calls'),
    sourceQuery: readOptionalText(row, 'source_query'),
    requestId: readOptionalText(row, 'request_id'),
  };
}

function toParameters(entry: QueryLogEntryInput): SqlValue[] {
  return [
    entry.at,
    entry.userId,
    entry.userEmail,
    entry.tokenName,
    entry.method,
    entry.url,
    entry.entitySet,
    entry.connectionId,
    entry.status,
    entry.rowCount,
    entry.durationMs,
    entry.sourceCalls,
    entry.sourceQuery,
    entry.requestId,
  ];
}

export class SqlQueryLogRepository implements QueryLogRepository {
  constructor(private readonly sql: SqlRunner) {}

  async append(entries: readonly QueryLogEntryInput[]): Promise<void> {
    if (entries.length === 0) return;
    await this.sql.insertMany('query_log', insertColumns, entries.map(toParameters));
  }

  async search(filter: QueryLogFilter): Promise<QueryLogEntry[]> {
    const rows = await selectLogPage(
      this.sql,
      {
        table: 'query_log',
        columns: selectColumns,
        equal: [
          ['user_id', filter.userId],
          ['entity_set', filter.entitySet],
          ['status', filter.status],
        ],
        conditions: filter.failedOnly === true ? ['status >= 400'] : [],
      },
      filter,
    );
    return rows.map(toEntry);
  }

  async prune(olderThan: number): Promise<number> {
    return this.sql.run('DELETE FROM query_log WHERE at < ?', [olderThan]);
  }
}

/** The audit log on the shared SQL surface (append-only). */
import type { AuditEntry, AuditEntryInput, AuditFilter, AuditOutcome } from '../records.js';
import type { AuditLogRepository } from '../store.js';
import { readJsonObject, readNumber, readOptionalText, readText } from './row-reader.js';
import type { SqlRow, SqlRunner, SqlValue } from './sql-runner.js';

const insertColumns =
  'at, actor_user_id, actor_email, action, target_kind, target_id, target_label, source_address, outcome, details';

function toEntry(row: SqlRow): AuditEntry {
  return {
    id: readNumber(row, 'id'),
    at: readNumber(row, 'at'),
    actorUserId: readOptionalText(row, 'actor_user_id'),
    actorEmail: readOptionalText(row, 'actor_email'),
    action: readText(row, 'action'),
    targetKind: readOptionalText(row, 'target_kind'),
    targetId: readOptionalText(row, 'target_id'),
    targetLabel: readOptionalText(row, 'target_label'),
    sourceAddress: readOptionalText(row, 'source_address'),
    outcome: readText(row, 'outcome') as AuditOutcome,
    details: readJsonObject(row, 'details'),
  };
}

export class SqlAuditLogRepository implements AuditLogRepository {
  constructor(private readonly sql: SqlRunner) {}

  async append(entry: AuditEntryInput): Promise<void> {
    await this.sql.run(
      `INSERT INTO audit_log (${insertColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        entry.at,
        entry.actorUserId,
        entry.actorEmail,
        entry.action,
        entry.targetKind,
        entry.targetId,
        entry.targetLabel,
        entry.sourceAddress,
        entry.outcome,
        JSON.stringify(entry.details),
      ],
    );
  }

  async search(filter: AuditFilter): Promise<AuditEntry[]> {
    const conditions: string[] = [];
    const parameters: SqlValue[] = [];
    const equal = (column: string, value: string | undefined): void => {
      if (value === undefined) return;
      conditions.push(`${column} = ?`);
      parameters.push(value);
    };
    equal('actor_user_id', filter.actorUserId);
    equal('action', filter.action);
    equal('target_kind', filter.targetKind);
    equal('target_id', filter.targetId);
    if (filter.from !== undefined) {
      conditions.push('at >= ?');
      parameters.push(filter.from);
    }
    if (filter.to !== undefined) {
      conditions.push('at < ?');
      parameters.push(filter.to);
    }
    if (filter.before !== undefined) {
      conditions.push('id < ?');
      parameters.push(filter.before);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    parameters.push(filter.limit);
    const rows = await this.sql.all(
      `SELECT id, ${insertColumns} FROM audit_log ${where} ORDER BY id DESC LIMIT ?`,
      parameters,
    );
    return rows.map(toEntry);
  }
}

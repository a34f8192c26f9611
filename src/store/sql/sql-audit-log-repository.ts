/** The audit log on the shared SQL surface (append-only). */
import type { AuditEntry, AuditEntryInput, AuditFilter, AuditOutcome } from '../records.js';
import type { AuditLogRepository } from '../store.js';
import { readJsonObject, readNumber, readOptionalText, readText } from './row-reader.js';
import { selectLogPage } from './select-log-page.js';
import type { SqlRow, SqlRunner } from './sql-runner.js';

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
    const rows = await selectLogPage(
      this.sql,
      {
        table: 'audit_log',
        columns: `id, ${insertColumns}`,
        equal: [
          ['actor_user_id', filter.actorUserId],
          ['action', filter.action],
          ['target_kind', filter.targetKind],
          ['target_id', filter.targetId],
        ],
      },
      filter,
    );
    return rows.map(toEntry);
  }
}

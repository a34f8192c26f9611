/** Console sessions on the shared SQL surface. */
import type { SessionRecord } from '../records.js';
import type { SessionRepository } from '../store.js';
import { readNumber, readOptionalNumber, readOptionalText, readText } from './row-reader.js';
import type { SqlRow, SqlRunner } from './sql-runner.js';

const columns =
  'id, user_id, token_digest, created_at, last_seen_at, expires_at, revoked_at, source_address, user_agent';

function toSession(row: SqlRow): SessionRecord {
  return {
    id: readText(row, 'id'),
    userId: readText(row, 'user_id'),
    tokenDigest: readText(row, 'token_digest'),
    createdAt: readNumber(row, 'created_at'),
    lastSeenAt: readNumber(row, 'last_seen_at'),
    expiresAt: readNumber(row, 'expires_at'),
    revokedAt: readOptionalNumber(row, 'revoked_at'),
    sourceAddress: readOptionalText(row, 'source_address'),
    userAgent: readOptionalText(row, 'user_agent'),
  };
}

export class SqlSessionRepository implements SessionRepository {
  constructor(private readonly sql: SqlRunner) {}

  async insert(session: SessionRecord): Promise<void> {
    await this.sql.run(`INSERT INTO sessions (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      session.id,
      session.userId,
      session.tokenDigest,
      session.createdAt,
      session.lastSeenAt,
      session.expiresAt,
      session.revokedAt,
      session.sourceAddress,
      session.userAgent,
    ]);
  }

  async findByDigest(tokenDigest: string): Promise<SessionRecord | undefined> {
    const row = await this.sql.first(`SELECT ${columns} FROM sessions WHERE token_digest = ?`, [
      tokenDigest,
    ]);
    return row === undefined ? undefined : toSession(row);
  }

  async findById(id: string): Promise<SessionRecord | undefined> {
    const row = await this.sql.first(`SELECT ${columns} FROM sessions WHERE id = ?`, [id]);
    return row === undefined ? undefined : toSession(row);
  }

  async listForUser(userId: string): Promise<SessionRecord[]> {
    const rows = await this.sql.all(
      `SELECT ${columns} FROM sessions WHERE user_id = ? ORDER BY created_at, id`,
      [userId],
    );
    return rows.map(toSession);
  }

  async touch(id: string, lastSeenAt: number): Promise<void> {
    await this.sql.run('UPDATE sessions SET last_seen_at = ? WHERE id = ?', [lastSeenAt, id]);
  }

  async revoke(id: string, at: number): Promise<boolean> {
    const changed = await this.sql.run(
      'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
      [at, id],
    );
    return changed > 0;
  }

  async revokeAllForUser(userId: string, at: number): Promise<number> {
    return this.sql.run(
      'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
      [at, userId],
    );
  }

  async deleteExpired(olderThan: number): Promise<number> {
    return this.sql.run('DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?', [
      olderThan,
      olderThan,
    ]);
  }
}

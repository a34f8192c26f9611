/** Invitations on the shared SQL surface. */
import type { InvitationRecord } from '../records.js';
import type { InvitationRepository } from '../store.js';
import { readNumber, readOptionalNumber, readOptionalText, readText } from './row-reader.js';
import type { SqlRow, SqlRunner } from './sql-runner.js';

const columns = 'id, user_id, token_digest, invited_by, created_at, expires_at, consumed_at';

function toInvitation(row: SqlRow): InvitationRecord {
  return {
    id: readText(row, 'id'),
    userId: readText(row, 'user_id'),
    tokenDigest: readText(row, 'token_digest'),
    invitedBy: readOptionalText(row, 'invited_by'),
    createdAt: readNumber(row, 'created_at'),
    expiresAt: readNumber(row, 'expires_at'),
    consumedAt: readOptionalNumber(row, 'consumed_at'),
  };
}

export class SqlInvitationRepository implements InvitationRepository {
  constructor(private readonly sql: SqlRunner) {}

  async insert(invitation: InvitationRecord): Promise<void> {
    await this.sql.run(`INSERT INTO invitations (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      invitation.id,
      invitation.userId,
      invitation.tokenDigest,
      invitation.invitedBy,
      invitation.createdAt,
      invitation.expiresAt,
      invitation.consumedAt,
    ]);
  }

  async findByDigest(tokenDigest: string): Promise<InvitationRecord | undefined> {
    const row = await this.sql.first(`SELECT ${columns} FROM invitations WHERE token_digest = ?`, [
      tokenDigest,
    ]);
    return row === undefined ? undefined : toInvitation(row);
  }

  async listOpenForUser(userId: string, now: number): Promise<InvitationRecord[]> {
    const rows = await this.sql.all(
      `SELECT ${columns} FROM invitations
       WHERE user_id = ? AND consumed_at IS NULL AND expires_at > ? ORDER BY created_at`,
      [userId, now],
    );
    return rows.map(toInvitation);
  }

  async consume(id: string, at: number): Promise<boolean> {
    const changed = await this.sql.run(
      'UPDATE invitations SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL',
      [at, id],
    );
    return changed > 0;
  }

  async consumeAllForUser(userId: string, at: number): Promise<number> {
    return this.sql.run(
      'UPDATE invitations SET consumed_at = ? WHERE user_id = ? AND consumed_at IS NULL',
      [at, userId],
    );
  }
}

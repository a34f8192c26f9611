/** Personal access tokens on the shared SQL surface (digests only, never tokens). */
import type { PersonalAccessTokenRecord } from '../records.js';
import type { PersonalAccessTokenRepository } from '../store.js';
import { readNumber, readOptionalNumber, readOptionalText, readText } from './row-reader.js';
import type { SqlRow, SqlRunner } from './sql-runner.js';

const columns =
  'id, user_id, name, token_digest, hint, created_at, expires_at, last_used_at, last_used_address, revoked_at';

function toToken(row: SqlRow): PersonalAccessTokenRecord {
  return {
    id: readText(row, 'id'),
    userId: readText(row, 'user_id'),
    name: readText(row, 'name'),
    tokenDigest: readText(row, 'token_digest'),
    hint: readText(row, 'hint'),
    createdAt: readNumber(row, 'created_at'),
    expiresAt: readOptionalNumber(row, 'expires_at'),
    lastUsedAt: readOptionalNumber(row, 'last_used_at'),
    lastUsedAddress: readOptionalText(row, 'last_used_address'),
    revokedAt: readOptionalNumber(row, 'revoked_at'),
  };
}

export class SqlPersonalAccessTokenRepository implements PersonalAccessTokenRepository {
  constructor(private readonly sql: SqlRunner) {}

  async insert(token: PersonalAccessTokenRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO personal_access_tokens (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        token.id,
        token.userId,
        token.name,
        token.tokenDigest,
        token.hint,
        token.createdAt,
        token.expiresAt,
        token.lastUsedAt,
        token.lastUsedAddress,
        token.revokedAt,
      ],
    );
  }

  async findByDigest(tokenDigest: string): Promise<PersonalAccessTokenRecord | undefined> {
    const row = await this.sql.first(
      `SELECT ${columns} FROM personal_access_tokens WHERE token_digest = ?`,
      [tokenDigest],
    );
    return row === undefined ? undefined : toToken(row);
  }

  async findById(id: string): Promise<PersonalAccessTokenRecord | undefined> {
    const row = await this.sql.first(`SELECT ${columns} FROM personal_access_tokens WHERE id = ?`, [
      id,
    ]);
    return row === undefined ? undefined : toToken(row);
  }

  async listForUser(userId: string): Promise<PersonalAccessTokenRecord[]> {
    const rows = await this.sql.all(
      `SELECT ${columns} FROM personal_access_tokens WHERE user_id = ? ORDER BY created_at, id`,
      [userId],
    );
    return rows.map(toToken);
  }

  async recordUse(id: string, at: number, address: string | null): Promise<void> {
    await this.sql.run(
      'UPDATE personal_access_tokens SET last_used_at = ?, last_used_address = ? WHERE id = ?',
      [at, address, id],
    );
  }

  async revoke(id: string, at: number): Promise<boolean> {
    const changed = await this.sql.run(
      'UPDATE personal_access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
      [at, id],
    );
    return changed > 0;
  }

  async revokeAllForUser(userId: string, at: number): Promise<number> {
    return this.sql.run(
      'UPDATE personal_access_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
      [at, userId],
    );
  }
}

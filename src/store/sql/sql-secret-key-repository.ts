/** Metadata of the secret keys (ids and verifiers, never the keys) on the shared SQL surface. */
import type { SecretKeyRecord } from '../records.js';
import type { SecretKeyRepository } from '../store.js';
import { readNumber, readOptionalNumber, readText } from './row-reader.js';
import type { SqlRow, SqlRunner } from './sql-runner.js';

function toKey(row: SqlRow): SecretKeyRecord {
  return {
    keyId: readText(row, 'key_id'),
    createdAt: readNumber(row, 'created_at'),
    retiredAt: readOptionalNumber(row, 'retired_at'),
    verifier: readText(row, 'verifier'),
  };
}

export class SqlSecretKeyRepository implements SecretKeyRepository {
  constructor(private readonly sql: SqlRunner) {}

  async list(): Promise<SecretKeyRecord[]> {
    const rows = await this.sql.all(
      'SELECT key_id, created_at, retired_at, verifier FROM secret_keys ORDER BY created_at, key_id',
    );
    return rows.map(toKey);
  }

  async current(): Promise<SecretKeyRecord | undefined> {
    const row = await this.sql.first(
      `SELECT key_id, created_at, retired_at, verifier FROM secret_keys
       WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1`,
    );
    return row === undefined ? undefined : toKey(row);
  }

  async insert(key: SecretKeyRecord): Promise<void> {
    await this.sql.run(
      'INSERT INTO secret_keys (key_id, created_at, retired_at, verifier) VALUES (?, ?, ?, ?)',
      [key.keyId, key.createdAt, key.retiredAt, key.verifier],
    );
  }

  async retire(keyId: string, at: number): Promise<boolean> {
    const changed = await this.sql.run(
      'UPDATE secret_keys SET retired_at = ? WHERE key_id = ? AND retired_at IS NULL',
      [at, keyId],
    );
    return changed > 0;
  }
}

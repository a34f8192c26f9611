/** Users on the shared SQL surface. */
import type { Role, UserRecord, UserStatus } from '../records.js';
import type { UserRepository } from '../store.js';
import { readNumber, readOptionalNumber, readOptionalText, readText } from './row-reader.js';
import type { SqlRow, SqlRunner } from './sql-runner.js';

const columns =
  'id, email, display_name, role, status, password_hash, created_at, updated_at, last_sign_in_at';

function toUser(row: SqlRow): UserRecord {
  return {
    id: readText(row, 'id'),
    email: readText(row, 'email'),
    displayName: readText(row, 'display_name'),
    role: readText(row, 'role') as Role,
    status: readText(row, 'status') as UserStatus,
    passwordHash: readOptionalText(row, 'password_hash'),
    createdAt: readNumber(row, 'created_at'),
    updatedAt: readNumber(row, 'updated_at'),
    lastSignInAt: readOptionalNumber(row, 'last_sign_in_at'),
  };
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export class SqlUserRepository implements UserRepository {
  constructor(private readonly sql: SqlRunner) {}

  async insert(user: UserRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO users (${columns}, email_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        user.id,
        user.email,
        user.displayName,
        user.role,
        user.status,
        user.passwordHash,
        user.createdAt,
        user.updatedAt,
        user.lastSignInAt,
        emailKey(user.email),
      ],
    );
  }

  async update(user: UserRecord): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE users SET email = ?, email_key = ?, display_name = ?, role = ?, status = ?,
         password_hash = ?, updated_at = ?, last_sign_in_at = ? WHERE id = ?`,
      [
        user.email,
        emailKey(user.email),
        user.displayName,
        user.role,
        user.status,
        user.passwordHash,
        user.updatedAt,
        user.lastSignInAt,
        user.id,
      ],
    );
    return changed > 0;
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.sql.first(`SELECT ${columns} FROM users WHERE id = ?`, [id]);
    return row === undefined ? undefined : toUser(row);
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.sql.first(`SELECT ${columns} FROM users WHERE email_key = ?`, [
      emailKey(email),
    ]);
    return row === undefined ? undefined : toUser(row);
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.sql.all(`SELECT ${columns} FROM users ORDER BY email_key`);
    return rows.map(toUser);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM users WHERE id = ?', [id])) > 0;
  }

  async listActiveAdministratorIds(options: { readonly lock?: boolean } = {}): Promise<string[]> {
    const suffix = options.lock === true ? this.sql.dialect.lockRowsSuffix : '';
    const rows = await this.sql.all(
      `SELECT id FROM users WHERE role = ? AND status = ? ORDER BY id${suffix}`,
      ['administrator', 'active'],
    );
    return rows.map((row) => readText(row, 'id'));
  }

  async count(): Promise<number> {
    const row = await this.sql.first('SELECT COUNT(*) AS n FROM users');
    return row === undefined ? 0 : readNumber(row, 'n');
  }
}

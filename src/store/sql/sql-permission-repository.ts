/** Per-user, per-connection permission grants on the shared SQL surface. */
import type { Permission, PermissionGrant } from '../records.js';
import type { PermissionRepository } from '../store.js';
import { readNumber, readOptionalText, readText } from './row-reader.js';
import type { SqlRow, SqlRunner } from './sql-runner.js';

const columns = 'user_id, connection_id, permission, granted_at, granted_by';

function toGrant(row: SqlRow): PermissionGrant {
  return {
    userId: readText(row, 'user_id'),
    connectionId: readText(row, 'connection_id'),
    permission: readText(row, 'permission') as Permission,
    grantedAt: readNumber(row, 'granted_at'),
    grantedBy: readOptionalText(row, 'granted_by'),
  };
}

export class SqlPermissionRepository implements PermissionRepository {
  constructor(private readonly sql: SqlRunner) {}

  async replace(
    userId: string,
    connectionId: string,
    permissions: readonly Permission[],
    at: number,
    grantedBy: string | null,
  ): Promise<void> {
    const wanted = [...new Set(permissions)];
    if (wanted.length === 0) {
      await this.sql.run(
        'DELETE FROM connection_permissions WHERE user_id = ? AND connection_id = ?',
        [userId, connectionId],
      );
      return;
    }
    const placeholders = wanted.map(() => '?').join(', ');
    await this.sql.run(
      `DELETE FROM connection_permissions
       WHERE user_id = ? AND connection_id = ? AND permission NOT IN (${placeholders})`,
      [userId, connectionId, ...wanted],
    );
    for (const permission of wanted) {
      await this.sql.run(
        `INSERT INTO connection_permissions (${columns}) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id, connection_id, permission) DO NOTHING`,
        [userId, connectionId, permission, at, grantedBy],
      );
    }
  }

  async listForUser(userId: string): Promise<PermissionGrant[]> {
    const rows = await this.sql.all(
      `SELECT ${columns} FROM connection_permissions WHERE user_id = ?
       ORDER BY connection_id, permission`,
      [userId],
    );
    return rows.map(toGrant);
  }

  async listForConnection(connectionId: string): Promise<PermissionGrant[]> {
    const rows = await this.sql.all(
      `SELECT ${columns} FROM connection_permissions WHERE connection_id = ?
       ORDER BY user_id, permission`,
      [connectionId],
    );
    return rows.map(toGrant);
  }
}

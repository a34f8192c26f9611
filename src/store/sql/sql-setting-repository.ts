/** Settings (name → JSON value) on the shared SQL surface. */
import type { SettingRecord } from '../records.js';
import type { SettingRepository } from '../store.js';
import { readNumber, readOptionalText, readText } from './row-reader.js';
import type { SqlRow, SqlRunner } from './sql-runner.js';

function toSetting(row: SqlRow): SettingRecord {
  return {
    name: readText(row, 'name'),
    value: readText(row, 'value'),
    updatedAt: readNumber(row, 'updated_at'),
    updatedBy: readOptionalText(row, 'updated_by'),
  };
}

export class SqlSettingRepository implements SettingRepository {
  constructor(private readonly sql: SqlRunner) {}

  async list(): Promise<SettingRecord[]> {
    const rows = await this.sql.all(
      'SELECT name, value, updated_at, updated_by FROM settings ORDER BY name',
    );
    return rows.map(toSetting);
  }

  async get(name: string): Promise<SettingRecord | undefined> {
    const row = await this.sql.first(
      'SELECT name, value, updated_at, updated_by FROM settings WHERE name = ?',
      [name],
    );
    return row === undefined ? undefined : toSetting(row);
  }

  async put(setting: SettingRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO settings (name, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by`,
      [setting.name, setting.value, setting.updatedAt, setting.updatedBy],
    );
  }
}

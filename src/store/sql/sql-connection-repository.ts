/** Connections on the shared SQL surface; secrets arrive and leave as ciphertexts. */
import type {
  ConnectionRecord,
  ConnectionTestResult,
  ConnectionTestStep,
  PlainSettingValue,
} from '../records.js';
import type { ConnectionRepository } from '../store.js';
import { readJsonObject, readNumber, readOptionalText, readText } from './row-reader.js';
import type { SqlRow, SqlRunner } from './sql-runner.js';

const columns =
  'id, name, kind, description, settings, secrets, created_at, created_by, updated_at, last_test';

function toStringRecord(value: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') result[key] = entry;
  }
  return result;
}

function toSettings(value: Record<string, unknown>): Record<string, PlainSettingValue> {
  const result: Record<string, PlainSettingValue> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') {
      result[key] = entry;
    }
  }
  return result;
}

function toTestResult(text: string | null): ConnectionTestResult | null {
  if (text === null) return null;
  const parsed = JSON.parse(text) as { at: number; ok: boolean; steps: ConnectionTestStep[] };
  return { at: parsed.at, ok: parsed.ok, steps: parsed.steps };
}

function toConnection(row: SqlRow): ConnectionRecord {
  return {
    id: readText(row, 'id'),
    name: readText(row, 'name'),
    kind: readText(row, 'kind'),
    description: readText(row, 'description'),
    settings: toSettings(readJsonObject(row, 'settings')),
    secrets: toStringRecord(readJsonObject(row, 'secrets')),
    createdAt: readNumber(row, 'created_at'),
    createdBy: readOptionalText(row, 'created_by'),
    updatedAt: readNumber(row, 'updated_at'),
    lastTest: toTestResult(readOptionalText(row, 'last_test')),
  };
}

function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

export class SqlConnectionRepository implements ConnectionRepository {
  constructor(private readonly sql: SqlRunner) {}

  async insert(connection: ConnectionRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO connections (${columns}, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        connection.id,
        connection.name,
        connection.kind,
        connection.description,
        JSON.stringify(connection.settings),
        JSON.stringify(connection.secrets),
        connection.createdAt,
        connection.createdBy,
        connection.updatedAt,
        connection.lastTest === null ? null : JSON.stringify(connection.lastTest),
        nameKey(connection.name),
      ],
    );
  }

  async update(connection: ConnectionRecord): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE connections SET name = ?, name_key = ?, description = ?, settings = ?, secrets = ?,
         updated_at = ? WHERE id = ?`,
      [
        connection.name,
        nameKey(connection.name),
        connection.description,
        JSON.stringify(connection.settings),
        JSON.stringify(connection.secrets),
        connection.updatedAt,
        connection.id,
      ],
    );
    return changed > 0;
  }

  async findById(id: string): Promise<ConnectionRecord | undefined> {
    const row = await this.sql.first(`SELECT ${columns} FROM connections WHERE id = ?`, [id]);
    return row === undefined ? undefined : toConnection(row);
  }

  async findByName(name: string): Promise<ConnectionRecord | undefined> {
    const row = await this.sql.first(`SELECT ${columns} FROM connections WHERE name_key = ?`, [
      nameKey(name),
    ]);
    return row === undefined ? undefined : toConnection(row);
  }

  async list(): Promise<ConnectionRecord[]> {
    const rows = await this.sql.all(`SELECT ${columns} FROM connections ORDER BY name_key`);
    return rows.map(toConnection);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM connections WHERE id = ?', [id])) > 0;
  }

  async recordTest(id: string, result: ConnectionTestResult): Promise<boolean> {
    const changed = await this.sql.run('UPDATE connections SET last_test = ? WHERE id = ?', [
      JSON.stringify(result),
      id,
    ]);
    return changed > 0;
  }

  async listSecrets(): Promise<{ id: string; secrets: Readonly<Record<string, string>> }[]> {
    const rows = await this.sql.all('SELECT id, secrets FROM connections ORDER BY id');
    return rows.map((row) => ({
      id: readText(row, 'id'),
      secrets: toStringRecord(readJsonObject(row, 'secrets')),
    }));
  }

  async replaceSecrets(id: string, secrets: Readonly<Record<string, string>>): Promise<void> {
    await this.sql.run('UPDATE connections SET secrets = ? WHERE id = ?', [
      JSON.stringify(secrets),
      id,
    ]);
  }
}

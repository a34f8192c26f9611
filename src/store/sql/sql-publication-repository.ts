/** Published tables (entity sets) on the shared SQL surface. */
import type { PublicationRecord } from '../records.js';
import type { PublicationRepository } from '../store.js';
import { readJsonObject, readNumber, readText } from './row-reader.js';
import type { SqlRow, SqlRunner } from './sql-runner.js';

const columns =
  'id, connection_id, table_name, entity_set, property_aliases, created_at, updated_at';

function toPublication(row: SqlRow): PublicationRecord {
  const aliases: Record<string, string> = {};
  for (const [column, alias] of Object.entries(readJsonObject(row, 'property_aliases'))) {
    if (typeof alias === 'string') aliases[column] = alias;
  }
  return {
    id: readText(row, 'id'),
    connectionId: readText(row, 'connection_id'),
    tableName: readText(row, 'table_name'),
    entitySet: readText(row, 'entity_set'),
    propertyAliases: aliases,
    createdAt: readNumber(row, 'created_at'),
    updatedAt: readNumber(row, 'updated_at'),
  };
}

function entitySetKey(entitySet: string): string {
  return entitySet.toLowerCase();
}

export class SqlPublicationRepository implements PublicationRepository {
  constructor(private readonly sql: SqlRunner) {}

  async insert(publication: PublicationRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO publications (${columns}, entity_set_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        publication.id,
        publication.connectionId,
        publication.tableName,
        publication.entitySet,
        JSON.stringify(publication.propertyAliases),
        publication.createdAt,
        publication.updatedAt,
        entitySetKey(publication.entitySet),
      ],
    );
  }

  async update(publication: PublicationRecord): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE publications SET entity_set = ?, entity_set_key = ?, property_aliases = ?,
         updated_at = ? WHERE id = ?`,
      [
        publication.entitySet,
        entitySetKey(publication.entitySet),
        JSON.stringify(publication.propertyAliases),
        publication.updatedAt,
        publication.id,
      ],
    );
    return changed > 0;
  }

  async findById(id: string): Promise<PublicationRecord | undefined> {
    const row = await this.sql.first(`SELECT ${columns} FROM publications WHERE id = ?`, [id]);
    return row === undefined ? undefined : toPublication(row);
  }

  async findByEntitySet(entitySet: string): Promise<PublicationRecord | undefined> {
    const row = await this.sql.first(
      `SELECT ${columns} FROM publications WHERE entity_set_key = ?`,
      [entitySetKey(entitySet)],
    );
    return row === undefined ? undefined : toPublication(row);
  }

  async findByTable(
    connectionId: string,
    tableName: string,
  ): Promise<PublicationRecord | undefined> {
    const row = await this.sql.first(
      `SELECT ${columns} FROM publications WHERE connection_id = ? AND table_name = ?`,
      [connectionId, tableName],
    );
    return row === undefined ? undefined : toPublication(row);
  }

  async list(): Promise<PublicationRecord[]> {
    const rows = await this.sql.all(`SELECT ${columns} FROM publications ORDER BY entity_set_key`);
    return rows.map(toPublication);
  }

  async listForConnection(connectionId: string): Promise<PublicationRecord[]> {
    const rows = await this.sql.all(
      `SELECT ${columns} FROM publications WHERE connection_id = ? ORDER BY entity_set_key`,
      [connectionId],
    );
    return rows.map(toPublication);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM publications WHERE id = ?', [id])) > 0;
  }
}

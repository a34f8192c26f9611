/**
 * Every schema migration, in version order, and the check that a store is not newer than
 * this code. Both stores apply the missing ones at start-up (sqlite-store.ts,
 * postgres-store.ts).
 */
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { Migration } from './migration.js';
import { migration001InitialSchema } from './migration-001-initial-schema.js';

export const migrations: readonly Migration[] = [migration001InitialSchema];

export const migrationsTableName = 'schema_migrations';

/** The migrations that still have to run, given the versions a store has recorded. */
export function pendingMigrations(applied: readonly number[]): Migration[] {
  const known = new Set(migrations.map((migration) => migration.version));
  const unknown = applied.filter((version) => !known.has(version));
  if (unknown.length > 0) {
    throw new TsunagiError(
      'TSG508',
      `The store has migrations ${unknown.join(', ')} that this version of Tsunagi does not know; it was upgraded by a newer version. Run that version.`,
    );
  }
  const done = new Set(applied);
  return migrations.filter((migration) => !done.has(migration.version));
}

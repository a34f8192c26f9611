/**
 * A versioned schema migration: the same change written once per database. Versions are
 * consecutive integers; a migration is applied once and recorded in schema_migrations.
 * Never edit a released migration: add the next one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** One or more statements, run in one transaction. */
  readonly sqlite: string;
  readonly postgres: string;
}

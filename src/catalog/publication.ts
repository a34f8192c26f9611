/**
 * A published table: which table of which connection appears in the service, under which
 * entity-set name, with optional property renames. The control plane stores these; the
 * catalog reads them.
 */
export interface Publication {
  readonly connectionId: string;
  readonly tableId: string;
  /** Entity set name: a valid OData identifier, unique in the service (case-insensitively). */
  readonly alias: string;
  /** Published property name by source column name, for columns not published under their default name. */
  readonly propertyAliases?: Readonly<Record<string, string>>;
}

/**
 * The shape of one entry in the error catalogue: the HTTP status a code maps to and the
 * sentence that documents it in docs/errors.md.
 */
export interface CatalogueEntry {
  /** HTTP status the gateway answers with when this error ends a request. */
  readonly status: number;
  /** One line that says what went wrong, in words a user understands. */
  readonly title: string;
  /** When it happens and what to do about it (docs/errors.md). */
  readonly description: string;
}

/** Helper that keeps the literal code keys while checking the entry shape. */
export function defineCodes<const T extends Record<string, CatalogueEntry>>(codes: T): T {
  return codes;
}

/**
 * Typed reads of column values from a row as either database returns it (SQLite gives
 * integers for booleans; PostgreSQL gives booleans). A value of the wrong type means the
 * schema and the code disagree: that is a bug, reported as such.
 */

type Row = Readonly<Record<string, unknown>>;

function fail(column: string, expected: string, value: unknown): never {
  throw new TypeError(`Store column ${column} holds ${typeof value}, expected ${expected}.`);
}

export function readText(row: Row, column: string): string {
  const value = row[column];
  return typeof value === 'string' ? value : fail(column, 'text', value);
}

export function readOptionalText(row: Row, column: string): string | null {
  const value = row[column];
  if (value == null) return null;
  return typeof value === 'string' ? value : fail(column, 'text', value);
}

export function readNumber(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return fail(column, 'number', value);
}

export function readOptionalNumber(row: Row, column: string): number | null {
  return row[column] == null ? null : readNumber(row, column);
}

export function readBoolean(row: Row, column: string): boolean {
  const value = row[column];
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  return fail(column, 'boolean', value);
}

export function readJsonObject(row: Row, column: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readText(row, column));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return fail(column, 'a JSON object', parsed);
  }
  return parsed as Record<string, unknown>;
}

/**
 * What the commands print: aligned text tables for people, JSON (`--json`) for scripts.
 * Results go to standard output; notes and warnings to standard error, so that
 * `$(tsunagi token create ...)` captures only the token.
 */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value) ?? '-';
}

export function printTable<Row extends object>(
  rows: readonly Row[],
  columns: readonly (readonly [key: keyof Row & string, title: string])[],
): void {
  if (rows.length === 0) {
    console.error('(none)');
    return;
  }
  const widths = columns.map(([key, title]) =>
    Math.max(title.length, ...rows.map((row) => cellText(row[key]).length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(columns.map(([, title]) => title)));
  for (const row of rows) console.log(line(columns.map(([key]) => cellText(row[key]))));
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

export function note(message: string): void {
  console.error(message);
}

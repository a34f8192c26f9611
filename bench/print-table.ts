/**
 * Prints benchmark results as an aligned text table (and as Markdown with --markdown).
 */
export type TableRow = Readonly<Record<string, string | number>>;

function formatCell(value: string | number): string {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 3 : 1 });
}

export function renderTable(title: string, rows: readonly TableRow[], markdown: boolean): string {
  if (rows.length === 0) return `${title}: no results\n`;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((name) => formatCell(row[name] ?? '')));
  if (markdown) {
    return [
      `### ${title}`,
      '',
      `| ${columns.join(' | ')} |`,
      `|${columns.map(() => '---').join('|')}|`,
      ...cells.map((line) => `| ${line.join(' | ')} |`),
      '',
    ].join('\n');
  }
  const widths = columns.map((name, index) =>
    Math.max(name.length, ...cells.map((line) => (line[index] ?? '').length)),
  );
  const line = (values: readonly string[]): string =>
    values
      .map((value, index) =>
        index === 0 ? value.padEnd(widths[index] ?? 0) : value.padStart(widths[index] ?? 0),
      )
      .join('  ');
  return [
    title,
    line(columns),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.map(line),
    '',
  ].join('\n');
}

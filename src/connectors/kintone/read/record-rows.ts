/**
 * Turns Kintone records into rows of a table: compiled once per scan (one converter per
 * projected column), then applied per record. For a subtable table each record yields one
 * row per subtable row, carrying the parent's record ID and revision.
 */
import type { Row } from '../../connector.js';
import type { Value } from '../../../odata/edm/primitive-type.js';
import type { KintoneTableSchema } from '../schema/kintone-table-model.js';
import { valueConverter, type KintoneRecordData } from './kintone-values.js';

interface ColumnReader {
  readonly index: number;
  readonly code: string;
  readonly convert: (value: unknown) => Value;
  readonly valueKind: string;
}

export type RecordToRows = (record: KintoneRecordData, output: Row[]) => void;

function readersFor(table: KintoneTableSchema, projection: readonly number[]): ColumnReader[] {
  const readers: ColumnReader[] = [];
  for (const index of projection) {
    const source = table.kintone.columns[index];
    if (source === undefined) continue;
    readers.push({
      index,
      code: source.code,
      convert: valueConverter(source, table.kintone.delimiter),
      valueKind: source.valueKind,
    });
  }
  return readers;
}

export interface RecordToRowsOptions {
  /** Subtable rows in row ID order ('asc' by default), or as Kintone lists them (false). */
  readonly sortRows?: 'asc' | 'desc' | false;
}

function rowIdOf(item: unknown): number {
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? Number(id) : 0;
}

export function compileRecordToRows(
  table: KintoneTableSchema,
  projection: readonly number[],
  options: RecordToRowsOptions = {},
): RecordToRows {
  const sortRows = options.sortRows ?? 'asc';
  const width = table.columns.length;
  const readers = readersFor(table, projection);
  if (table.kintone.kind === 'subtable') {
    const subtableCode = table.kintone.subtableCode ?? '';
    return (record, output) => {
      const parentId = record['$id']?.value;
      const parentRevision = record['$revision']?.value;
      const rows = record[subtableCode]?.value;
      if (!Array.isArray(rows)) return;
      let items = rows as unknown[];
      if (sortRows !== false && items.length > 1) {
        const sign = sortRows === 'asc' ? 1 : -1;
        items = [...items].sort((left, right) => sign * (rowIdOf(left) - rowIdOf(right)));
      }
      for (const item of items) {
        if (typeof item !== 'object' || item === null) continue;
        const subtableRow = item as {
          id?: unknown;
          value?: Record<string, { value?: unknown } | undefined>;
        };
        const row: Value[] = new Array<Value>(width).fill(null);
        for (const reader of readers) {
          let raw: unknown;
          switch (reader.valueKind) {
            case 'rowId':
              raw = subtableRow.id;
              break;
            case 'parentId':
              raw = parentId;
              break;
            case 'revision':
              raw = parentRevision;
              break;
            default:
              raw = subtableRow.value?.[reader.code]?.value;
          }
          row[reader.index] = raw === undefined ? null : reader.convert(raw);
        }
        output.push(row);
      }
    };
  }
  return (record, output) => {
    const row: Value[] = new Array<Value>(width).fill(null);
    for (const reader of readers) {
      const field = record[reader.code];
      row[reader.index] = field === undefined ? null : reader.convert(field.value);
    }
    output.push(row);
  };
}

/** Rows of the Apps table from `apps.json` app objects. */
export function appToRow(table: KintoneTableSchema, app: Readonly<Record<string, unknown>>): Row {
  return table.kintone.columns.map((source) => {
    const value = app[source.appMember ?? source.code];
    return valueConverter(source, table.kintone.delimiter)(value);
  });
}

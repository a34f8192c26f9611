/**
 * What the connector knows about each published table beyond the SPI's TableSchema: which
 * Kintone app (and subtable) it reads, and for each column the Kintone field behind it,
 * how its values convert and which query operators apply. It travels inside the
 * TableSchema (`kintone` member, plain data) so that planScan stays pure and works on any
 * copy of the schema the catalog hands back.
 */
import type { TableSchema } from '../../connector.js';

/** How a column's values are read from and written to Kintone. */
export type ValueKind =
  | 'recordId'
  | 'revision'
  | 'rowId'
  | 'parentId'
  | 'recordNumber'
  | 'text'
  | 'decimal'
  | 'double'
  | 'date'
  | 'dateTime'
  | 'timeOfDay'
  | 'timeText'
  | 'choice'
  | 'multiChoice'
  | 'entity'
  | 'entities'
  | 'files'
  | 'appAttribute';

/** Which Kintone query operators a column supports (facts sheet §5.2), by family. */
export type QueryKind =
  | 'id'
  | 'number'
  | 'text'
  | 'longText'
  | 'choice'
  | 'multiChoice'
  | 'entities'
  | 'entity'
  | 'status'
  | 'date'
  | 'dateTime'
  | 'time'
  | 'systemTime'
  | 'files'
  | 'none';

export interface KintoneColumnSource {
  /** Field code ($id, $revision for the record's own; $rowId, $parentId for subtable rows). */
  readonly code: string;
  /** Kintone field type (SINGLE_LINE_TEXT ...), or the pseudo types __ID__, __REVISION__, ROW_ID, PARENT_ID, APP. */
  readonly fieldType: string;
  readonly valueKind: ValueKind;
  readonly queryKind: QueryKind;
  /** Option keys of selection fields, in display order. */
  readonly options?: readonly string[];
  /** Kintone's own limits, checked before writing. */
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minValue?: string;
  readonly maxValue?: string;
  /** Kintone refuses duplicates ("prohibit duplicate values"). */
  readonly unique?: boolean;
  /** Written by clients (false for system fields, formulas, lookup copies, files). */
  readonly writable: boolean;
  /** Published as Collection(Edm.String) rather than a delimited string. */
  readonly collection: boolean;
  /** For app attributes of the Apps table: the member of the app object. */
  readonly appMember?: string;
}

export interface KintoneTableSource {
  readonly kind: 'app' | 'subtable' | 'apps';
  /** The app (0 for the Apps table). */
  readonly appId: number;
  /** SUBTABLE field code, for subtable tables. */
  readonly subtableCode?: string;
  /** One entry per TableSchema column, same order. */
  readonly columns: readonly KintoneColumnSource[];
  /** Delimiter of multi-value fields published as text. */
  readonly delimiter: string;
  /** Whether contains() may be answered by Kintone's `like`. */
  readonly containsAsLike: boolean;
  /**
   * For app tables: the subtables by navigation name, with their columns by column name,
   * so that `Items/any(i: i/qty gt 5)` can be translated on the app's own table.
   */
  readonly subtables?: Readonly<Record<string, SubtableSource>>;
}

export interface SubtableSource {
  readonly code: string;
  readonly columns: Readonly<
    Record<string, { readonly source: KintoneColumnSource; readonly nullable: boolean }>
  >;
}

export interface KintoneTableSchema extends TableSchema {
  readonly kintone: KintoneTableSource;
}

export function isKintoneTableSchema(table: TableSchema): table is KintoneTableSchema {
  const source = (table as Partial<KintoneTableSchema>).kintone;
  return (
    typeof source === 'object' &&
    source !== null &&
    Array.isArray(source.columns) &&
    source.columns.length === table.columns.length
  );
}

/** Table ids: "12" (app), "12.items" (subtable of app 12), "apps". */
export const appsTableId = 'apps';

export function appTableId(appId: number): string {
  return String(appId);
}

export function subtableTableId(appId: number, subtableCode: string): string {
  return `${appId}.${subtableCode}`;
}

export function parseTableId(
  tableId: string,
):
  | { readonly kind: 'apps' }
  | { readonly kind: 'app'; readonly appId: number }
  | { readonly kind: 'subtable'; readonly appId: number; readonly subtableCode: string }
  | undefined {
  if (tableId === appsTableId) return { kind: 'apps' };
  const match = /^([1-9]\d{0,15})(?:\.(.+))?$/.exec(tableId);
  if (match === null) return undefined;
  const appId = Number(match[1]);
  const subtableCode = match[2];
  return subtableCode === undefined
    ? { kind: 'app', appId }
    : { kind: 'subtable', appId, subtableCode };
}

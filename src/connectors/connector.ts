/**
 * The connector SPI: what every source (Kintone, SQL databases, the in-memory test
 * sources) implements so that the gateway can publish it. Modelled on Trino's SPI:
 *
 * - Discovery: `listTables` and `describeTable` give tables, columns, keys, types and
 *   relationships. The catalog caches them and builds the service model from them.
 * - Capabilities are data (`ColumnSchema.pushdown`, `TableSchema.pushdown`), so that
 *   $metadata annotations and the shared conformance suite can read them without I/O.
 * - Reads: `planScan` is pure and synchronous: given what the gateway wants, it says what
 *   the source will do (and the source query text, for "explain") and what stays residual.
 *   Pushdown is optional: a connector that pushes nothing returns `planWithoutPushdown`.
 *   The executor always applies the residual part, so results are right whatever the
 *   source can do. `scan` then runs the plan and streams rows in batches.
 * - Writes are optional methods; a connector without them publishes read-only tables.
 *
 * Rows are arrays indexed by column ordinal (`TableSchema.columns`), values as documented
 * in ../odata/edm/primitive-type.ts. Columns a projection left out hold null.
 */
import type { EdmPrimitiveType, Value } from '../odata/edm/primitive-type.js';
import type { BoundExpression } from '../odata/semantic/expression.js';
import type { OrderByItem } from '../odata/semantic/order-by.js';
import type { SearchExpression } from '../odata/semantic/search.js';

export type Row = readonly Value[];

/** Filter operations a source can evaluate on a column, as the planner offers them. */
export type FilterOperation =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'ge'
  | 'lt'
  | 'le'
  | 'in'
  | 'isNull'
  | 'contains'
  | 'startswith'
  | 'endswith'
  | 'any';

export interface ColumnPushdown {
  /** Operations the source evaluates exactly on this column. */
  readonly filter: readonly FilterOperation[];
  /** Whether the source sorts exactly by this column (OData order, nulls first asc). */
  readonly sort: boolean;
}

export interface ColumnSchema {
  /** Source identifier (Kintone field code, SQL column name); stable. */
  readonly name: string;
  /** Default published property name: a valid OData identifier. */
  readonly propertyName: string;
  /** Human-readable label from the source, if it has one. */
  readonly label?: string;
  readonly type: EdmPrimitiveType;
  readonly collection: boolean;
  readonly nullable: boolean;
  readonly maxLength?: number;
  readonly precision?: number;
  readonly scale?: number | 'variable';
  /** Computed by the source, never written (record number, revision, formulas ...). */
  readonly computed: boolean;
  /** Written on create only. */
  readonly immutable: boolean;
  readonly requiredOnCreate: boolean;
  readonly allowedValues?: readonly string[];
  readonly defaultValue?: Value;
  readonly description?: string;
  readonly pushdown: ColumnPushdown;
}

export interface RelationshipSchema {
  /** Default navigation property name. */
  readonly name: string;
  /** Id of the table the relationship leads to. */
  readonly targetTable: string;
  readonly collection: boolean;
  /** Pairs of (this table's column, target table's column) that must be equal. */
  readonly columns: readonly { readonly column: string; readonly targetColumn: string }[];
  /** Name of the relationship in the target table leading back, if any. */
  readonly partner?: string;
}

export interface TablePushdown {
  readonly top: boolean;
  readonly skip: boolean;
  /** Largest $skip the source itself can apply (Kintone: 10,000), if limited. */
  readonly maxSkip?: number;
  readonly count: boolean;
  readonly select: boolean;
  readonly search: boolean;
}

export interface TableSummary {
  /** Stable id inside the connection (e.g. "12" for a Kintone app, "12.items" for a subtable). */
  readonly id: string;
  /** Default entity set name: a valid OData identifier. */
  readonly name: string;
  /** Human-readable name (the Kintone app's name). */
  readonly label: string;
  readonly description?: string;
  /** Changes whenever the table's columns change (Kintone: form revision). */
  readonly revision: string;
  /** The table this one belongs to (a subtable's app), if any. */
  readonly parentId?: string;
}

export interface TableSchema extends TableSummary {
  readonly columns: readonly ColumnSchema[];
  /** Key column names, in key order. */
  readonly key: readonly string[];
  /** Column whose value is the row's version (the ETag), if any. */
  readonly etagColumn?: string;
  readonly relationships: readonly RelationshipSchema[];
  readonly writable: {
    readonly insert: boolean;
    readonly update: boolean;
    readonly delete: boolean;
  };
  /** Updates and deletes must carry If-Match (the row's ETag); 428 otherwise. */
  readonly requiresIfMatch?: boolean;
  readonly pushdown: TablePushdown;
}

/** What the gateway wants from one table. Expressions refer to this table's columns. */
export interface ScanRequest {
  readonly table: TableSchema;
  /** Column ordinals the gateway needs (for output, residual filter and ordering). */
  readonly projection: readonly number[];
  readonly filter: BoundExpression | undefined;
  readonly search: SearchExpression | undefined;
  /** Total order wanted (the planner appends the key so that paging is deterministic). */
  readonly orderBy: readonly OrderByItem[];
  readonly skip: number | undefined;
  readonly top: number | undefined;
  readonly count: boolean;
}

/** What the source does for a ScanRequest, decided without I/O. */
export interface ScanPlan {
  readonly request: ScanRequest;
  /** Filter the source applies. May be weaker than the request's (a superset) if the rest is residual. */
  readonly pushedFilter: BoundExpression | undefined;
  /** Filter the gateway must still apply to the rows the source returns. */
  readonly residualFilter: BoundExpression | undefined;
  /** Whether the source applies the search; if not, the gateway does. */
  readonly searchApplied: boolean;
  readonly orderApplied: boolean;
  /** Only when filter, search and order are fully applied by the source. */
  readonly skipApplied: boolean;
  readonly topApplied: boolean;
  readonly countApplied: boolean;
  readonly projectionApplied: boolean;
  /** The source query, for explain and the query log (e.g. a Kintone query string). */
  readonly sourceQuery: string;
  /** Connector-private data carried from planScan to scan. */
  readonly state?: unknown;
}

/** One call made to a source, for the query log, metrics and explain. */
export interface SourceCall {
  readonly operation: string;
  readonly target: string;
  readonly query?: string;
  readonly status: number | 'error';
  readonly durationMs: number;
  readonly rows?: number;
  readonly attempt?: number;
}

export interface ExecutionContext {
  readonly signal: AbortSignal;
  /** Absolute deadline (ms since epoch) for the whole request, retries included. */
  readonly deadline: number;
  readonly recordSourceCall: (call: SourceCall) => void;
}

export interface ScanResult {
  /** Rows in batches; iteration stops early when the consumer breaks (then release resources). */
  readonly batches: AsyncIterable<readonly Row[]>;
  /** The number of matching rows, when count was applied by the source. */
  readonly totalCount: Promise<number> | undefined;
}

/** Column values of a row to create or change, by column name. */
export type ColumnValues = ReadonlyMap<string, Value>;

/**
 * Related rows written together with their parent (OData deep insert / deep update),
 * e.g. a Kintone record with its subtable rows. `relationship` names one of the table's
 * RelationshipSchema entries; the rows omit the columns that link them to the parent.
 * On update, the listed rows replace the parent's related rows (rows carrying their key
 * are updated, rows without a key are created, related rows not listed are deleted).
 */
export interface NestedRows {
  readonly relationship: string;
  readonly rows: readonly ColumnValues[];
}

export type WriteOperation =
  | {
      readonly kind: 'insert';
      readonly table: TableSchema;
      readonly values: ColumnValues;
      /** Deep insert: related rows created atomically with this one. */
      readonly nested?: readonly NestedRows[];
    }
  | {
      readonly kind: 'update';
      readonly table: TableSchema;
      readonly key: ColumnValues;
      readonly values: ColumnValues;
      /** Replace (PUT): columns not given are reset; else merge (PATCH). */
      readonly replace: boolean;
      /** The version the client saw (the ETag's value, e.g. a Kintone revision), checked atomically. */
      readonly etag: string | undefined;
      /** Deep update: replaces the related rows of these relationships. */
      readonly nested?: readonly NestedRows[];
    }
  | {
      readonly kind: 'delete';
      readonly table: TableSchema;
      readonly key: ColumnValues;
      readonly etag: string | undefined;
    };

/** The row after a write (undefined after a delete). */
export type WriteResult = Row | undefined;

export interface ConnectionTestStep {
  readonly name: string;
  readonly ok: boolean;
  readonly message: string;
}

export interface ConnectionTestReport {
  readonly ok: boolean;
  readonly steps: readonly ConnectionTestStep[];
}

export interface Connector {
  /** Cheap list of the tables of the source. */
  listTables(context: ExecutionContext): Promise<readonly TableSummary[]>;
  /** Full schema of one table. Unknown id: TsunagiError TSG200. */
  describeTable(tableId: string, context: ExecutionContext): Promise<TableSchema>;
  /** Pure and synchronous: decides the pushdown for a request. */
  planScan(request: ScanRequest): ScanPlan;
  scan(plan: ScanPlan, context: ExecutionContext): Promise<ScanResult>;
  /**
   * Runs writes in order; with several operations, atomically or not at all. Throws
   * TsunagiError TSG601 when an `etag` does not match, TSG201 for an unknown key, TSG600
   * (with details naming columns) when the source refuses values. A connector that cannot
   * honour `nested` rows atomically throws TSG6xx without writing anything.
   */
  write?(
    operations: readonly WriteOperation[],
    context: ExecutionContext,
  ): Promise<readonly WriteResult[]>;
  /** Largest number of operations `write` can apply atomically. */
  readonly maxAtomicWrites?: number;
  /** Real calls that check URL, credentials and permissions, step by step. */
  test(context: ExecutionContext): Promise<ConnectionTestReport>;
  close(): Promise<void>;
}

/** The plan of a connector that pushes nothing down: the gateway does everything. */
export function planWithoutPushdown(request: ScanRequest): ScanPlan {
  return {
    request,
    pushedFilter: undefined,
    residualFilter: request.filter,
    searchApplied: false,
    orderApplied: false,
    skipApplied: false,
    topApplied: false,
    countApplied: false,
    projectionApplied: false,
    sourceQuery: '(full scan)',
  };
}

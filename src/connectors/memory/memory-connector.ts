/**
 * The in-memory connector: tables held as arrays of rows, or generated row by row from an
 * index (so that a benchmark can stream a million rows without holding them). It declares
 * no pushdown at all: every filter, sort, page and count is done by the gateway, which is
 * exactly what the core's tests and benchmarks need to exercise the residual path.
 * Writes are supported on array-backed tables and are atomic per call.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { Value } from '../../odata/edm/primitive-type.js';
import {
  planWithoutPushdown,
  type ColumnValues,
  type NestedRows,
  type ConnectionTestReport,
  type Connector,
  type ExecutionContext,
  type Row,
  type ScanPlan,
  type ScanRequest,
  type ScanResult,
  type TableSchema,
  type TableSummary,
  type WriteOperation,
  type WriteResult,
} from '../connector.js';

const batchSize = 1024;
/** Batches between two yields to the event loop, so that one scan cannot starve others. */
const batchesPerYield = 16;

export type MemoryTable =
  | { readonly schema: TableSchema; readonly rows: Row[] }
  | {
      readonly schema: TableSchema;
      readonly rowCount: number;
      readonly rowAt: (index: number) => Row;
    };

function rowSource(table: MemoryTable): { count: () => number; at: (index: number) => Row } {
  if ('rows' in table)
    return { count: () => table.rows.length, at: (index) => table.rows[index] ?? [] };
  return { count: () => table.rowCount, at: table.rowAt };
}

function keyOf(schema: TableSchema, row: Row): string {
  return JSON.stringify(
    schema.key.map((name) => {
      const value = row[schema.columns.findIndex((column) => column.name === name)];
      return typeof value === 'bigint' ? value.toString() : value;
    }),
  );
}

function keyFromValues(schema: TableSchema, key: ColumnValues): string {
  return JSON.stringify(
    schema.key.map((name) => {
      const value = key.get(name);
      return typeof value === 'bigint' ? value.toString() : value;
    }),
  );
}

export class MemoryConnector implements Connector {
  private readonly tables = new Map<string, MemoryTable>();
  /** Writes are applied to copies and swapped in at the end, so any number of them is atomic. */
  readonly maxAtomicWrites = 10_000;

  constructor(tables: readonly MemoryTable[]) {
    for (const table of tables) this.tables.set(table.schema.id, table);
  }

  private table(tableId: string): MemoryTable {
    const table = this.tables.get(tableId);
    if (table === undefined)
      throw new TsunagiError('TSG200', `Table '${tableId}' does not exist in this source.`);
    return table;
  }

  listTables(_context: ExecutionContext): Promise<readonly TableSummary[]> {
    return Promise.resolve(
      [...this.tables.values()].map(({ schema }) => ({
        id: schema.id,
        name: schema.name,
        label: schema.label,
        revision: schema.revision,
        ...(schema.parentId === undefined ? {} : { parentId: schema.parentId }),
      })),
    );
  }

  describeTable(tableId: string, _context: ExecutionContext): Promise<TableSchema> {
    return Promise.resolve(this.table(tableId).schema);
  }

  planScan(request: ScanRequest): ScanPlan {
    return planWithoutPushdown(request);
  }

  scan(plan: ScanPlan, context: ExecutionContext): Promise<ScanResult> {
    const source = rowSource(this.table(plan.request.table.id));
    const started = performance.now();
    async function* batches(): AsyncGenerator<readonly Row[]> {
      const total = source.count();
      let produced = 0;
      try {
        for (let start = 0, batchNumber = 0; start < total; start += batchSize, batchNumber++) {
          if (context.signal.aborted) return;
          if (batchNumber > 0 && batchNumber % batchesPerYield === 0) await yieldToEventLoop();
          const end = Math.min(total, start + batchSize);
          const batch: Row[] = new Array<Row>(end - start);
          for (let index = start; index < end; index++) batch[index - start] = source.at(index);
          produced += batch.length;
          yield batch;
        }
      } finally {
        context.recordSourceCall({
          operation: 'scan',
          target: plan.request.table.id,
          status: 200,
          durationMs: performance.now() - started,
          rows: produced,
        });
      }
    }
    return Promise.resolve({ batches: batches(), totalCount: undefined });
  }

  /**
   * Applies the operations in order on copies of the tables; if one fails, none is kept.
   * The ETag column, if any, starts at 1 and grows by one with every update; an update or
   * delete that names a version checks it. Nested rows are written to the related table
   * with their linking columns taken from the parent.
   */
  write(
    operations: readonly WriteOperation[],
    _context: ExecutionContext,
  ): Promise<readonly WriteResult[]> {
    const staged = new Map<string, Row[]>();
    const rowsOf = (schema: TableSchema): Row[] => {
      const existing = staged.get(schema.id);
      if (existing !== undefined) return existing;
      const table = this.table(schema.id);
      if (!('rows' in table))
        throw new TsunagiError('TSG603', `Table '${schema.name}' is read-only.`);
      const copy = [...table.rows];
      staged.set(schema.id, copy);
      return copy;
    };
    const results: WriteResult[] = [];
    for (const operation of operations) {
      const schema = this.table(operation.table.id).schema;
      const rows = rowsOf(schema);
      switch (operation.kind) {
        case 'insert': {
          const row = this.insertRow(schema, rows, operation.values);
          for (const nested of operation.nested ?? [])
            this.replaceRelated(schema, row, nested, rowsOf);
          results.push(row);
          break;
        }
        case 'update': {
          const index = this.indexOfKey(schema, rows, operation.key);
          const current = rows[index] as Row;
          this.checkVersion(schema, current, operation.etag);
          const updated = schema.columns.map((column, columnIndex): Value => {
            if (column.name === schema.etagColumn) return Number(current[columnIndex] ?? 0) + 1;
            if (operation.values.has(column.name)) return operation.values.get(column.name) ?? null;
            if (operation.replace && !schema.key.includes(column.name) && !column.computed)
              return column.defaultValue ?? null;
            return current[columnIndex] ?? null;
          });
          rows[index] = updated;
          for (const nested of operation.nested ?? [])
            this.replaceRelated(schema, updated, nested, rowsOf);
          results.push(updated);
          break;
        }
        case 'delete': {
          const index = this.indexOfKey(schema, rows, operation.key);
          this.checkVersion(schema, rows[index] as Row, operation.etag);
          rows.splice(index, 1);
          results.push(undefined);
          break;
        }
      }
    }
    for (const [tableId, rows] of staged) {
      const table = this.table(tableId);
      if (!('rows' in table)) continue;
      table.rows.length = 0;
      for (const row of rows) table.rows.push(row);
    }
    return Promise.resolve(results);
  }

  private insertRow(schema: TableSchema, rows: Row[], values: ColumnValues): Row {
    const row = schema.columns.map((column): Value => {
      if (column.name === schema.etagColumn) return 1;
      return values.get(column.name) ?? column.defaultValue ?? null;
    });
    const key = keyOf(schema, row);
    if (rows.some((candidate) => keyOf(schema, candidate) === key)) {
      throw new TsunagiError('TSG600', `An entity with the key ${key} already exists.`);
    }
    rows.push(row);
    return row;
  }

  private indexOfKey(schema: TableSchema, rows: readonly Row[], key: ColumnValues): number {
    const wanted = keyFromValues(schema, key);
    const index = rows.findIndex((candidate) => keyOf(schema, candidate) === wanted);
    if (index < 0) throw new TsunagiError('TSG201', `No entity has the key ${wanted}.`);
    return index;
  }

  private checkVersion(schema: TableSchema, row: Row, etag: string | undefined): void {
    if (etag === undefined || schema.etagColumn === undefined) return;
    const current = row[schema.columns.findIndex((column) => column.name === schema.etagColumn)];
    if (String(current) !== etag) {
      throw new TsunagiError(
        'TSG601',
        `The entity has changed: its version is now ${String(current)}.`,
      );
    }
  }

  /** Replaces the rows related to `parent` through `nested.relationship` by `nested.rows`. */
  private replaceRelated(
    schema: TableSchema,
    parent: Row,
    nested: NestedRows,
    rowsOf: (schema: TableSchema) => Row[],
  ): void {
    const relationship = schema.relationships.find(
      (candidate) => candidate.name === nested.relationship,
    );
    if (relationship === undefined)
      throw new TsunagiError('TSG600', `There is no relationship ${nested.relationship}.`);
    const target = this.table(relationship.targetTable).schema;
    const targetRows = rowsOf(target);
    const links = relationship.columns.map((pair) => ({
      targetIndex: target.columns.findIndex((column) => column.name === pair.targetColumn),
      value: parent[schema.columns.findIndex((column) => column.name === pair.column)] ?? null,
    }));
    const related = (row: Row): boolean =>
      links.every((link) => row[link.targetIndex] === link.value);
    for (let index = targetRows.length - 1; index >= 0; index--)
      if (related(targetRows[index] as Row)) targetRows.splice(index, 1);
    for (const values of nested.rows) {
      const withLinks = new Map(values);
      relationship.columns.forEach((pair, position) =>
        withLinks.set(pair.targetColumn, links[position]?.value ?? null),
      );
      this.insertRow(target, targetRows, withLinks);
    }
  }

  test(_context: ExecutionContext): Promise<ConnectionTestReport> {
    return Promise.resolve({
      ok: true,
      steps: [{ name: 'tables', ok: true, message: `${this.tables.size} in-memory tables.` }],
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The connector conformance suite, shared by every connector (like Trino's
 * BaseConnectorTest): given a connector and one of its tables with known data, it checks
 * every capability the table declares —
 *
 * - each filter operation a column declares is pushed down (the source query changes) and
 *   the rows equal OData's answer over the full table (pushed and residual execution agree);
 * - each column that declares sorting is sorted by the source, nulls first ascending;
 * - top, skip and count (on the key order), projection and search, when the table declares them.
 *
 * Usage, in a test file: `describeConnectorConformance('memory', async () => ({ connector, table }))`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdmPrimitiveType, Value } from '../../odata/edm/primitive-type.js';
import type { PropertyModel } from '../../odata/edm/service-model.js';
import type { BoundExpression } from '../../odata/semantic/expression.js';
import type { OrderByItem } from '../../odata/semantic/order-by.js';
import {
  comparisonNode,
  inNode,
  literalNode,
  propertyNode,
} from '../../odata/plan/expression-nodes.js';
import type {
  ColumnSchema,
  Connector,
  ExecutionContext,
  FilterOperation,
  Row,
  ScanPlan,
  ScanRequest,
  TableSchema,
} from '../connector.js';
import { compareValuesNullsFirst, referenceComparison } from './reference-evaluation.js';

export interface ConformanceFixture {
  readonly connector: Connector;
  /** A table whose rows the suite reads and queries (a few dozen rows of varied values). */
  readonly table: TableSchema;
  /** Called after the suite. */
  readonly close?: () => Promise<void>;
}

function context(): ExecutionContext {
  return {
    signal: new AbortController().signal,
    deadline: Date.now() + 60_000,
    recordSourceCall: () => undefined,
  };
}

function property(table: TableSchema, column: ColumnSchema): PropertyModel {
  const columnIndex = table.columns.indexOf(column);
  return {
    name: column.propertyName,
    column: column.name,
    columnIndex,
    type: column.type,
    collection: column.collection,
    nullable: column.nullable,
    computed: column.computed,
    immutable: column.immutable,
  };
}

function keyOrder(table: TableSchema, direction: 'asc' | 'desc' = 'asc'): OrderByItem[] {
  return table.key.map((name) => {
    const column = table.columns.find((candidate) => candidate.name === name);
    if (column === undefined) throw new Error(`key column ${name} missing`);
    return { expression: propertyNode(property(table, column)), direction };
  });
}

function request(table: TableSchema, changes: Partial<ScanRequest> = {}): ScanRequest {
  return {
    table,
    projection: table.columns.map((_column, index) => index),
    filter: undefined,
    search: undefined,
    orderBy: keyOrder(table),
    skip: undefined,
    top: undefined,
    count: false,
    ...changes,
  };
}

/** A row predicate for the suite's own expressions (comparisons, in, and, or, not, true/false). */
export function referencePredicate(
  table: TableSchema,
  expression: BoundExpression,
): (row: Row) => boolean {
  switch (expression.kind) {
    case 'comparison': {
      const left = expression.left;
      const right = expression.right;
      if (left.kind !== 'property' || left.property === undefined || right.kind !== 'literal')
        throw new Error('conformance: unexpected comparison');
      const index = left.property.columnIndex;
      const type = left.property.type;
      const operator = expression.operator;
      return (row) => referenceComparison(type, operator, row[index] ?? null, right.value);
    }
    case 'in': {
      const operand = expression.operand;
      if (operand.kind !== 'property' || operand.property === undefined)
        throw new Error('conformance: unexpected in');
      const index = operand.property.columnIndex;
      const type = operand.property.type;
      const values = expression.values.map((value) =>
        value.kind === 'literal' ? value.value : null,
      );
      return (row) =>
        values.some((value) => referenceComparison(type, 'eq', row[index] ?? null, value));
    }
    case 'logical': {
      const left = referencePredicate(table, expression.left);
      const right = referencePredicate(table, expression.right);
      return expression.operator === 'and'
        ? (row) => left(row) && right(row)
        : (row) => left(row) || right(row);
    }
    case 'not': {
      const operand = referencePredicate(table, expression.operand);
      return (row) => !operand(row);
    }
    case 'literal':
      if (typeof expression.value === 'boolean') {
        const value = expression.value;
        return () => value;
      }
      throw new Error('conformance: unexpected literal');
    default:
      throw new Error(`conformance: unexpected ${expression.kind}`);
  }
}

async function rowsOf(
  connector: Connector,
  plan: ScanPlan,
): Promise<{ rows: Row[]; count: number | undefined }> {
  const result = await connector.scan(plan, context());
  const rows: Row[] = [];
  for await (const batch of result.batches) rows.push(...batch);
  return { rows, count: result.totalCount === undefined ? undefined : await result.totalCount };
}

/** Runs a plan as the gateway would: the scan, then the residual filter (by the reference evaluator). */
async function execute(connector: Connector, table: TableSchema, plan: ScanPlan): Promise<Row[]> {
  const { rows } = await rowsOf(connector, plan);
  const residual =
    plan.residualFilter === undefined ? undefined : referencePredicate(table, plan.residualFilter);
  return residual === undefined ? rows : rows.filter(residual);
}

function keyText(table: TableSchema, row: Row): string {
  return JSON.stringify(
    table.key.map((name) => row[table.columns.findIndex((column) => column.name === name)] ?? null),
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
  );
}

function sortedKeys(table: TableSchema, rows: readonly Row[]): string[] {
  return rows.map((row) => keyText(table, row)).sort();
}

/** Literal values for a column's operations, taken from the data: a middle value and another. */
function samples(type: EdmPrimitiveType, values: readonly Value[]): Value[] {
  const distinct: Value[] = [];
  for (const value of values) {
    if (value === null || Array.isArray(value)) continue;
    if (!distinct.some((candidate) => compareValuesNullsFirst(type, candidate, value) === 0))
      distinct.push(value);
  }
  distinct.sort((left, right) => compareValuesNullsFirst(type, left, right));
  if (distinct.length === 0) return [];
  const middle = distinct[Math.floor(distinct.length / 2)] ?? null;
  const other = distinct[Math.floor(distinct.length / 4)] ?? middle;
  return [middle, other];
}

export function describeConnectorConformance(
  name: string,
  setup: () => Promise<ConformanceFixture>,
): void {
  describe(`connector conformance: ${name}`, () => {
    let fixture: ConformanceFixture;
    let all: Row[] = [];
    beforeAll(async () => {
      fixture = await setup();
      const plan = fixture.connector.planScan(request(fixture.table, { orderBy: [] }));
      all = await execute(fixture.connector, fixture.table, plan);
    }, 60_000);
    afterAll(async () => {
      await fixture.close?.();
    });

    it('reads every row of the table once', () => {
      expect(all.length).toBeGreaterThan(0);
      expect(new Set(sortedKeys(fixture.table, all)).size).toBe(all.length);
    });

    it('pushes down each declared filter operation, with the same rows as OData', async () => {
      const { connector, table } = fixture;
      const unfiltered = connector.planScan(request(table)).sourceQuery;
      const checked: string[] = [];
      for (const column of table.columns) {
        if (column.collection) continue;
        const index = table.columns.indexOf(column);
        const operand = propertyNode(property(table, column));
        const values = samples(
          column.type,
          all.map((row) => row[index] ?? null),
        );
        const [value, other] = values;
        if (value === undefined) continue;
        const literal = (item: Value) => literalNode(item === null ? 'null' : column.type, item);
        const filters: [FilterOperation, BoundExpression][] = [];
        for (const operation of column.pushdown.filter) {
          switch (operation) {
            case 'eq':
            case 'ne':
            case 'gt':
            case 'ge':
            case 'lt':
            case 'le':
              filters.push([operation, comparisonNode(operation, operand, literal(value))]);
              break;
            case 'in':
              filters.push([operation, inNode(operand, [literal(value), literal(other ?? value)])]);
              break;
            case 'isNull':
              filters.push([operation, comparisonNode('eq', operand, literal(null))]);
              break;
            default:
              // contains / startswith / endswith / any: connector-specific semantics.
              break;
          }
        }
        for (const [operation, filter] of filters) {
          const plan = connector.planScan(request(table, { filter }));
          const label = `${column.propertyName} ${operation}`;
          expect(plan.sourceQuery, `${label} is declared but not pushed down`).not.toBe(unfiltered);
          const expected = all.filter(referencePredicate(table, filter));
          const actual = await execute(connector, table, plan);
          expect(sortedKeys(table, actual), label).toEqual(sortedKeys(table, expected));
          checked.push(label);
        }
      }
      expect(checked.length).toBeGreaterThanOrEqual(0);
    }, 60_000);

    it('sorts by each column that declares sorting, nulls first', async () => {
      const { connector, table } = fixture;
      for (const column of table.columns) {
        if (!column.pushdown.sort || column.collection) continue;
        const index = table.columns.indexOf(column);
        for (const direction of ['asc', 'desc'] as const) {
          const orderBy: OrderByItem[] = [
            { expression: propertyNode(property(table, column)), direction },
            ...keyOrder(table).filter(
              (item) =>
                item.expression.kind === 'property' &&
                item.expression.property?.column !== column.name,
            ),
          ];
          const plan = connector.planScan(request(table, { orderBy }));
          expect(
            plan.orderApplied,
            `${column.propertyName} ${direction} is declared sortable`,
          ).toBe(true);
          const rows = await execute(connector, table, plan);
          expect(rows).toHaveLength(all.length);
          for (let position = 1; position < rows.length; position++) {
            const order = compareValuesNullsFirst(
              column.type,
              rows[position - 1]?.[index] ?? null,
              rows[position]?.[index] ?? null,
            );
            expect(
              direction === 'asc' ? order <= 0 : order >= 0,
              `${column.propertyName} ${direction} at ${position}`,
            ).toBe(true);
          }
        }
      }
    }, 60_000);

    it('applies top, skip and count when declared', async () => {
      const { connector, table } = fixture;
      const pushdown = table.pushdown;
      if (!pushdown.top && !pushdown.skip && !pushdown.count) return;
      const plan = connector.planScan(
        request(table, {
          skip: pushdown.skip ? 2 : undefined,
          top: pushdown.top ? 3 : undefined,
          count: pushdown.count,
        }),
      );
      expect(plan.topApplied).toBe(pushdown.top);
      expect(plan.skipApplied).toBe(pushdown.skip);
      expect(plan.countApplied).toBe(pushdown.count);
      const { rows, count } = await rowsOf(connector, plan);
      if (pushdown.count) expect(count).toBe(all.length);
      const ordered = [...all].sort((left, right) => {
        for (const name of table.key) {
          const index = table.columns.findIndex((column) => column.name === name);
          const type = table.columns[index]?.type ?? 'Edm.String';
          const order = compareValuesNullsFirst(type, left[index] ?? null, right[index] ?? null);
          if (order !== 0) return order;
        }
        return 0;
      });
      const start = pushdown.skip ? 2 : 0;
      const expected = pushdown.top ? ordered.slice(start, start + 3) : ordered.slice(start);
      expect(rows.map((row) => keyText(table, row))).toEqual(
        expected.map((row) => keyText(table, row)),
      );
    });

    it('returns the projected columns when projection is applied', async () => {
      const { connector, table } = fixture;
      const keyIndexes = table.key.map((name) =>
        table.columns.findIndex((column) => column.name === name),
      );
      const extra = table.columns.findIndex(
        (column, index) => !keyIndexes.includes(index) && !column.collection,
      );
      const projection = [...new Set([...keyIndexes, ...(extra >= 0 ? [extra] : [])])].sort(
        (a, b) => a - b,
      );
      const plan = connector.planScan(request(table, { projection }));
      const rows = await execute(connector, table, plan);
      const byKey = new Map(all.map((row) => [keyText(table, row), row]));
      for (const row of rows) {
        const full = byKey.get(keyText(table, row));
        expect(full).toBeDefined();
        for (const index of projection) expect(row[index]).toEqual(full?.[index]);
        if (plan.projectionApplied) {
          row.forEach((value, index) => {
            if (!projection.includes(index)) expect(value).toBeNull();
          });
        }
      }
    });

    it('applies search when declared: every row found contains the word', async () => {
      const { connector, table } = fixture;
      if (!table.pushdown.search) return;
      const textColumns = table.columns.flatMap((column, index) =>
        column.type === 'Edm.String' && !column.collection ? [index] : [],
      );
      const frequency = new Map<string, number>();
      for (const row of all) {
        for (const index of textColumns) {
          const value = row[index];
          if (typeof value !== 'string') continue;
          for (const word of new Set(value.split(/[^A-Za-z0-9]+/))) {
            if (word.length >= 4) frequency.set(word, (frequency.get(word) ?? 0) + 1);
          }
        }
      }
      const candidates = [...frequency.entries()]
        .sort((left, right) => right[1] - left[1])
        .slice(0, 10)
        .map(([word]) => word);
      if (candidates.length === 0) return;
      let found = 0;
      for (const word of candidates) {
        const plan = connector.planScan(
          request(table, { search: { kind: 'term', text: word, phrase: false } }),
        );
        expect(plan.searchApplied).toBe(true);
        const rows = await execute(connector, table, plan);
        found += rows.length;
        for (const row of rows) {
          const texts = textColumns
            .map((index) => row[index])
            .filter((value): value is string => typeof value === 'string');
          expect(
            texts.some((text) => text.toLowerCase().includes(word.toLowerCase())),
            `${word} in ${keyText(table, row)}`,
          ).toBe(true);
        }
      }
      // Searching for the most frequent words of the table finds something.
      expect(found).toBeGreaterThan(0);
    });
  });
}

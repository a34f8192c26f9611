/**
 * A test connector that declares full pushdown: it applies every filter, search, order,
 * skip, top, count and projection itself (with the gateway's own evaluator, so its answers
 * are exactly OData's) and reports what it was asked. The core's tests run against it and
 * against the no-pushdown MemoryConnector, so that both paths of the planner and executor
 * are covered and must give the same results.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import { compileComparator, compileFilter, compileSearch } from '../../odata/evaluate/index.js';
import {
  formatExpression,
  formatOrderBy,
  formatSearch,
} from '../../odata/semantic/format-expression.js';
import type {
  ColumnSchema,
  ExecutionContext,
  Row,
  ScanPlan,
  ScanRequest,
  ScanResult,
  TableSchema,
} from '../connector.js';
import { MemoryConnector, type MemoryTable } from './memory-connector.js';

const everyOperation = [
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'in',
  'isNull',
  'contains',
  'startswith',
  'endswith',
  'any',
] as const;

function withFullPushdown(schema: TableSchema): TableSchema {
  return {
    ...schema,
    columns: schema.columns.map((column): ColumnSchema => ({
      ...column,
      pushdown: { filter: everyOperation, sort: !column.collection },
    })),
    pushdown: { top: true, skip: true, count: true, select: true, search: true },
  };
}

function evaluable(plan: () => unknown): boolean {
  try {
    plan();
    return true;
  } catch (error) {
    if (error instanceof TsunagiError) return false;
    throw error;
  }
}

export class FullPushdownConnector extends MemoryConnector {
  /** Every ScanRequest planned, for tests to inspect what the planner offered. */
  readonly requests: ScanRequest[] = [];

  constructor(tables: readonly MemoryTable[]) {
    super(tables.map((table) => ({ ...table, schema: withFullPushdown(table.schema) })));
  }

  override planScan(request: ScanRequest): ScanPlan {
    this.requests.push(request);
    const now = new Date();
    const filterApplied =
      request.filter === undefined || evaluable(() => compileFilter(request.filter!, { now }));
    const orderApplied = evaluable(() => compileComparator(request.orderBy, { now }));
    const exact = filterApplied && orderApplied;
    const parts = [
      request.filter === undefined ? undefined : `filter ${formatExpression(request.filter)}`,
      request.search === undefined ? undefined : `search ${formatSearch(request.search)}`,
      request.orderBy.length === 0 ? undefined : `order ${formatOrderBy(request.orderBy)}`,
      request.skip === undefined ? undefined : `skip ${request.skip}`,
      request.top === undefined ? undefined : `top ${request.top}`,
      request.count ? 'count' : undefined,
    ].filter((part) => part !== undefined);
    return {
      request,
      pushedFilter: filterApplied ? request.filter : undefined,
      residualFilter: filterApplied ? undefined : request.filter,
      searchApplied: filterApplied,
      orderApplied,
      skipApplied: exact,
      topApplied: exact,
      countApplied: filterApplied,
      projectionApplied: true,
      sourceQuery: `scan ${request.table.id}${parts.length === 0 ? '' : `: ${parts.join('; ')}`}`,
    };
  }

  override async scan(plan: ScanPlan, context: ExecutionContext): Promise<ScanResult> {
    const { request } = plan;
    const now = new Date();
    const keep =
      plan.pushedFilter === undefined ? undefined : compileFilter(plan.pushedFilter, { now });
    const search =
      plan.searchApplied && request.search !== undefined
        ? compileSearch(
            request.search,
            request.table.columns.flatMap((column, columnIndex) =>
              column.type === 'Edm.String'
                ? [{ columnIndex, type: column.type, collection: column.collection }]
                : [],
            ),
          )
        : undefined;
    const matching: Row[] = [];
    const all = await super.scan({ ...plan, pushedFilter: undefined }, context);
    for await (const batch of all.batches) {
      for (const row of batch)
        if ((keep === undefined || keep(row)) && (search === undefined || search(row)))
          matching.push(row);
    }
    if (plan.orderApplied && request.orderBy.length > 0)
      matching.sort(compileComparator(request.orderBy, { now }));
    const start = plan.skipApplied ? (request.skip ?? 0) : 0;
    const end = plan.topApplied && request.top !== undefined ? start + request.top : undefined;
    const page = matching.slice(start, end);
    const projection = new Set(request.projection);
    const projected = page.map((row) =>
      row.map((value, index) => (projection.has(index) ? value : null)),
    );
    async function* batches(): AsyncGenerator<readonly Row[]> {
      for (let index = 0; index < projected.length; index += 256) {
        // Let other requests run between batches, as a real source's I/O would.
        if (index > 0) await yieldToEventLoop();
        yield projected.slice(index, index + 256);
      }
    }
    return {
      batches: batches(),
      totalCount: plan.countApplied ? Promise.resolve(matching.length) : undefined,
    };
  }
}

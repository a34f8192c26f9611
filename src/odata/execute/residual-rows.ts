/**
 * Runs one scan and applies what the source left to the gateway: the residual filter and
 * search, then the sort (a bounded heap when only the first rows are needed), then skip
 * and top. Rows stream through in batches; only a gateway-side sort holds rows, and then
 * at most skip + top of them unless the query asks for everything unsorted by the source.
 */
import type { ExecutionContext, Row, ScanPlan, ScanResult } from '../../connectors/connector.js';
import type { Connector } from '../../connectors/connector.js';
import type { ResidualPlan } from '../plan/read-plan.js';
import {
  compileComparator,
  compileFilter,
  compileSearch,
  type EvaluationOptions,
} from '../evaluate/index.js';

export interface ResidualRowsInput {
  readonly connector: Connector;
  readonly scan: ScanPlan;
  readonly residual: ResidualPlan;
  readonly context: ExecutionContext;
  readonly evaluation: EvaluationOptions;
}

export interface ResidualRows {
  readonly batches: AsyncIterable<readonly Row[]>;
  readonly totalCount: Promise<number> | undefined;
}

function rowPredicate(input: ResidualRowsInput): ((row: Row) => boolean) | undefined {
  const { residual, scan, evaluation } = input;
  const filter =
    residual.filter === undefined ? undefined : compileFilter(residual.filter, evaluation);
  const search =
    residual.search === undefined
      ? undefined
      : compileSearch(
          residual.search,
          scan.request.table.columns.flatMap((column, columnIndex) =>
            column.type === 'Edm.String'
              ? [{ columnIndex, type: column.type, collection: column.collection }]
              : [],
          ),
        );
  if (filter !== undefined && search !== undefined) return (row) => filter(row) && search(row);
  return filter ?? search;
}

/** Keeps the `limit` smallest rows of a stream under `compare`, in order. */
class BoundedSortBuffer {
  private readonly heap: Row[] = [];
  constructor(
    private readonly limit: number,
    private readonly compare: (a: Row, b: Row) => number,
  ) {}

  add(row: Row): void {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(row);
      this.siftUp(heap.length - 1);
    } else if (heap.length > 0 && this.compare(row, heap[0] as Row) < 0) {
      heap[0] = row;
      this.siftDown(0);
    }
  }

  sorted(): Row[] {
    return [...this.heap].sort(this.compare);
  }

  // A max-heap by `compare`: the root is the largest row kept.
  private siftUp(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.compare(heap[index] as Row, heap[parent] as Row) <= 0) return;
      [heap[index], heap[parent]] = [heap[parent] as Row, heap[index] as Row];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let largest = index;
      if (left < heap.length && this.compare(heap[left] as Row, heap[largest] as Row) > 0)
        largest = left;
      if (right < heap.length && this.compare(heap[right] as Row, heap[largest] as Row) > 0)
        largest = right;
      if (largest === index) return;
      [heap[index], heap[largest]] = [heap[largest] as Row, heap[index] as Row];
      index = largest;
    }
  }
}

async function* filtered(
  source: AsyncIterable<readonly Row[]>,
  keep: ((row: Row) => boolean) | undefined,
): AsyncGenerator<readonly Row[]> {
  if (keep === undefined) {
    yield* source;
    return;
  }
  for await (const batch of source) {
    const kept: Row[] = [];
    for (const row of batch) if (keep(row)) kept.push(row);
    if (kept.length > 0) yield kept;
  }
}

async function* sortedRows(
  source: AsyncIterable<readonly Row[]>,
  compare: (a: Row, b: Row) => number,
  limit: number | undefined,
): AsyncGenerator<readonly Row[]> {
  if (limit === 0) return;
  if (limit !== undefined) {
    const buffer = new BoundedSortBuffer(limit, compare);
    for await (const batch of source) for (const row of batch) buffer.add(row);
    yield buffer.sorted();
    return;
  }
  const all: Row[] = [];
  for await (const batch of source) for (const row of batch) all.push(row);
  yield all.sort(compare);
}

async function* skipAndTake(
  source: AsyncIterable<readonly Row[]>,
  skip: number,
  top: number | undefined,
): AsyncGenerator<readonly Row[]> {
  if (top === 0) return;
  let toSkip = skip;
  let remaining = top ?? Number.POSITIVE_INFINITY;
  for await (const batch of source) {
    let start = 0;
    if (toSkip > 0) {
      start = Math.min(toSkip, batch.length);
      toSkip -= start;
      if (start === batch.length) continue;
    }
    const end = Math.min(batch.length, start + remaining);
    remaining -= end - start;
    yield start === 0 && end === batch.length ? batch : batch.slice(start, end);
    if (remaining <= 0) return;
  }
}

export async function residualRows(input: ResidualRowsInput): Promise<ResidualRows> {
  const { residual } = input;
  // Compile before calling the source, so that an expression error costs no source call.
  const keep = rowPredicate(input);
  const compare =
    residual.orderBy === undefined
      ? undefined
      : compileComparator(residual.orderBy, input.evaluation);
  const result: ScanResult = await input.connector.scan(input.scan, input.context);
  let rows = filtered(result.batches, keep);
  if (compare !== undefined) {
    const limit = residual.top === undefined ? undefined : residual.skip + residual.top;
    rows = sortedRows(rows, compare, limit);
  }
  const batches =
    residual.skip === 0 && residual.top === undefined
      ? rows
      : skipAndTake(rows, residual.skip, residual.top);
  return { batches, totalCount: result.totalCount };
}

/** Counts the rows of a count scan: the source's count, or the rows that pass what it left residual. */
export async function countRows(input: Omit<ResidualRowsInput, 'residual'>): Promise<number> {
  const { scan } = input;
  const keep = rowPredicate({
    ...input,
    residual: {
      filter: scan.residualFilter,
      search: scan.searchApplied ? undefined : scan.request.search,
      orderBy: undefined,
      skip: 0,
      top: undefined,
    },
  });
  const result = await input.connector.scan(input.scan, input.context);
  if (input.scan.countApplied && result.totalCount !== undefined) {
    // No rows are wanted: close the stream at once so that the connector releases its resources.
    await result.batches[Symbol.asyncIterator]().return?.();
    return result.totalCount;
  }
  let count = 0;
  for await (const batch of filtered(result.batches, keep)) count += batch.length;
  return count;
}

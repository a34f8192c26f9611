/**
 * Executes a read plan: obtains the count, streams the page's rows through the residual
 * stages, attaches expanded entities batch by batch, and works out where the next page
 * starts. Nothing here holds more than one batch of rows (plus a gateway sort's bounded
 * buffer), so memory stays flat however many rows pass.
 */
import type { ExecutionContext, Row } from '../../connectors/connector.js';
import type { Value } from '../edm/primitive-type.js';
import type { PagePosition } from '../paging/skip-token.js';
import type { ReadPlan } from '../plan/read-plan.js';
import type { EntityBatch } from './entity-batch.js';
import { expandBatch, type SourceResolver } from './expand-rows.js';
import { countRows, residualRows } from './residual-rows.js';
import { compileValue, type EvaluationOptions } from '../evaluate/index.js';

export interface ReadExecution {
  /** The count, when the request asked for it. */
  readonly count: number | undefined;
  readonly batches: AsyncIterable<EntityBatch>;
  /** After the batches are consumed: where the next page starts, or undefined at the end. */
  nextPosition(): PagePosition | undefined;
  /**
   * Where the next page starts when this one is cut short after `rowsWritten` rows, the
   * last being `row` (a response that reached its size limit).
   */
  positionAfter(row: Row, rowsWritten: number): PagePosition;
}

export interface ReadExecutionInput {
  readonly plan: ReadPlan;
  readonly context: ExecutionContext;
  readonly evaluation: EvaluationOptions;
  readonly resolveSource: SourceResolver;
  /** Largest number of order-key values a skip token may carry (in JSON characters). */
  readonly maxKeysetLength?: number;
}

/** Parent rows gathered before related entities are fetched for them. */
const expandGroupSize = 500;

async function* regroup(
  source: AsyncIterable<readonly Row[]>,
  size: number,
): AsyncGenerator<readonly Row[]> {
  let pending: Row[] = [];
  for await (const batch of source) {
    for (const row of batch) {
      pending.push(row);
      if (pending.length >= size) {
        yield pending;
        pending = [];
      }
    }
  }
  if (pending.length > 0) yield pending;
}

export async function executeRead(input: ReadExecutionInput): Promise<ReadExecution> {
  const { plan, context, evaluation } = input;
  const scanInput = { connector: plan.connector, context, evaluation };

  const rows = await residualRows({ ...scanInput, scan: plan.scan, residual: plan.residual });
  let count: number | undefined;
  if (plan.count.kind === 'pageScan') {
    count = await rows.totalCount;
  } else if (plan.count.kind === 'countScan') {
    count = await countRows({
      ...scanInput,
      scan: plan.count.scan,
    });
  }

  const { take, probesForMore, fullPageMeansMore } = plan.page;
  let delivered = 0;
  let lastRow: Row | undefined;
  let sawMore = false;

  async function* pageRows(): AsyncGenerator<readonly Row[]> {
    const limit = take ?? Number.POSITIVE_INFINITY;
    for await (const batch of rows.batches) {
      const room = limit - delivered;
      if (batch.length > room) {
        sawMore = probesForMore;
        if (room > 0) {
          const part = batch.slice(0, room);
          delivered += part.length;
          lastRow = part[part.length - 1];
          yield part;
        }
        return;
      }
      delivered += batch.length;
      if (batch.length > 0) lastRow = batch[batch.length - 1];
      yield batch;
      if (delivered === limit && !probesForMore) {
        sawMore = fullPageMeansMore;
        return;
      }
    }
  }

  async function* entityBatches(): AsyncGenerator<EntityBatch> {
    if (plan.options.expand.length === 0) {
      for await (const batch of pageRows()) yield { rows: batch, expanded: undefined };
      return;
    }
    for await (const group of regroup(pageRows(), expandGroupSize)) {
      yield {
        rows: group,
        expanded: await expandBatch(group, plan.set, plan.options.expand, {
          ...input,
          resolveSource: input.resolveSource,
        }),
      };
    }
  }

  const orderReaders = plan.orderBy.map((item) => compileValue(item.expression, evaluation));
  const maxKeysetLength = input.maxKeysetLength ?? 2048;

  function positionAfter(row: Row, rowsWritten: number): PagePosition {
    const rowsBefore = plan.page.rowsBefore + rowsWritten;
    const remainingTop =
      plan.page.remainingTop === undefined ? undefined : plan.page.remainingTop - rowsWritten;
    const after: Value[] = orderReaders.map((read) => read(row));
    const keysetFits =
      JSON.stringify(after, (_key, value: unknown) =>
        typeof value === 'bigint' ? value.toString() : value,
      ).length <= maxKeysetLength;
    return { rowsBefore, remainingTop, after: keysetFits ? after : undefined };
  }

  return {
    count,
    batches: entityBatches(),
    nextPosition(): PagePosition | undefined {
      if (!sawMore || lastRow === undefined) return undefined;
      return positionAfter(lastRow, delivered);
    },
    positionAfter,
  };
}

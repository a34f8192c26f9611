/**
 * The explain view of a read (`?explain=plan` or `?explain=analyze`, a custom query option):
 * what the source is asked (its query text, what it applies), what the gateway evaluates
 * itself, how the count is obtained and where the page starts. With `analyze` the read is
 * executed (rows discarded) and the source calls made are reported with their timings.
 */
import type { SourceCall } from '../../connectors/connector.js';
import { executeRead } from '../../odata/execute/execute-read.js';
import type { ReadPlan } from '../../odata/plan/read-plan.js';
import {
  formatExpression,
  formatOrderBy,
  formatSearch,
} from '../../odata/semantic/format-expression.js';
import type { ReadRequest } from './read-resources.js';

export interface ExplainDocument {
  readonly entitySet: string;
  readonly source: {
    readonly table: string;
    readonly query: string;
    readonly filter: string | null;
    readonly applies: Readonly<Record<string, boolean>>;
  };
  readonly gateway: {
    readonly filter: string | null;
    readonly search: string | null;
    readonly orderBy: string | null;
    readonly skip: number;
    readonly top: number | null;
  };
  readonly count: string;
  readonly page: {
    readonly take: number | null;
    readonly rowsBefore: number;
    readonly probesForMore: boolean;
  };
  readonly analyze?: {
    readonly rows: number;
    readonly durationMs: number;
    readonly sourceCalls: readonly SourceCall[];
  };
}

export async function explainPlan(
  plan: ReadPlan,
  mode: 'plan' | 'analyze',
  read: ReadRequest,
): Promise<ExplainDocument> {
  const { scan, residual } = plan;
  const document: ExplainDocument = {
    entitySet: plan.set.name,
    source: {
      table: plan.table.id,
      query: scan.sourceQuery,
      filter: scan.pushedFilter === undefined ? null : formatExpression(scan.pushedFilter),
      applies: {
        filter: scan.request.filter !== undefined && scan.residualFilter === undefined,
        search: scan.searchApplied,
        orderBy: scan.orderApplied,
        skip: scan.skipApplied,
        top: scan.topApplied,
        count: scan.countApplied,
        select: scan.projectionApplied,
      },
    },
    gateway: {
      filter: residual.filter === undefined ? null : formatExpression(residual.filter),
      search: residual.search === undefined ? null : formatSearch(residual.search),
      orderBy: residual.orderBy === undefined ? null : formatOrderBy(residual.orderBy),
      skip: residual.skip,
      top: residual.top ?? null,
    },
    count:
      plan.count.kind === 'none'
        ? 'not requested'
        : plan.count.kind === 'pageScan'
          ? 'counted by the source with the page'
          : plan.count.scan.countApplied
            ? 'counted by the source in a separate call'
            : 'counted by the gateway over a full scan',
    page: {
      take: plan.page.take ?? null,
      rowsBefore: plan.page.rowsBefore,
      probesForMore: plan.page.probesForMore,
    },
  };
  if (mode === 'plan') return document;
  const started = performance.now();
  const callsBefore = read.sourceCalls.length;
  const execution = await executeRead({
    plan,
    context: read.context,
    evaluation: read.evaluation,
    resolveSource: read.snapshot.resolveSource,
  });
  let rows = 0;
  for await (const batch of execution.batches) rows += batch.rows.length;
  return {
    ...document,
    analyze: {
      rows,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      sourceCalls: read.sourceCalls.slice(callsBefore),
    },
  };
}

/**
 * What the executor hands to the serializer: rows in batches, each row with the related
 * entities of every $expand item. Batches keep the per-row overhead low on the plain path
 * (no expansion: `expanded` is undefined).
 */
import type { Row } from '../../connectors/connector.js';

/** The related entities of one row for one $expand item. */
export interface ExpandedValue {
  /** Related rows (at most one for a single-valued navigation). */
  readonly rows: readonly Row[];
  /** Number of related rows before $top/$skip, when the expand asked for $count or Nav/$count. */
  readonly count: number | undefined;
  /** Per related row, per nested $expand item. */
  readonly expanded: readonly (readonly ExpandedValue[])[] | undefined;
}

export interface EntityBatch {
  readonly rows: readonly Row[];
  /** `expanded[i][j]`: the related entities of `rows[i]` for expand item j. */
  readonly expanded: readonly (readonly ExpandedValue[])[] | undefined;
}

/**
 * The plan of a read: what the connector is asked to do (its ScanPlan, decided by the
 * connector itself without I/O), what the gateway does after it (residual filter, search,
 * sort, skip, top), how the count is obtained and where this page starts and ends.
 */
import type { Connector, ScanPlan, TableSchema } from '../../connectors/connector.js';
import type { EntitySetModel } from '../edm/service-model.js';
import type { BoundExpression } from '../semantic/expression.js';
import type { OrderByItem } from '../semantic/order-by.js';
import type { CollectionOptions } from '../semantic/query.js';
import type { SearchExpression } from '../semantic/search.js';

/** How `@odata.count` (or a `$count` resource) is obtained. */
export type CountPlan =
  | { readonly kind: 'none' }
  /** From the page scan's `totalCount`. */
  | { readonly kind: 'pageScan' }
  /** From a scan of its own, counted by the source or by the gateway. */
  | { readonly kind: 'countScan'; readonly scan: ScanPlan };

/** What the gateway applies to the rows of a scan. */
export interface ResidualPlan {
  readonly filter: BoundExpression | undefined;
  readonly search: SearchExpression | undefined;
  /** Sort the gateway must do (when the source did not), else undefined. */
  readonly orderBy: readonly OrderByItem[] | undefined;
  /** Rows to drop before the page (0 when the source applied it). */
  readonly skip: number;
  /** Rows to read at most after skipping (undefined: all), when the source did not apply it. */
  readonly top: number | undefined;
}

export interface PagePlan {
  /** Rows this page may deliver (undefined: no limit). */
  readonly take: number | undefined;
  /** True when a row beyond `take` was requested to learn whether a next page exists. */
  readonly probesForMore: boolean;
  /** True when the page did not probe (the source applies $top) and a full page may continue. */
  readonly fullPageMeansMore: boolean;
  /** Rows of the whole result before this page. */
  readonly rowsBefore: number;
  /** What remains of the client's $top at the start of this page. */
  readonly remainingTop: number | undefined;
}

export interface ReadPlan {
  readonly set: EntitySetModel;
  readonly table: TableSchema;
  readonly connector: Connector;
  readonly options: CollectionOptions;
  /** The total order of the result (the client's order, then the key). */
  readonly orderBy: readonly OrderByItem[];
  readonly scan: ScanPlan;
  readonly residual: ResidualPlan;
  readonly count: CountPlan;
  readonly page: PagePlan;
}

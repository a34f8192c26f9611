/**
 * The planner of reads. From the bound request, the entity set's table and connector and
 * the page position, it builds the ScanRequest, lets the connector decide what it pushes
 * down (planScan, pure), checks that the connector's answer is consistent, and derives
 * what the gateway must still do. It never calls a source.
 *
 * Paging: a paged result (or one cut by $top/$skip) has a total order (the client's
 * $orderby, then the key ascending); an unpaged, unordered read has none and streams.
 * Each page asks the source for one row more than it delivers, to know whether a next
 * page exists; the next page starts after the last row delivered (keyset), or at an
 * offset when the order keys cannot be carried in a token.
 */
import type { Connector, ScanPlan, ScanRequest, TableSchema } from '../../connectors/connector.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { EntitySetModel, PropertyModel } from '../edm/service-model.js';
import type { PagePosition } from '../paging/skip-token.js';
import type { BoundExpression } from '../semantic/expression.js';
import type { OrderByItem } from '../semantic/order-by.js';
import type { CollectionOptions } from '../semantic/query.js';
import { conjunction, propertyNode } from './expression-nodes.js';
import { keysetPredicate } from './keyset-predicate.js';
import { expressionColumns } from './expression-columns.js';
import type { CountPlan, ReadPlan, ResidualPlan } from './read-plan.js';

export interface ReadPlanInput {
  readonly set: EntitySetModel;
  readonly table: TableSchema;
  readonly connector: Connector;
  readonly options: CollectionOptions;
  /** A restriction implied by the path (navigation), in addition to $filter. */
  readonly constraint: BoundExpression | undefined;
  /** Largest page the server delivers (undefined: no server-driven paging). */
  readonly pageSize: number | undefined;
  /** Where this page starts, from a $skiptoken. */
  readonly position: PagePosition | undefined;
}

/** The client's order followed by the key properties not already in it, ascending. */
export function totalOrder(set: EntitySetModel, orderBy: readonly OrderByItem[]): OrderByItem[] {
  const result = [...orderBy];
  for (const name of set.entityType.key) {
    const alreadyOrdered = orderBy.some(
      (item) => item.expression.kind === 'property' && item.expression.property?.name === name,
    );
    if (alreadyOrdered) continue;
    const property = set.entityType.properties.find((candidate) => candidate.name === name);
    if (property === undefined) throw new Error(`key property ${name} is missing from ${set.name}`);
    result.push({ expression: propertyNode(property), direction: 'asc' });
  }
  return result;
}

/** Column ordinals a scan must return: output, keys, ETag, join columns and what expressions read. */
export function projectionFor(
  set: EntitySetModel,
  table: TableSchema,
  options: CollectionOptions,
  extra: readonly (BoundExpression | undefined)[],
): number[] {
  const columns = new Set<number>();
  const entityType = set.entityType;
  const byName = new Map(entityType.properties.map((property) => [property.name, property]));
  const add = (property: PropertyModel | undefined): void => {
    if (property !== undefined) columns.add(property.columnIndex);
  };
  for (const property of options.select ?? entityType.properties) add(property);
  for (const name of entityType.key) add(byName.get(name));
  if (entityType.etagProperty !== undefined) add(byName.get(entityType.etagProperty));
  for (const item of options.expand) {
    for (const constraint of item.navigation.constraints) add(byName.get(constraint.property));
  }
  for (const item of options.orderBy)
    for (const column of expressionColumns(item.expression)) columns.add(column);
  for (const expression of extra) {
    if (expression !== undefined)
      for (const column of expressionColumns(expression)) columns.add(column);
  }
  if (options.search !== undefined) {
    table.columns.forEach((column, index) => {
      if (column.type === 'Edm.String') columns.add(index);
    });
  }
  return [...columns].sort((left, right) => left - right);
}

function internalError(connector: Connector, problem: string): TsunagiError {
  return new TsunagiError(
    'TSG900',
    `Connector ${connector.constructor.name} returned an inconsistent plan: ${problem}.`,
  );
}

/** Checks the rules every ScanPlan must keep, so that a connector bug cannot return wrong rows. */
export function checkScanPlan(connector: Connector, plan: ScanPlan): void {
  const request = plan.request;
  const rowsExact =
    plan.residualFilter === undefined &&
    (request.search === undefined || plan.searchApplied) &&
    (request.orderBy.length === 0 || plan.orderApplied);
  if (!rowsExact && (plan.skipApplied || plan.topApplied)) {
    throw internalError(
      connector,
      'skip or top applied while filter, search or order is left to the gateway',
    );
  }
  const filterExact =
    plan.residualFilter === undefined && (request.search === undefined || plan.searchApplied);
  if (plan.countApplied && !filterExact) {
    throw internalError(connector, 'count applied while filter or search is left to the gateway');
  }
  if (plan.residualFilter !== undefined && request.filter === undefined) {
    throw internalError(connector, 'residual filter without a requested filter');
  }
}

export function planRead(input: ReadPlanInput): ReadPlan {
  const { set, table, connector, options, position } = input;
  const filter = conjunction(options.filter, input.constraint);
  // Paging, $top and $skip need a deterministic order; a plain full read needs none, so it
  // can stream straight from the source without a sort.
  const ordered =
    options.orderBy.length > 0 ||
    input.pageSize !== undefined ||
    options.top !== undefined ||
    options.skip !== undefined ||
    position !== undefined;
  const orderBy = ordered ? totalOrder(set, options.orderBy) : [];
  const keyset =
    position?.after === undefined ? undefined : keysetPredicate(orderBy, position.after);
  const skip =
    position === undefined
      ? (options.skip ?? 0)
      : position.after === undefined
        ? position.rowsBefore
        : 0;
  const remainingTop = position === undefined ? options.top : position.remainingTop;
  const pageSize = input.pageSize;
  const take =
    pageSize === undefined
      ? remainingTop
      : remainingTop === undefined
        ? pageSize
        : Math.min(pageSize, remainingTop);
  const mayContinue =
    pageSize !== undefined &&
    take === pageSize &&
    (remainingTop === undefined || remainingTop > pageSize);

  const countInPageScan = options.count && keyset === undefined;
  const requestFor = (top: number | undefined): ScanRequest => ({
    table,
    projection: projectionFor(set, table, options, [filter]),
    filter: conjunction(filter, keyset),
    search: options.search,
    orderBy,
    skip: skip === 0 ? undefined : skip,
    top,
    count: countInPageScan,
  });
  // A page that may continue asks for one row more, to know whether a next page exists.
  // When the source applies $top itself, that extra row can cost a whole extra call (Kintone
  // returns 500 records per call): then the page asks for exactly its size, and a full
  // page gets a next link (which, rarely, leads to an empty last page).
  let request = requestFor(take === undefined ? undefined : mayContinue ? take + 1 : take);
  let scan = connector.planScan(request);
  let probesForMore = mayContinue;
  if (mayContinue && scan.topApplied) {
    request = requestFor(take);
    scan = connector.planScan(request);
    probesForMore = false;
  }
  checkScanPlan(connector, scan);
  const sourceTop = request.top;

  const residual: ResidualPlan = {
    filter: scan.residualFilter,
    search: request.search !== undefined && !scan.searchApplied ? request.search : undefined,
    orderBy: scan.orderApplied || orderBy.length === 0 ? undefined : orderBy,
    skip: scan.skipApplied ? 0 : skip,
    top: scan.topApplied ? undefined : sourceTop,
  };

  let count: CountPlan = { kind: 'none' };
  if (options.count) {
    count =
      countInPageScan && scan.countApplied
        ? { kind: 'pageScan' }
        : { kind: 'countScan', scan: planCountScan(set, table, connector, filter, options) };
  }

  return {
    set,
    table,
    connector,
    options,
    orderBy,
    scan,
    residual,
    count,
    page: {
      take,
      probesForMore,
      fullPageMeansMore: mayContinue && !probesForMore,
      rowsBefore: position?.rowsBefore ?? skip,
      remainingTop,
    },
  };
}

/** A scan that only counts: no order, no rows wanted when the source counts itself. */
export function planCountScan(
  set: EntitySetModel,
  table: TableSchema,
  connector: Connector,
  filter: BoundExpression | undefined,
  options: Pick<CollectionOptions, 'search'>,
): ScanPlan {
  const columns = new Set<number>();
  if (filter !== undefined) for (const column of expressionColumns(filter)) columns.add(column);
  if (options.search !== undefined) {
    table.columns.forEach((column, index) => {
      if (column.type === 'Edm.String') columns.add(index);
    });
  }
  if (columns.size === 0) {
    const firstKey = set.entityType.properties.find(
      (property) => property.name === set.entityType.key[0],
    );
    if (firstKey !== undefined) columns.add(firstKey.columnIndex);
  }
  const scan = connector.planScan({
    table,
    projection: [...columns].sort((left, right) => left - right),
    filter,
    search: options.search,
    orderBy: [],
    skip: undefined,
    top: 0,
    count: true,
  });
  checkScanPlan(connector, scan);
  return scan;
}

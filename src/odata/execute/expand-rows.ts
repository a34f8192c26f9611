/**
 * $expand: fetches the related entities of a group of parent rows with one scan of the
 * target set per expand item (`Ref in (v1, v2, ...)` plus the nested $filter), groups them
 * by the referential constraint, and applies the nested $orderby, $skip, $top and $count
 * per parent. Nested $expand recurses on the related rows kept.
 */
import type { Connector, ExecutionContext, Row, TableSchema } from '../../connectors/connector.js';
import type { Value } from '../edm/primitive-type.js';
import type { EntitySetModel, PropertyModel } from '../edm/service-model.js';
import type { BoundExpression } from '../semantic/expression.js';
import type { ExpandItem } from '../semantic/query.js';
import {
  andNode,
  comparisonNode,
  conjunction,
  inNode,
  literalNode,
  orNode,
  propertyNode,
} from '../plan/expression-nodes.js';
import { checkScanPlan, projectionFor, totalOrder } from '../plan/plan-read.js';
import type { ExpandedValue } from './entity-batch.js';
import { residualRows } from './residual-rows.js';
import type { EvaluationOptions } from '../evaluate/index.js';

export type SourceResolver = (
  set: EntitySetModel,
) => Promise<{ readonly table: TableSchema; readonly connector: Connector }>;

export interface ExpandInput {
  readonly context: ExecutionContext;
  readonly evaluation: EvaluationOptions;
  readonly resolveSource: SourceResolver;
}

function propertyOf(set: EntitySetModel, name: string): PropertyModel {
  const property = set.entityType.properties.find((candidate) => candidate.name === name);
  if (property === undefined) throw new Error(`property ${name} is missing from ${set.name}`);
  return property;
}

function tupleKey(row: Row, properties: readonly PropertyModel[]): string | undefined {
  let key = '';
  for (const property of properties) {
    const value = row[property.columnIndex] ?? null;
    if (value === null) return undefined;
    key += `${typeof value}:${String(value)}\u0000`;
  }
  return key;
}

function relationFilter(
  targetProperties: readonly PropertyModel[],
  parentProperties: readonly PropertyModel[],
  parents: readonly Row[],
): BoundExpression | undefined {
  const seen = new Set<string>();
  const tuples: Value[][] = [];
  for (const parent of parents) {
    const key = tupleKey(parent, parentProperties);
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    tuples.push(parentProperties.map((property) => parent[property.columnIndex] ?? null));
  }
  if (tuples.length === 0) return undefined;
  const single = targetProperties.length === 1 ? targetProperties[0] : undefined;
  if (single !== undefined) {
    return inNode(
      propertyNode(single),
      tuples.map((tuple) => literalNode(single.type, tuple[0] ?? null)),
    );
  }
  let disjunction: BoundExpression | undefined;
  for (const tuple of tuples) {
    let term: BoundExpression | undefined;
    targetProperties.forEach((property, index) => {
      const equal = comparisonNode(
        'eq',
        propertyNode(property),
        literalNode(property.type, tuple[index] ?? null),
      );
      term = term === undefined ? equal : andNode(term, equal);
    });
    if (term !== undefined)
      disjunction = disjunction === undefined ? term : orNode(disjunction, term);
  }
  return disjunction;
}

async function expandItem(
  parents: readonly Row[],
  parentSet: EntitySetModel,
  item: ExpandItem,
  input: ExpandInput,
): Promise<ExpandedValue[]> {
  const target = item.target;
  const parentProperties = item.navigation.constraints.map((constraint) =>
    propertyOf(parentSet, constraint.property),
  );
  const targetProperties = item.navigation.constraints.map((constraint) =>
    propertyOf(target, constraint.referencedProperty),
  );
  const relation = relationFilter(targetProperties, parentProperties, parents);
  const empty: ExpandedValue = {
    rows: [],
    count: item.options.count || item.countOnly ? 0 : undefined,
    expanded: undefined,
  };
  if (relation === undefined) return parents.map(() => empty);

  const { table, connector } = await input.resolveSource(target);
  const options = item.options;
  const filter = conjunction(relation, options.filter);
  const orderBy = totalOrder(target, options.orderBy);
  const scan = connector.planScan({
    table,
    projection: projectionFor(target, table, options, [
      filter,
      ...targetProperties.map(propertyNode),
    ]),
    filter,
    search: options.search,
    orderBy,
    skip: undefined,
    top: undefined,
    count: false,
  });
  checkScanPlan(connector, scan);
  const rows = await residualRows({
    connector,
    scan,
    context: input.context,
    evaluation: input.evaluation,
    residual: {
      filter: scan.residualFilter,
      search: options.search !== undefined && !scan.searchApplied ? options.search : undefined,
      orderBy: scan.orderApplied || orderBy.length === 0 ? undefined : orderBy,
      skip: 0,
      top: undefined,
    },
  });

  const groups = new Map<string, Row[]>();
  for await (const batch of rows.batches) {
    for (const row of batch) {
      const key = tupleKey(row, targetProperties);
      if (key === undefined) continue;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [row]);
      else group.push(row);
    }
  }

  const skip = options.skip ?? 0;
  const perParent = parents.map((parent) => {
    const key = tupleKey(parent, parentProperties);
    const related = key === undefined ? [] : (groups.get(key) ?? []);
    const kept = item.countOnly
      ? []
      : related.slice(skip, options.top === undefined ? undefined : skip + options.top);
    return { related, kept };
  });

  let nested: (readonly ExpandedValue[])[] | undefined;
  if (options.expand.length > 0 && !item.countOnly) {
    const allKept = perParent.flatMap((entry) => entry.kept);
    nested = await expandBatch(allKept, target, options.expand, input);
  }
  let offset = 0;
  return perParent.map(({ related, kept }) => {
    const expanded = nested?.slice(offset, offset + kept.length);
    offset += kept.length;
    return {
      rows: kept,
      count: options.count || item.countOnly ? related.length : undefined,
      expanded,
    };
  });
}

/** Related entities of each parent row for each expand item: result[i][j] for row i, item j. */
export async function expandBatch(
  parents: readonly Row[],
  parentSet: EntitySetModel,
  items: readonly ExpandItem[],
  input: ExpandInput,
): Promise<ExpandedValue[][]> {
  const perItem: ExpandedValue[][] = [];
  for (const item of items) perItem.push(await expandItem(parents, parentSet, item, input));
  return parents.map((_parent, rowIndex) =>
    perItem.map((values) => values[rowIndex] as ExpandedValue),
  );
}

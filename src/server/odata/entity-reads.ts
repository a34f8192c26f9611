/**
 * Reading single entities for the handlers: by key, through a single-valued navigation,
 * or to check that a parent exists. Each read is a one-row plan through the same planner
 * and executor as collections, so pushdown (e.g. Kintone `$id = 5`) applies.
 */
import type { Row } from '../../connectors/connector.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { EntitySetModel } from '../../odata/edm/service-model.js';
import type { ExpandedValue } from '../../odata/execute/entity-batch.js';
import { executeRead } from '../../odata/execute/execute-read.js';
import {
  comparisonNode,
  conjunction,
  literalNode,
  propertyNode,
} from '../../odata/plan/expression-nodes.js';
import { planRead } from '../../odata/plan/plan-read.js';
import type { BoundExpression } from '../../odata/semantic/expression.js';
import type {
  CollectionOptions,
  EntityReference,
  EntityResource,
} from '../../odata/semantic/query.js';
import type { ReadRequest } from './read-resources.js';

export interface FoundEntity {
  readonly set: EntitySetModel;
  readonly row: Row | undefined;
  readonly expanded: readonly ExpandedValue[] | undefined;
}

/** `Key1 eq v1 and Key2 eq v2` for an entity reference. */
export function keyFilter(reference: EntityReference): BoundExpression | undefined {
  const entityType = reference.set.entityType;
  return conjunction(
    ...entityType.key.map((name) => {
      const property = entityType.properties.find((candidate) => candidate.name === name);
      if (property === undefined)
        throw new Error(`key property ${name} missing from ${entityType.name}`);
      return comparisonNode(
        'eq',
        propertyNode(property),
        literalNode(property.type, reference.key.get(name) ?? null),
      );
    }),
  );
}

export function emptyOptions(): CollectionOptions {
  return {
    select: undefined,
    filter: undefined,
    search: undefined,
    orderBy: [],
    top: undefined,
    skip: undefined,
    count: false,
    expand: [],
  };
}

function oneRowOptions(
  options: CollectionOptions,
  filter: BoundExpression | undefined,
): CollectionOptions {
  return {
    ...options,
    filter,
    orderBy: [],
    top: 1,
    skip: undefined,
    count: false,
    search: undefined,
  };
}

export function notFound(set: EntitySetModel): TsunagiError {
  return new TsunagiError('TSG201', `No entity of '${set.name}' has the key given in the URL.`);
}

/** The first row of `set` matching `filter`, shaped by `options` ($select, $expand). */
export async function firstEntity(
  read: ReadRequest,
  set: EntitySetModel,
  options: CollectionOptions,
  filter: BoundExpression | undefined,
): Promise<FoundEntity> {
  const { table, connector } = await read.snapshot.resolveSource(set);
  const plan = planRead({
    set,
    table,
    connector,
    options: oneRowOptions(options, filter),
    constraint: undefined,
    pageSize: undefined,
    position: undefined,
  });
  read.outcome.sourceQuery = plan.scan.sourceQuery;
  const execution = await executeRead({
    plan,
    context: read.context,
    evaluation: read.evaluation,
    resolveSource: read.snapshot.resolveSource,
  });
  for await (const batch of execution.batches) {
    const row = batch.rows[0];
    if (row !== undefined) return { set, row, expanded: batch.expanded?.[0] };
  }
  return { set, row: undefined, expanded: undefined };
}

/** Reads the entity a resource addresses (by key, or via a single-valued navigation). */
export async function readEntity(
  read: ReadRequest,
  resource: EntityResource,
  options: CollectionOptions,
): Promise<FoundEntity> {
  const set = resource.entity.set;
  if (resource.via === undefined)
    return firstEntity(read, set, options, keyFilter(resource.entity));
  const { parent, navigation } = resource.via;
  const parentFound = await firstEntity(read, parent.set, emptyOptions(), keyFilter(parent));
  const parentRow = parentFound.row;
  if (parentRow === undefined) throw notFound(parent.set);
  const conditions = navigation.constraints.map((constraint) => {
    const source = parent.set.entityType.properties.find(
      (property) => property.name === constraint.property,
    );
    const target = set.entityType.properties.find(
      (property) => property.name === constraint.referencedProperty,
    );
    if (source === undefined || target === undefined)
      throw new Error(`navigation ${navigation.name} does not resolve`);
    return comparisonNode(
      'eq',
      propertyNode(target),
      literalNode(target.type, parentRow[source.columnIndex] ?? null),
    );
  });
  return firstEntity(read, set, options, conjunction(...conditions));
}

/** Throws 404 unless the entity exists. */
export async function requireEntity(read: ReadRequest, reference: EntityReference): Promise<Row> {
  const found = await firstEntity(read, reference.set, emptyOptions(), keyFilter(reference));
  if (found.row === undefined) throw notFound(reference.set);
  return found.row;
}

/**
 * The test's own, independent evaluation of what a Salesforce query must return, over the
 * entities read once through the feed without a filter: OData's comparison rules with
 * null (a comparison with null is false, except `eq null` / `ne null`), ordering with null
 * first and ties broken by the key (the gateway's total order, which keeps `$skip` pages
 * stable), `$skip` / `$top`, and the `$select` projection with the entity's ETag.
 */

/** An entity as the feed returns it (JSON). */
export type Entity = Readonly<Record<string, unknown>>;

type Scalar = string | number | boolean | null;

function scalar(entity: Entity, property: string): Scalar {
  if (!(property in entity)) throw new Error(`the entity has no property ${property}`);
  const value = entity[property];
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  )
    return value;
  throw new Error(`${property} is not a primitive value`);
}

/**
 * Orders two present values of one property: numbers by value; strings by code point
 * (ISO dates and UTC date-times, as the feed writes them, order as text).
 */
function compareScalars(left: Scalar, right: Scalar): number {
  if (left === right) return 0;
  if (left === null) return -1;
  if (right === null) return 1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') {
    const leftPoints = [...left].map((character) => character.codePointAt(0) ?? 0);
    const rightPoints = [...right].map((character) => character.codePointAt(0) ?? 0);
    for (let index = 0; index < Math.min(leftPoints.length, rightPoints.length); index++) {
      const difference = (leftPoints[index] ?? 0) - (rightPoints[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return leftPoints.length - rightPoints.length;
  }
  if (typeof left === 'boolean' && typeof right === 'boolean') return left ? 1 : -1;
  throw new Error(`cannot compare ${typeof left} with ${typeof right}`);
}

/** OData comparison operators on one property and a literal value (already in JSON form). */
export const compare = {
  eq: (entity: Entity, property: string, value: Scalar): boolean =>
    scalar(entity, property) === value,
  ne: (entity: Entity, property: string, value: Scalar): boolean =>
    scalar(entity, property) !== value,
  gt: (entity: Entity, property: string, value: Scalar): boolean =>
    ordered(entity, property, value, (c) => c > 0),
  ge: (entity: Entity, property: string, value: Scalar): boolean =>
    ordered(entity, property, value, (c) => c >= 0),
  lt: (entity: Entity, property: string, value: Scalar): boolean =>
    ordered(entity, property, value, (c) => c < 0),
  le: (entity: Entity, property: string, value: Scalar): boolean =>
    ordered(entity, property, value, (c) => c <= 0),
};

function ordered(
  entity: Entity,
  property: string,
  value: Scalar,
  test: (comparison: number) => boolean,
): boolean {
  const actual = scalar(entity, property);
  if (actual === null || value === null) return false;
  return test(compareScalars(actual, value));
}

/** The text of a string property, or undefined when it is null. */
export function text(entity: Entity, property: string): string | undefined {
  const value = scalar(entity, property);
  if (value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${property} is not text`);
  return value;
}

export type OrderItem = readonly [property: string, direction: 'asc' | 'desc'];

/** Parses `$orderby` text such as `city asc,RecordId desc` (the test's own fixtures only). */
export function parseOrderBy(orderBy: string | undefined): OrderItem[] {
  if (orderBy === undefined) return [];
  return orderBy.split(',').map((item) => {
    const [property = '', direction = 'asc'] = item.trim().split(/\s+/);
    if (direction !== 'asc' && direction !== 'desc') throw new Error(`bad order ${item}`);
    return [property, direction] as const;
  });
}

export function sortEntities(
  entities: readonly Entity[],
  order: readonly OrderItem[],
  key: readonly string[],
): Entity[] {
  const items: OrderItem[] = [
    ...order,
    ...key
      .filter((name) => !order.some(([property]) => property === name))
      .map((name) => [name, 'asc'] as const),
  ];
  return [...entities].sort((left, right) => {
    for (const [property, direction] of items) {
      const comparison = compareScalars(scalar(left, property), scalar(right, property));
      if (comparison !== 0) return direction === 'asc' ? comparison : -comparison;
    }
    return 0;
  });
}

/** The entity as a `$select` returns it: its ETag annotation and the selected properties. */
export function project(entity: Entity, select: readonly string[] | undefined): Entity {
  if (select === undefined) return entity;
  const projected: Record<string, unknown> = {};
  if ('@odata.etag' in entity) projected['@odata.etag'] = entity['@odata.etag'];
  for (const property of select) projected[property] = scalar(entity, property);
  return projected;
}

export interface ExpectedRead {
  readonly matches?: (entity: Entity) => boolean;
  readonly orderBy?: string;
  readonly skip?: number;
  readonly top?: number;
  readonly select?: readonly string[];
}

/** The rows of a read and the count Salesforce gets (after the filter, before paging). */
export function expectedRead(
  all: readonly Entity[],
  key: readonly string[],
  read: ExpectedRead,
): { rows: Entity[]; count: number } {
  const matching = read.matches === undefined ? [...all] : all.filter(read.matches);
  const sorted = sortEntities(matching, parseOrderBy(read.orderBy), key);
  const skip = read.skip ?? 0;
  const page = sorted.slice(skip, read.top === undefined ? undefined : skip + read.top);
  return { rows: page.map((entity) => project(entity, read.select)), count: matching.length };
}

/** A key of an entity as text (`1` or `ParentRecordId=1,RowId=2`), for duplicate checks. */
export function keyText(entity: Entity, key: readonly string[]): string {
  return key.length === 1
    ? String(scalar(entity, key[0] ?? ''))
    : key.map((name) => `${name}=${String(scalar(entity, name))}`).join(',');
}

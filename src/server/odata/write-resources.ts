/**
 * Answers write requests: POST to a collection (create, also through a navigation such
 * as `Orders(5)/Items`, and deep insert of related rows), PATCH and PUT to an entity
 * (merge and replace) and DELETE. Preconditions (If-Match / If-None-Match, and If-Match
 * required where the set says so) are checked against the current entity, and the version
 * the client saw is handed to the connector so the check is atomic at the source. An
 * update whose body repeats the ETag property (Salesforce sends every field on edit, the
 * revision it read included, without If-Match) is checked the same way.
 */
import type { ResponseSink } from './response-sink.js';
import type { ColumnValues, Connector, Row, TableSchema } from '../../connectors/connector.js';
import type { WriteGate } from './write-gate.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { Value } from '../../odata/edm/primitive-type.js';
import type { EntitySetModel } from '../../odata/edm/service-model.js';
import type {
  CollectionResource,
  EntityReference,
  EntityResource,
} from '../../odata/semantic/query.js';
import { entityContextUrl } from '../../odata/serialize/context-url.js';
import { compileEntityWriter, entityWithContext } from '../../odata/serialize/entity-writer.js';
import { entityTagMatches, formatEtag, parseEntityTags } from '../../odata/serialize/etag.js';
import { jsonContentType, type Representation } from '../../odata/serialize/representation.js';
import { compileKeyPredicate } from '../../odata/serialize/url-literal.js';
import { entityChanges, type WriteMode } from '../../odata/write/entity-changes.js';
import { jsonToValue } from '../../odata/write/json-to-value.js';
import { sameValue } from '../../odata/write/same-value.js';
import { emptyOptions, keyFilter, notFound, firstEntity, requireEntity } from './entity-reads.js';
import type { EntitySetAction } from './odata-service.js';
import type { Preferences } from './prefer-header.js';
import type { ReadRequest } from './read-resources.js';

export interface WriteRequest extends ReadRequest {
  readonly body: unknown;
  readonly prefer: Preferences;
  readonly ifMatch: string | undefined;
  readonly ifNoneMatch: string | undefined;
  readonly representation: Representation;
  readonly authorize: (set: EntitySetModel, action: EntitySetAction) => void;
  /** Runs the write operations: at once, or with the other requests of a change set. */
  readonly writes: WriteGate;
}

function requireCapability(set: EntitySetModel, action: Exclude<EntitySetAction, 'read'>): void {
  const allowed =
    action === 'insert'
      ? set.capabilities.insertable
      : action === 'update'
        ? set.capabilities.updatable
        : set.capabilities.deletable;
  if (!allowed) {
    const verb =
      action === 'insert' ? 'created in' : action === 'update' ? 'changed in' : 'deleted from';
    throw new TsunagiError('TSG603', `Entities cannot be ${verb} '${set.name}'.`);
  }
}

function columnKey(set: EntitySetModel, reference: EntityReference): ColumnValues {
  const values = new Map<string, Value>();
  for (const name of set.entityType.key) {
    const property = set.entityType.properties.find((candidate) => candidate.name === name);
    if (property !== undefined) values.set(property.column, reference.key.get(name) ?? null);
  }
  return values;
}

function etagValueOf(set: EntitySetModel, row: Row): Value | undefined {
  const property = set.entityType.properties.find(
    (candidate) => candidate.name === set.entityType.etagProperty,
  );
  return property === undefined ? undefined : (row[property.columnIndex] ?? null);
}

function entityUrl(write: WriteRequest, set: EntitySetModel, row: Row): string {
  return `${write.serviceRoot}/${set.name}${compileKeyPredicate(set.entityType)(row)}`;
}

function sendEntityBody(
  write: WriteRequest,
  reply: ResponseSink,
  set: EntitySetModel,
  row: Row,
  status: number,
): void {
  const representation = write.representation;
  const entity = compileEntityWriter({
    set,
    options: emptyOptions(),
    representation,
    namespace: write.snapshot.model.namespace,
  })(row, undefined);
  const body = entityWithContext(
    entity,
    representation.metadata === 'none'
      ? undefined
      : entityContextUrl(write.serviceRoot, set.name, emptyOptions(), representation.version),
  );
  void reply.status(status).header('Content-Type', jsonContentType(representation)).send(body);
}

function setEtagHeader(reply: ResponseSink, set: EntitySetModel, row: Row): void {
  const etag = formatEtag(etagValueOf(set, row) ?? null);
  if (etag !== undefined) void reply.header('ETag', etag);
}

async function writableSource(
  write: WriteRequest,
  set: EntitySetModel,
): Promise<{ table: TableSchema; connector: Connector }> {
  const { table, connector } = await write.snapshot.resolveSource(set);
  if (connector.write === undefined)
    throw new TsunagiError('TSG603', `The source of '${set.name}' is read-only.`);
  return { table, connector };
}

/** Checks If-Match / If-None-Match against the current row; returns the version to pass to the source. */
function checkPreconditions(
  write: WriteRequest,
  set: EntitySetModel,
  current: Row | undefined,
): string | undefined {
  const ifMatch = parseEntityTags(write.ifMatch);
  const ifNoneMatch = parseEntityTags(write.ifNoneMatch);
  if (ifMatch === undefined && set.capabilities.requiresIfMatch) {
    throw new TsunagiError(
      'TSG602',
      `Changes to '${set.name}' must carry If-Match with the entity's ETag.`,
      {
        target: 'If-Match',
      },
    );
  }
  const version = current === undefined ? undefined : etagValueOf(set, current);
  if (
    ifMatch !== undefined &&
    !entityTagMatches(ifMatch, current === undefined ? undefined : (version ?? null))
  ) {
    const currentEtag = version === undefined ? undefined : formatEtag(version);
    throw new TsunagiError(
      'TSG601',
      current === undefined
        ? 'The entity does not exist, so If-Match cannot hold.'
        : `The entity has changed since it was read: its ETag is now ${currentEtag ?? 'unknown'}.`,
      {
        target: 'If-Match',
        ...(currentEtag === undefined ? {} : { headers: { ETag: currentEtag } }),
      },
    );
  }
  if (
    ifNoneMatch !== undefined &&
    current !== undefined &&
    entityTagMatches(ifNoneMatch, version ?? null)
  ) {
    throw new TsunagiError('TSG601', 'The entity exists and matches If-None-Match.', {
      target: 'If-None-Match',
    });
  }
  return ifMatch !== undefined && !ifMatch.any && version !== undefined && version !== null
    ? String(version)
    : undefined;
}

/**
 * The version an update's body carries in the ETag property, as a precondition: the
 * revision the client read. A different one means the entity changed since it was read
 * (412, as for a stale If-Match, rather than "a computed property cannot be changed"); the
 * same one is handed to the source, so the update is conditional there too.
 */
function bodyVersion(write: WriteRequest, set: EntitySetModel, current: Row): string | undefined {
  const name = set.entityType.etagProperty;
  const property = set.entityType.properties.find((candidate) => candidate.name === name);
  const body = write.body;
  if (
    property === undefined ||
    name === undefined ||
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body) ||
    !Object.hasOwn(body, name)
  )
    return undefined;
  const sent = jsonToValue((body as Record<string, unknown>)[name], property);
  // A value of the wrong type is reported with the other properties of the body.
  if (!sent.ok) return undefined;
  const version = current[property.columnIndex] ?? null;
  if (sameValue(property.type, sent.value, version))
    return version === null ? undefined : String(version);
  const currentEtag = formatEtag(version);
  throw new TsunagiError(
    'TSG601',
    `The entity has changed since it was read: ${name} was ${String(sent.value)} when it was read and is now ${String(version)}. Read it again and repeat the change.`,
    {
      target: name,
      ...(currentEtag === undefined ? {} : { headers: { ETag: currentEtag } }),
    },
  );
}

export async function createEntity(
  write: WriteRequest,
  reply: ResponseSink,
  resource: CollectionResource,
): Promise<void> {
  const set = resource.set;
  write.outcome.entitySet = set.name;
  write.authorize(set, 'insert');
  requireCapability(set, 'insert');
  const fixed = new Map<string, Value>();
  if (resource.parent !== undefined && resource.navigation !== undefined) {
    const parentRow = await requireEntity(write, resource.parent);
    for (const constraint of resource.navigation.constraints) {
      const parentProperty = resource.parent.set.entityType.properties.find(
        (property) => property.name === constraint.property,
      );
      if (parentProperty !== undefined)
        fixed.set(constraint.referencedProperty, parentRow[parentProperty.columnIndex] ?? null);
    }
  }
  const changes = entityChanges({
    set,
    body: write.body,
    mode: 'create',
    namespace: write.snapshot.model.namespace,
    fixed,
    relatedSet: (navigation) => write.snapshot.model.entitySets.get(navigation.targetSet),
  });
  const { table, connector } = await writableSource(write, set);
  const [row] = await write.writes.run(
    connector,
    [{ kind: 'insert', table, values: changes.values, nested: changes.nested }],
    write.context,
  );
  if (row === undefined)
    throw new TsunagiError('TSG900', 'The source did not return the created entity.');
  write.outcome.rows = 1;
  const location = entityUrl(write, set, row);
  void reply.header('Location', location);
  setEtagHeader(reply, set, row);
  if (write.prefer.return === 'minimal') {
    void reply
      .status(204)
      .header('OData-EntityId', location)
      .header('Preference-Applied', 'return=minimal')
      .send();
    return;
  }
  if (write.prefer.return === 'representation')
    void reply.header('Preference-Applied', 'return=representation');
  sendEntityBody(write, reply, set, row, 201);
}

export async function updateEntity(
  write: WriteRequest,
  reply: ResponseSink,
  resource: EntityResource,
  mode: Exclude<WriteMode, 'create'>,
): Promise<void> {
  const reference = resource.entity;
  const set = reference.set;
  write.outcome.entitySet = set.name;
  write.authorize(set, 'update');
  requireCapability(set, 'update');
  const found = await firstEntity(write, set, emptyOptions(), keyFilter(reference));
  const checkedVersion = checkPreconditions(write, set, found.row);
  if (found.row === undefined) throw notFound(set);
  const version = bodyVersion(write, set, found.row) ?? checkedVersion;
  const changes = entityChanges({
    set,
    body: write.body,
    mode,
    namespace: write.snapshot.model.namespace,
    current: found.row,
    relatedSet: (navigation) => write.snapshot.model.entitySets.get(navigation.targetSet),
  });
  const { table, connector } = await writableSource(write, set);
  const [row] = await write.writes.run(
    connector,
    [
      {
        kind: 'update',
        table,
        key: columnKey(set, reference),
        values: changes.values,
        replace: mode === 'replace',
        etag: version,
        nested: changes.nested,
      },
    ],
    write.context,
  );
  write.outcome.rows = 1;
  if (row !== undefined) setEtagHeader(reply, set, row);
  if (write.prefer.return === 'representation' && row !== undefined) {
    void reply.header('Preference-Applied', 'return=representation');
    sendEntityBody(write, reply, set, row, 200);
    return;
  }
  void reply.status(204).send();
}

export async function deleteEntity(
  write: WriteRequest,
  reply: ResponseSink,
  resource: EntityResource,
): Promise<void> {
  const reference = resource.entity;
  const set = reference.set;
  write.outcome.entitySet = set.name;
  write.authorize(set, 'delete');
  requireCapability(set, 'delete');
  let version: string | undefined;
  if (
    write.ifMatch !== undefined ||
    write.ifNoneMatch !== undefined ||
    set.capabilities.requiresIfMatch
  ) {
    const found = await firstEntity(write, set, emptyOptions(), keyFilter(reference));
    version = checkPreconditions(write, set, found.row);
    if (found.row === undefined) throw notFound(set);
  }
  const { table, connector } = await writableSource(write, set);
  await write.writes.run(
    connector,
    [{ kind: 'delete', table, key: columnKey(set, reference), etag: version }],
    write.context,
  );
  write.outcome.rows = 1;
  void reply.status(204).send();
}

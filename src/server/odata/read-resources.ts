/**
 * Answers GET requests for each kind of OData resource: the service document, $metadata,
 * collections (streamed, with server-driven paging), single entities, $count and single
 * property values. Each function gets the bound request and the negotiated settings and
 * writes the reply; errors are thrown as TsunagiError and rendered by the route's error
 * handler.
 */
import { Readable } from 'node:stream';
import type { ResponseSink } from './response-sink.js';
import type { CatalogSnapshot } from '../../catalog/catalog.js';
import type { Value } from '../../odata/edm/primitive-type.js';
import { executeRead } from '../../odata/execute/execute-read.js';
import { countRows } from '../../odata/execute/residual-rows.js';
import type { EvaluationOptions } from '../../odata/evaluate/index.js';
import { renderCsdlJson } from '../../odata/metadata/render-csdl-json.js';
import { renderCsdlXml } from '../../odata/metadata/render-csdl-xml.js';
import { renderServiceDocument } from '../../odata/metadata/service-document.js';
import { decodeSkipToken, encodeSkipToken } from '../../odata/paging/skip-token.js';
import { nextPageQuery, queryFingerprint } from '../../odata/paging/query-fingerprint.js';
import { conjunction } from '../../odata/plan/expression-nodes.js';
import { planCountScan, planRead } from '../../odata/plan/plan-read.js';
import type { ReadPlan } from '../../odata/plan/read-plan.js';
import type {
  BoundResource,
  CollectionOptions,
  CollectionResource,
  EntityResource,
} from '../../odata/semantic/query.js';
import { emptyOptions, notFound, readEntity, requireEntity } from './entity-reads.js';

type PropertyResource = Extract<BoundResource, { kind: 'property' }>;
import { collectionResponseFor } from './collection-response-for.js';
import { compileEntityWriter, entityWithContext } from '../../odata/serialize/entity-writer.js';
import { formatEtag } from '../../odata/serialize/etag.js';
import { entityContextUrl, propertyContextUrl } from '../../odata/serialize/context-url.js';
import { compileJsonValueWriter } from '../../odata/serialize/json-value-writer.js';
import { jsonContentType, type Representation } from '../../odata/serialize/representation.js';
import { compileKeyPredicate } from '../../odata/serialize/url-literal.js';
import type { ExecutionContext, SourceCall } from '../../connectors/connector.js';
import type { ODataVersion } from '../../odata/serialize/representation.js';
import { explainPlan } from './explain.js';
import type { ODataSettings } from './odata-settings.js';

export interface ReadRequest {
  readonly snapshot: CatalogSnapshot;
  readonly context: ExecutionContext;
  readonly settings: ODataSettings;
  readonly serviceRoot: string;
  /** Resource path after the service root, still encoded (for next links and fingerprints). */
  readonly path: string;
  /** Raw query string without `?`. */
  readonly query: string;
  readonly evaluation: EvaluationOptions;
  /** Set by the handlers: what the query log should say. */
  readonly outcome: { entitySet?: string; rows?: number; sourceQuery?: string; errorCode?: string };
  /** Source calls made so far by this request (shared with the query log). */
  readonly sourceCalls: readonly SourceCall[];
}

const metadataCache = new Map<string, string>();
const metadataCacheSize = 64;

export function sendServiceDocument(
  read: ReadRequest,
  reply: ResponseSink,
  representation: Representation,
): void {
  const document = renderServiceDocument(read.snapshot.model, read.serviceRoot);
  const body =
    representation.metadata === 'none'
      ? Object.fromEntries(Object.entries(document).filter(([key]) => !key.startsWith('@')))
      : document;
  void reply.header('Content-Type', jsonContentType(representation)).send(JSON.stringify(body));
}

export function sendMetadata(
  read: ReadRequest,
  reply: ResponseSink,
  format: 'xml' | 'json',
  version: ODataVersion,
  ifNoneMatch: string | undefined,
): void {
  const model = read.snapshot.model;
  const setNames = [...model.entitySets.keys()].join(',');
  const key = `${read.snapshot.version}|${format}|${version}|${setNames}`;
  const etag = `W/"${Buffer.from(key).toString('base64url').slice(-40)}-${setNames.length}"`;
  if (
    ifNoneMatch !== undefined &&
    ifNoneMatch.split(',').some((candidate) => candidate.trim() === etag)
  ) {
    void reply.status(304).header('ETag', etag).send();
    return;
  }
  let document = metadataCache.get(key);
  if (document === undefined) {
    document =
      format === 'xml' ? renderCsdlXml(model, { version }) : renderCsdlJson(model, { version });
    if (metadataCache.size >= metadataCacheSize) {
      const oldest = metadataCache.keys().next().value;
      if (oldest !== undefined) metadataCache.delete(oldest);
    }
    metadataCache.set(key, document);
  }
  void reply
    .header(
      'Content-Type',
      format === 'xml' ? 'application/xml;charset=utf-8' : 'application/json;charset=utf-8',
    )
    .header('ETag', etag)
    .send(document);
}

export async function sendCollection(
  read: ReadRequest,
  reply: ResponseSink,
  resource: CollectionResource,
  options: CollectionOptions,
  representation: Representation,
  pageSize: number | undefined,
  skipToken: string | undefined,
  explain: 'plan' | 'analyze' | undefined,
): Promise<void> {
  const set = resource.set;
  read.outcome.entitySet = set.name;
  if (resource.parent !== undefined) await requireEntity(read, resource.parent);
  const fingerprint = queryFingerprint(read.path, read.query);
  const position =
    skipToken === undefined
      ? undefined
      : decodeSkipToken(skipToken, fingerprint, read.settings.pagingSecret);
  const { table, connector } = await read.snapshot.resolveSource(set);
  const plan: ReadPlan = planRead({
    set,
    table,
    connector,
    options,
    constraint: resource.constraint,
    pageSize,
    position,
  });
  read.outcome.sourceQuery = plan.scan.sourceQuery;
  if (explain !== undefined) {
    const document = await explainPlan(plan, explain, read);
    void reply
      .header('Content-Type', 'application/json;charset=utf-8')
      .send(JSON.stringify(document, null, 2));
    return;
  }
  const execution = await executeRead({
    plan,
    context: read.context,
    evaluation: read.evaluation,
    resolveSource: read.snapshot.resolveSource,
  });
  const stream = collectionResponseFor({
    set,
    options,
    representation,
    namespace: read.snapshot.model.namespace,
    execution,
    onRows: (rows) => {
      read.outcome.rows = (read.outcome.rows ?? 0) + rows;
    },
    ...(pageSize === undefined ? {} : { maxBytes: read.settings.maxResponseBytes }),
    nextLink: (nextPosition) =>
      `${read.serviceRoot}${read.path}?${nextPageQuery(read.query, encodeSkipToken(nextPosition, fingerprint, read.settings.pagingSecret))}`,
  });
  void reply
    .header('Content-Type', jsonContentType(representation))
    .send(Readable.from(stream, { highWaterMark: 1 }));
}

export async function sendEntity(
  read: ReadRequest,
  reply: ResponseSink,
  resource: EntityResource,
  options: CollectionOptions,
  representation: Representation,
  ifNoneMatch: string | undefined,
): Promise<void> {
  read.outcome.entitySet = resource.entity.set.name;
  const { set, row, expanded } = await readEntity(read, resource, options);
  if (row === undefined) throw notFound(set);
  read.outcome.rows = 1;
  const etagProperty = set.entityType.properties.find(
    (property) => property.name === set.entityType.etagProperty,
  );
  const etag =
    etagProperty === undefined ? undefined : formatEtag(row[etagProperty.columnIndex] ?? null);
  if (etag !== undefined) {
    void reply.header('ETag', etag);
    if (
      ifNoneMatch !== undefined &&
      ifNoneMatch
        .split(',')
        .some((candidate) => candidate.trim() === etag || candidate.trim() === '*')
    ) {
      void reply.status(304).send();
      return;
    }
  }
  const writeEntity = compileEntityWriter({
    set,
    options,
    representation,
    namespace: read.snapshot.model.namespace,
  });
  const entity = writeEntity(row, expanded);
  const body = entityWithContext(
    entity,
    representation.metadata === 'none'
      ? undefined
      : entityContextUrl(read.serviceRoot, set.name, options, representation.version),
  );
  void reply.header('Content-Type', jsonContentType(representation)).send(body);
}

export async function sendCount(
  read: ReadRequest,
  reply: ResponseSink,
  resource: CollectionResource,
  options: CollectionOptions,
): Promise<void> {
  const set = resource.set;
  read.outcome.entitySet = set.name;
  const { table, connector } = await read.snapshot.resolveSource(set);
  const filter = conjunction(options.filter, resource.constraint);
  const scan = planCountScan(set, table, connector, filter, options);
  read.outcome.sourceQuery = scan.sourceQuery;
  const count = await countRows({
    connector,
    scan,
    context: read.context,
    evaluation: read.evaluation,
  });
  read.outcome.rows = count;
  void reply.header('Content-Type', 'text/plain;charset=utf-8').send(String(count));
}

function rawText(value: Value): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

export async function sendProperty(
  read: ReadRequest,
  reply: ResponseSink,
  resource: PropertyResource,
  representation: Representation,
): Promise<void> {
  const set = resource.entity.set;
  read.outcome.entitySet = set.name;
  const options: CollectionOptions = { ...emptyOptions(), select: [resource.property] };
  const { row } = await readEntity(
    read,
    { kind: 'entity', entity: resource.entity, via: undefined },
    options,
  );
  if (row === undefined) throw notFound(set);
  read.outcome.rows = 1;
  const value = row[resource.property.columnIndex] ?? null;
  if (value === null) {
    void reply.status(204).send();
    return;
  }
  if (resource.value) {
    if (value instanceof Uint8Array) {
      void reply.header('Content-Type', 'application/octet-stream').send(Buffer.from(value));
      return;
    }
    void reply.header('Content-Type', 'text/plain;charset=utf-8').send(rawText(value));
    return;
  }
  const write = compileJsonValueWriter(
    resource.property.type,
    resource.property.collection,
    representation.ieee754Compatible,
  );
  const context =
    representation.metadata === 'none'
      ? ''
      : `"@odata.context":${JSON.stringify(propertyContextUrl(read.serviceRoot, set.name, compileKeyPredicate(set.entityType)(row), resource.property.name))},`;
  void reply
    .header('Content-Type', jsonContentType(representation))
    .send(`{${context}"value":${write(value)}}`);
}

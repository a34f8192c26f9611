/**
 * Dispatches one OData call (a top-level request or a $batch part) to the handler of its
 * resource and method, after parsing and binding it against the caller's service model:
 * reads (service document, $metadata, collections, entities, counts, properties), writes
 * (create, update, replace, delete) and $batch.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ExecutionContext, SourceCall } from '../../connectors/connector.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import { bindRequest } from '../../odata/bind/bind-request.js';
import type { BoundRequest } from '../../odata/semantic/query.js';
import type { ODataVersion, Representation } from '../../odata/serialize/representation.js';
import { runBatch } from './batch/run-batch.js';
import { negotiateJson, negotiateMetadataFormat, negotiateRaw } from './content-negotiation.js';
import { parseJsonBody } from './json-body.js';
import type { ODataCall } from './odata-call.js';
import type { ODataService } from './odata-service.js';
import type { ODataSettings } from './odata-settings.js';
import { parsePrefer } from './prefer-header.js';
import {
  sendCollection,
  sendCount,
  sendEntity,
  sendMetadata,
  sendProperty,
  sendServiceDocument,
  type ReadRequest,
} from './read-resources.js';
import type { ResponseSink } from './response-sink.js';
import type { WriteGate } from './write-gate.js';
import { createEntity, deleteEntity, updateEntity, type WriteRequest } from './write-resources.js';

export interface Timings {
  readonly marks: [string, number][];
  last: number;
}

export interface CallEnvironment {
  readonly service: ODataService;
  readonly settings: ODataSettings;
  readonly version: ODataVersion;
  readonly serviceRoot: string;
  readonly context: ExecutionContext;
  readonly sourceCalls: SourceCall[];
  readonly outcome: { entitySet?: string; rows?: number; sourceQuery?: string; errorCode?: string };
  readonly timings: Timings;
  readonly requestId: string;
  readonly log: FastifyBaseLogger;
  /** Where writes go: at once, or into the change set this call belongs to. */
  readonly writes: WriteGate;
}

function mark(timings: Timings, name: string): void {
  const now = performance.now();
  timings.marks.push([name, now - timings.last]);
  timings.last = now;
}

function serverTiming(timings: Timings): string {
  return timings.marks.map(([name, duration]) => `${name};dur=${duration.toFixed(2)}`).join(', ');
}

/** The administrators' page size, within the server's own limit (0: no server limit). */
export function effectivePageSize(
  configured: number | undefined,
  serverLimit: number,
): number | undefined {
  const limit = serverLimit > 0 ? serverLimit : undefined;
  if (configured === undefined) return limit;
  return limit === undefined ? configured : Math.min(configured, limit);
}

function explainMode(query: string): 'plan' | 'analyze' | undefined {
  for (const part of query.split('&')) {
    const equals = part.indexOf('=');
    if ((equals < 0 ? part : part.slice(0, equals)) !== 'explain') continue;
    const value = equals < 0 ? '' : decodeURIComponent(part.slice(equals + 1));
    if (value === '' || value === 'plan' || value === 'true') return 'plan';
    if (value === 'analyze') return 'analyze';
    throw new TsunagiError(
      'TSG102',
      `explain=${value} is not an explain mode; use explain=plan or explain=analyze.`,
      {
        target: 'explain',
      },
    );
  }
  return undefined;
}

function representationFor(
  call: ODataCall,
  bound: BoundRequest,
  environment: CallEnvironment,
): Representation {
  return {
    version: environment.version,
    serviceRoot: environment.serviceRoot,
    ...negotiateJson(call.headers['accept'], bound.format.format),
  };
}

async function answerRead(
  call: ODataCall,
  sink: ResponseSink,
  bound: BoundRequest,
  read: ReadRequest,
  environment: CallEnvironment,
): Promise<void> {
  const { service, timings, version } = environment;
  const accept = call.headers['accept'];
  const ifNoneMatch = call.headers['if-none-match'];
  const resource = bound.resource;
  switch (resource.kind) {
    case 'serviceDocument':
      sendServiceDocument(read, sink, representationFor(call, bound, environment));
      return;
    case 'metadata':
      sendMetadata(
        read,
        sink,
        negotiateMetadataFormat(accept, bound.format.format),
        version,
        ifNoneMatch,
      );
      return;
    case 'batch':
      throw new TsunagiError('TSG122', '$batch requests must use POST.', {
        headers: { Allow: 'POST' },
      });
    case 'collection': {
      service.authorize(resource.set, 'read');
      const representation = representationFor(call, bound, environment);
      const prefer = parsePrefer(call.headers['prefer']);
      const serverMax = effectivePageSize(service.maxPageSize, read.settings.maxPageSize);
      const pageSize =
        prefer.maxPageSize === undefined
          ? serverMax
          : serverMax === undefined
            ? prefer.maxPageSize
            : Math.min(serverMax, prefer.maxPageSize);
      if (prefer.maxPageSize !== undefined)
        sink.header('Preference-Applied', `odata.maxpagesize=${pageSize ?? prefer.maxPageSize}`);
      mark(timings, 'plan');
      sink.header('Server-Timing', serverTiming(timings));
      await sendCollection(
        read,
        sink,
        resource,
        bound.options,
        representation,
        pageSize,
        bound.format.skipToken,
        explainMode(call.query),
      );
      return;
    }
    case 'entity':
      service.authorize(resource.entity.set, 'read');
      await sendEntity(
        read,
        sink,
        resource,
        bound.options,
        representationFor(call, bound, environment),
        ifNoneMatch,
      );
      return;
    case 'count':
      // Always text/plain, whatever Accept says: some clients (the SAP Cloud SDK) ask for JSON.
      service.authorize(resource.collection.set, 'read');
      await sendCount(read, sink, resource.collection, bound.options);
      return;
    case 'property':
      service.authorize(resource.entity.set, 'read');
      if (resource.value) negotiateRaw(accept, 'text/plain');
      await sendProperty(
        read,
        sink,
        resource,
        resource.value
          ? {
              version,
              serviceRoot: read.serviceRoot,
              metadata: 'minimal',
              ieee754Compatible: false,
            }
          : representationFor(call, bound, environment),
      );
      return;
  }
}

async function answerWrite(
  call: ODataCall,
  sink: ResponseSink,
  bound: BoundRequest,
  read: ReadRequest,
  environment: CallEnvironment,
): Promise<void> {
  const resource = bound.resource;
  const method = call.method;
  if (resource.kind === 'batch' && method === 'POST') {
    await runBatch(call, sink, environment, dispatchCall);
    return;
  }
  const allowed =
    resource.kind === 'collection'
      ? 'GET, HEAD, POST'
      : resource.kind === 'entity'
        ? 'GET, HEAD, PATCH, PUT, DELETE'
        : 'GET, HEAD';
  const fits =
    (resource.kind === 'collection' && method === 'POST') ||
    (resource.kind === 'entity' && (method === 'PATCH' || method === 'PUT' || method === 'DELETE'));
  if (!fits) {
    throw new TsunagiError(
      'TSG122',
      `${method} is not supported on this resource; it allows ${allowed}.`,
      {
        headers: { Allow: allowed },
      },
    );
  }
  const write: WriteRequest = {
    ...read,
    body: method === 'DELETE' ? undefined : parseJsonBody(call.body, call.headers['content-type']),
    prefer: parsePrefer(call.headers['prefer']),
    ifMatch: call.headers['if-match'],
    ifNoneMatch: call.headers['if-none-match'],
    representation: representationFor(call, bound, environment),
    authorize: (set, action) => environment.service.authorize(set, action),
    writes: environment.writes,
  };
  if (resource.kind === 'collection') await createEntity(write, sink, resource);
  else if (resource.kind === 'entity' && method === 'DELETE')
    await deleteEntity(write, sink, resource);
  else if (resource.kind === 'entity')
    await updateEntity(write, sink, resource, method === 'PUT' ? 'replace' : 'merge');
}

/** Answers one call into `sink`; throws TsunagiError for the caller to render. */
export async function dispatchCall(
  call: ODataCall,
  sink: ResponseSink,
  environment: CallEnvironment,
): Promise<void> {
  const snapshot = environment.service.snapshot;
  const bound = bindRequest({ path: call.path, query: call.query }, snapshot.model);
  mark(environment.timings, 'parse');
  const read: ReadRequest = {
    snapshot,
    context: environment.context,
    settings: environment.settings,
    serviceRoot: environment.serviceRoot,
    path: call.path,
    query: call.query,
    evaluation: { now: new Date() },
    outcome: environment.outcome,
    sourceCalls: environment.sourceCalls,
  };
  if (call.method === 'GET' || call.method === 'HEAD')
    await answerRead(call, sink, bound, read, environment);
  else await answerWrite(call, sink, bound, read, environment);
}

/**
 * Runs a $batch: parses it (multipart/mixed or JSON), executes its requests in order
 * through the same dispatcher as top-level requests, runs each change set (atomicity
 * group) all-or-nothing through an AtomicWriteGroup, resolves `$<id>` references to
 * entities created by earlier requests, honours `dependsOn` and `Prefer:
 * odata.continue-on-error` (without it, processing stops at the first failure), and
 * answers in the format it was asked in.
 */
import { toErrorResponse } from '../../../errors/odata-error-body.js';
import { TsunagiError } from '../../../errors/tsunagi-error.js';
import type { CallEnvironment } from '../dispatch-call.js';
import { parseMediaType } from '../media-type.js';
import type { ODataCall } from '../odata-call.js';
import { splitUrl } from '../odata-call.js';
import { parsePrefer } from '../prefer-header.js';
import { BufferedResponse, type ResponseSink } from '../response-sink.js';
import { AtomicWriteGroup, immediateWrites, type WriteGate } from '../write-gate.js';
import type { BatchItem, BatchItemResponse } from './batch-request.js';
import { parseJsonBatch, writeJsonBatch } from './json-batch.js';
import { multipartBoundary, parseMultipartBatch, writeMultipartBatch } from './multipart-batch.js';

export type Dispatch = (
  call: ODataCall,
  sink: ResponseSink,
  environment: CallEnvironment,
) => Promise<void>;

interface BatchState {
  /** Entity URL (Location) created by each request id. */
  readonly locations: Map<string, string>;
  readonly failed: Set<string>;
}

function resolveUrl(
  item: BatchItem,
  environment: CallEnvironment,
  state: BatchState,
  groupIds: ReadonlySet<string>,
): string {
  const { basePath } = environment.settings;
  let url = item.url;
  if (url.startsWith('$')) {
    const slash = url.indexOf('/');
    const reference = url.slice(1, slash < 0 ? undefined : slash);
    if (groupIds.has(reference)) {
      throw new TsunagiError(
        'TSG632',
        `The request refers to $${reference}, created in the same change set; put it in a later change set.`,
      );
    }
    const location = state.locations.get(reference);
    if (location === undefined) {
      throw new TsunagiError(
        'TSG630',
        `The request refers to $${reference}, but no earlier request with that id created an entity.`,
      );
    }
    url = `${location}${slash < 0 ? '' : url.slice(slash)}`;
  }
  if (/^https?:\/\//i.test(url)) url = url.replace(/^https?:\/\/[^/]+/i, '');
  if (url.startsWith('/')) {
    if (!url.startsWith(basePath))
      throw new TsunagiError('TSG630', `The request URL ${item.url} is not in this service.`);
    url = url.slice(basePath.length);
    return url.startsWith('/') || url.startsWith('?') || url === '' ? url : `/${url}`;
  }
  if (url.startsWith(environment.serviceRoot)) return url.slice(environment.serviceRoot.length);
  return `/${url}`;
}

async function runItem(
  item: BatchItem,
  environment: CallEnvironment,
  dispatch: Dispatch,
  state: BatchState,
  gate: WriteGate,
  groupIds: ReadonlySet<string>,
): Promise<BatchItemResponse> {
  const sink = new BufferedResponse();
  try {
    const { path, query } = splitUrl(resolveUrl(item, environment, state, groupIds));
    await dispatch(
      { method: item.method, path, query, headers: item.headers, body: item.body },
      sink,
      { ...environment, writes: gate, outcome: {} },
    );
    sink.header('OData-Version', environment.version);
  } catch (error) {
    const response = toErrorResponse(error, environment.requestId);
    if (response.unexpected)
      environment.log.error({ err: error }, 'unexpected error in a $batch request');
    sink.status(response.status);
    for (const [name, value] of Object.entries(response.headers)) sink.header(name, value);
    sink
      .header('OData-Version', environment.version)
      .header('Content-Type', 'application/json;charset=utf-8')
      .send(JSON.stringify(response.body));
  }
  return {
    id: item.id,
    group: item.group,
    status: sink.statusCode,
    headers: sink.headers,
    body: await sink.bodyBytes(),
  };
}

function failedDependency(item: BatchItem, because: string): BatchItemResponse {
  const error = new TsunagiError('TSG633', `Not executed: ${because}.`);
  const response = toErrorResponse(error, '');
  return {
    id: item.id,
    group: item.group,
    status: 424,
    headers: new Map([['content-type', 'application/json;charset=utf-8']]),
    body: Buffer.from(JSON.stringify(response.body)),
  };
}

async function runGroup(
  items: readonly BatchItem[],
  environment: CallEnvironment,
  dispatch: Dispatch,
  state: BatchState,
): Promise<BatchItemResponse[]> {
  const reads = items.filter((item) => item.method === 'GET' || item.method === 'HEAD');
  if (reads.length > 0) {
    const error = new TsunagiError(
      'TSG632',
      'A change set may only hold changes (POST, PATCH, PUT, DELETE), not reads.',
    );
    return items.map((item) => {
      const response = toErrorResponse(error, environment.requestId);
      return {
        id: item.id,
        group: item.group,
        status: response.status,
        headers: new Map([['content-type', 'application/json;charset=utf-8']]),
        body: Buffer.from(JSON.stringify(response.body)),
      };
    });
  }
  const group = new AtomicWriteGroup(items.length, environment.context);
  const ids = new Set(items.map((item) => item.id));
  const responses = await Promise.all(
    items.map(async (item, index) => {
      let registered = false;
      const gate = group.gateFor(index);
      const response = await runItem(
        item,
        environment,
        dispatch,
        state,
        {
          run: (connector, operations, context) => {
            registered = true;
            return gate.run(connector, operations, context);
          },
        },
        ids,
      );
      if (!registered && response.status >= 400) group.requestFailed(index);
      return response;
    }),
  );
  return responses;
}

export async function runBatch(
  call: ODataCall,
  sink: ResponseSink,
  environment: CallEnvironment,
  dispatch: Dispatch,
): Promise<void> {
  const contentType = call.headers['content-type'];
  const boundary = multipartBoundary(contentType);
  const mediaType = contentType === undefined ? undefined : parseMediaType(contentType);
  const json =
    boundary === undefined && mediaType?.type === 'application' && mediaType.subtype === 'json';
  if (boundary === undefined && !json) {
    throw new TsunagiError(
      'TSG123',
      '$batch requests must be multipart/mixed (with a boundary) or application/json.',
      {
        target: 'Content-Type',
      },
    );
  }
  const body = call.body ?? Buffer.alloc(0);
  const items = boundary === undefined ? parseJsonBatch(body) : parseMultipartBatch(body, boundary);
  const limit = environment.settings.maxBatchRequests;
  if (items.length > limit) {
    throw new TsunagiError(
      'TSG631',
      `The $batch holds ${items.length} requests; this service accepts at most ${limit}.`,
    );
  }
  const continueOnError = parsePrefer(call.headers['prefer']).continueOnError;
  const state: BatchState = { locations: new Map(), failed: new Set() };
  const responses: BatchItemResponse[] = [];
  let index = 0;
  while (index < items.length) {
    const first = items[index] as BatchItem;
    const unit: BatchItem[] = [first];
    index++;
    while (first.group !== undefined && index < items.length && items[index]?.group === first.group)
      unit.push(items[index++] as BatchItem);
    const blocked = unit.flatMap((item) =>
      item.dependsOn.filter((dependency) => state.failed.has(dependency)),
    );
    const unitResponses =
      blocked.length > 0
        ? unit.map((item) =>
            failedDependency(item, `request ${blocked[0] ?? ''} it depends on failed`),
          )
        : first.group === undefined
          ? [await runItem(first, environment, dispatch, state, immediateWrites, new Set())]
          : await runGroup(unit, environment, dispatch, state);
    const groupFailed = unitResponses.some((response) => response.status >= 400);
    for (const response of unitResponses) {
      responses.push(response);
      if (response.status >= 400 || (groupFailed && first.group !== undefined))
        state.failed.add(response.id);
      const location = response.headers.get('location');
      if (location !== undefined && response.status < 400)
        state.locations.set(response.id, location);
    }
    if (groupFailed && !continueOnError) break;
  }
  const written =
    boundary === undefined ? writeJsonBatch(responses) : writeMultipartBatch(responses);
  if (continueOnError) sink.header('Preference-Applied', 'odata.continue-on-error');
  sink.status(200).header('Content-Type', written.contentType).send(written.body);
}

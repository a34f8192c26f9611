/**
 * The OData endpoint: registers the service root and everything below it, and composes
 * the pipeline of each request: URL limit, version negotiation, authentication (through
 * the service provider), parse and bind, then the handler of the addressed resource and
 * method. Errors become OData error bodies with their catalogue code; per-stage timings go
 * to Server-Timing; every finished request is reported to the provider (query log).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from '../../errors/odata-error-body.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { ODataVersion } from '../../odata/serialize/representation.js';
import { dispatchCall, type CallEnvironment } from './dispatch-call.js';
import type { ODataCall } from './odata-call.js';
import type { ODataService, ODataServiceProvider } from './odata-service.js';
import type { ODataSettings } from './odata-settings.js';
import { negotiateVersion } from './content-negotiation.js';
import { acceptRawBodies, bodyError } from './request-body.js';
import { startRequestExecution } from './request-execution.js';
import { issueCsrfToken, verifyCsrfToken } from './csrf-tokens.js';
import type { ResponseSink } from './response-sink.js';
import { immediateWrites } from './write-gate.js';

function headersOf(request: FastifyRequest): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function serviceRootOf(request: FastifyRequest, settings: ODataSettings): string {
  const base = settings.publicUrl ?? `${request.protocol}://${request.host}`;
  return `${base.replace(/\/+$/, '')}${settings.basePath}`;
}

/** Writes an error as an OData error body; returns its code for the query log. */
export function sendError(
  request: FastifyRequest,
  sink: ResponseSink,
  error: unknown,
  version: ODataVersion,
): string {
  const response = toErrorResponse(error, request.id);
  if (response.unexpected) request.log.error({ err: error }, 'unexpected error in OData request');
  sink.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) sink.header(name, value);
  sink
    .header('OData-Version', version)
    .header('Content-Type', 'application/json;charset=utf-8')
    .send(JSON.stringify(response.body));
  return response.body.error.code;
}

/** Hands out CSRF tokens on `X-CSRF-Token: Fetch` and requires them on changes. */
function checkCsrf(
  request: FastifyRequest,
  reply: FastifyReply,
  service: ODataService,
  settings: ODataSettings,
): void {
  const principal = service.principal ?? 'anonymous';
  const header = request.headers['x-csrf-token'];
  const sent = Array.isArray(header) ? header[0] : header;
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (sent?.toLowerCase() === 'fetch')
      void reply.header('X-CSRF-Token', issueCsrfToken(settings.pagingSecret, principal));
    return;
  }
  if (!verifyCsrfToken(settings.pagingSecret, principal, sent)) {
    throw new TsunagiError(
      'TSG604',
      'This change needs a valid X-CSRF-Token; fetch one with a GET carrying X-CSRF-Token: Fetch.',
      {
        headers: { 'X-CSRF-Token': 'Required' },
        target: 'X-CSRF-Token',
      },
    );
  }
}

export function registerODataRoutes(
  app: FastifyInstance,
  provider: ODataServiceProvider,
  settings: ODataSettings,
): void {
  // Returns the reply: Fastify then waits for what the handler sent (a stream may still be running).
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const started = performance.now();
    const rawUrl = request.raw.url ?? '';
    let version: ODataVersion = '4.0';
    let service: ODataService | undefined;
    const execution = startRequestExecution(reply.raw, settings.requestTimeoutMs);
    const outcome: CallEnvironment['outcome'] = {};
    reply.raw.once('close', () => {
      service?.recordRequest?.({
        method: request.method,
        url: rawUrl,
        entitySet: outcome.entitySet,
        status: reply.statusCode,
        rows: outcome.rows,
        durationMs: performance.now() - started,
        sourceCalls: execution.sourceCalls,
        sourceQuery: outcome.sourceQuery,
        errorCode: outcome.errorCode,
      });
    });
    try {
      if (rawUrl.length > settings.maxUrlLength) {
        throw new TsunagiError(
          'TSG110',
          `The request URL is ${rawUrl.length} characters long; this service accepts at most ${settings.maxUrlLength}.`,
        );
      }
      version = negotiateVersion({
        maxVersion: request.headers['odata-maxversion'] as string | undefined,
        version: request.headers['odata-version'] as string | undefined,
      });
      void reply.header('OData-Version', version);
      service = await provider.serviceFor({
        method: request.method,
        url: rawUrl,
        headers: request.headers,
        remoteAddress: request.ip,
      });
      if (settings.csrfProtection) checkCsrf(request, reply, service, settings);
      const queryStart = rawUrl.indexOf('?');
      const call: ODataCall = {
        method: request.method,
        path: (queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart)).slice(
          settings.basePath.length,
        ),
        query: queryStart < 0 ? '' : rawUrl.slice(queryStart + 1),
        headers: headersOf(request),
        body: request.body as Buffer | undefined,
      };
      await dispatchCall(call, reply, {
        service,
        settings,
        version,
        serviceRoot: serviceRootOf(request, settings),
        context: execution.context,
        sourceCalls: execution.sourceCalls,
        outcome,
        timings: { marks: [['auth', performance.now() - started]], last: performance.now() },
        requestId: request.id,
        log: request.log,
        writes: immediateWrites,
      });
    } catch (error) {
      outcome.errorCode = sendError(request, reply, error, version);
    }
    return reply;
  };

  void app.register((scope, _options, done) => {
    acceptRawBodies(scope, settings.maxBodyBytes);
    scope.setErrorHandler((error, request, reply) => {
      sendError(request, reply, bodyError(error) ?? error, '4.0');
    });
    for (const url of [settings.basePath, `${settings.basePath}/*`]) {
      scope.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url, handler });
    }
    done();
  });
}

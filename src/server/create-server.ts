/**
 * Composes the gateway's HTTP server: logging with secrets redacted, request ids, metrics,
 * health and readiness probes, and the OData endpoint. Each part lives in its own module; this
 * one only wires them together.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerHealthRoutes, type ReadinessCheck } from './health-routes.js';
import type { GatewayMetrics } from './metrics/gateway-metrics.js';
import { registerMetricsRoutes } from './metrics/metrics-routes.js';
import { createTlsServer, type TlsFiles } from './tls-server.js';
import { registerODataRoutes } from './odata/odata-routes.js';
import type { ODataServiceProvider } from './odata/odata-service.js';
import type { ODataSettings } from './odata/odata-settings.js';

export interface ServerOptions {
  readonly odata: ODataSettings;
  readonly provider: ODataServiceProvider;
  readonly logger: FastifyBaseLogger | false;
  readonly readiness: ReadinessCheck;
  /** Trust X-Forwarded-* headers (behind a load balancer). */
  readonly trustProxy?: boolean;
  /** Prometheus metrics: `/metrics` and the hooks that count requests (none when absent). */
  readonly metrics?: GatewayMetrics;
  /** Serve HTTPS with these files (reloaded on change), optionally requiring client certificates. */
  readonly tls?: TlsFiles;
  /** Further parts of the server (admin API, web console), registered after the OData endpoint. */
  readonly plugins?: readonly ((app: FastifyInstance) => void | Promise<void>)[];
}

/** Header fields whose values never reach a log. */
export const redactedHeaderPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

/** Node's default limit on the request head (URL included) is 16 KiB; the OData route applies its own URL limit. */
const maxHeaderSize = 64 * 1024;

export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  let stopWatchingTls: (() => void) | undefined;
  const tls = options.tls;
  const app = Fastify({
    loggerInstance: options.logger === false ? undefined : options.logger,
    logger: options.logger === false ? false : undefined,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { maxParamLength: 65_536 },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    serverFactory: (handler) => {
      if (tls === undefined) return createHttpServer({ maxHeaderSize }, handler);
      const created = createTlsServer(tls, handler, maxHeaderSize, (error) => {
        if (error === undefined) app.log.info('TLS certificate reloaded');
        else
          app.log.error(
            { err: error },
            'TLS certificate files changed but cannot be used; keeping the previous ones',
          );
      });
      stopWatchingTls = () => created.stop();
      return created.server;
    },
  });
  app.addHook('onClose', (_instance, done) => {
    stopWatchingTls?.();
    done();
  });
  if (options.metrics !== undefined) {
    registerMetricsRoutes(app, options.metrics, options.odata.basePath);
  }
  registerHealthRoutes(app, options.readiness);
  registerODataRoutes(app, options.provider, options.odata);
  for (const plugin of options.plugins ?? []) await plugin(app);
  await app.ready();
  return app;
}

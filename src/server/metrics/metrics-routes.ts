/**
 * Wires the metrics into the HTTP server: `/metrics` in the Prometheus text format, and
 * hooks that count every answered request (by route kind, method and status, with its
 * latency) and every error answer by its catalogue code (read from the start of the
 * error body, so that every part of the server is counted the same way). A plugin can
 * name the kind of its routes with the route option `config: { routeKind: 'console' }`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GatewayMetrics } from './gateway-metrics.js';

const errorCodePattern = /^\{"error":\{"code":"(TSG\d{3})"/;

export function routeKindOf(request: FastifyRequest, odataBasePath: string): string {
  const config = request.routeOptions.config as { readonly routeKind?: unknown } | undefined;
  if (typeof config?.routeKind === 'string') return config.routeKind;
  const url = request.routeOptions.url;
  if (url === undefined) return 'unmatched';
  if (url === odataBasePath || url.startsWith(`${odataBasePath}/`)) return 'odata';
  if (url.startsWith('/api/admin/')) return 'admin';
  if (url === '/healthz' || url === '/readyz') return 'health';
  if (url === '/metrics') return 'metrics';
  return 'other';
}

/** Call before any route is registered, so that the hooks see every request. */
export function registerMetricsRoutes(
  app: FastifyInstance,
  metrics: GatewayMetrics,
  odataBasePath: string,
): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      const code = errorCodePattern.exec(payload.slice(0, 40))?.[1];
      if (code !== undefined) metrics.recordError(code);
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.recordHttpRequest(
      routeKindOf(request, odataBasePath),
      request.method,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await metrics.exposition();
    await reply.header('Content-Type', contentType).header('Cache-Control', 'no-store').send(body);
  });
}

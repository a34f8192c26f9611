/**
 * Liveness and readiness probes for load balancers and orchestrators: `/healthz` answers
 * as long as the process serves HTTP; `/readyz` runs the readiness check (store reachable,
 * catalog built) and answers 503 with the failing checks otherwise.
 */
import type { FastifyInstance } from 'fastify';

export type ReadinessCheck = () => Promise<{
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, string>>;
}>;

export function registerHealthRoutes(app: FastifyInstance, readiness: ReadinessCheck): void {
  app.get('/healthz', async (_request, reply) => {
    await reply.header('Cache-Control', 'no-store').send({ status: 'ok' });
  });
  app.get('/readyz', async (_request, reply) => {
    const result = await readiness().catch((error: unknown) => ({
      ready: false,
      checks: { readiness: error instanceof Error ? error.message : 'failed' },
    }));
    await reply
      .status(result.ready ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send({ status: result.ready ? 'ready' : 'not ready', checks: result.checks });
  });
}

/**
 * Starts a complete gateway node (`tsunagi serve`, `tsunagi demo`): the control plane on
 * its store, live connectors for the stored connections, the catalog built from the
 * published tables, the HTTP server (OData endpoint, health probes, plus the admin API and
 * console plugins given), change events that keep caches right across nodes, and the
 * periodic housekeeping (query-log retention, ended sessions).
 */
import { createHmac } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Catalog } from '../catalog/catalog.js';
import { salesforceCompatibleModel } from '../catalog/salesforce-compatibility.js';
import type { ServiceModel } from '../odata/edm/service-model.js';
import type { Publication } from '../catalog/publication.js';
import type { ConnectorRegistry } from '../control-plane/connector-registry.js';
import type { ControlPlane } from '../control-plane/control-plane.js';
import type { PasswordHashingParameters } from '../control-plane/password-hasher.js';
import { startControlPlane } from '../control-plane/start-control-plane.js';
import { redisAttemptLimiters } from '../control-plane/redis-attempt-limiter.js';
import { Redis } from 'ioredis';
import { validateServiceModel } from '../odata/metadata/validate-service-model.js';
import { createServer } from '../server/create-server.js';
import { GatewayMetrics } from '../server/metrics/gateway-metrics.js';
import type { TlsFiles } from '../server/tls-server.js';
import { defaultODataSettings, type ODataSettings } from '../server/odata/odata-settings.js';
import { ConnectionRuntime } from './connection-runtime.js';
import { ControlPlaneServiceProvider } from './control-plane-service-provider.js';

export interface GatewayOptions {
  readonly dataDirectory: string;
  /** PostgreSQL URL for a fleet; the SQLite file in the data directory when absent. */
  readonly storeUrl?: string;
  /** Base64 master key (TSUNAGI_SECRET_KEY); else the key file in the data directory. */
  readonly secretKey?: string;
  readonly host: string;
  readonly port: number;
  /** Public base URL when behind a proxy (scheme://host[:port]). */
  readonly publicUrl?: string;
  readonly trustProxy?: boolean;
  /** HTTPS (and optionally mutual TLS) with certificate files reloaded on change. */
  readonly tls?: TlsFiles;
  readonly odata?: Partial<Omit<ODataSettings, 'pagingSecret'>>;
  readonly connectors: ConnectorRegistry;
  readonly logger: FastifyBaseLogger | false;
  /** Registers the admin API, console ... with access to the running parts. */
  readonly plugins?: readonly ((
    app: FastifyInstance,
    gateway: GatewayParts,
  ) => void | Promise<void>)[];
  /** Milliseconds between two housekeeping runs (default one hour). */
  readonly housekeepingInterval?: number;
  /** `/metrics` and request counting (default on); false turns them off. */
  readonly metrics?: false | { readonly processMetrics?: boolean };
  /** Created before the server listens when the store has no user yet. */
  readonly initialAdministrator?: { readonly email: string; readonly password: string };
  /** argon2id cost (tests pass cheap parameters). */
  readonly passwordHashing?: PasswordHashingParameters;
  /** Redis shared by every node, for fleet-wide sign-in and token throttling. */
  readonly redisUrl?: string;
  /** Prefix of this installation's Redis keys (default "tsunagi"). */
  readonly redisNamespace?: string;
}

export interface GatewayParts {
  readonly controlPlane: ControlPlane;
  readonly catalog: Catalog;
  readonly connections: ConnectionRuntime;
  readonly odata: ODataSettings;
  readonly metrics: GatewayMetrics;
}

export interface RunningGateway extends GatewayParts {
  /** scheme://host:port of the server. */
  readonly url: string;
  readonly serviceUrl: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

function publicationOf(record: {
  connectionId: string;
  tableName: string;
  entitySet: string;
  propertyAliases: Readonly<Record<string, string>>;
}): Publication {
  return {
    connectionId: record.connectionId,
    tableId: record.tableName,
    alias: record.entitySet,
    propertyAliases: record.propertyAliases,
  };
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const redis =
    options.redisUrl === undefined
      ? undefined
      : new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  // Fails at start-up, with Redis's own message, when the configured Redis cannot be reached.
  await redis?.connect();
  const started = await startControlPlane({
    ...(redis === undefined
      ? {}
      : { attemptLimiters: redisAttemptLimiters(redis, options.redisNamespace) }),
    dataDirectory: options.dataDirectory,
    connectors: options.connectors,
    ...(options.storeUrl === undefined ? {} : { storeUrl: options.storeUrl }),
    ...(options.secretKey === undefined ? {} : { secretKey: options.secretKey }),
    ...(options.passwordHashing === undefined ? {} : { passwordHashing: options.passwordHashing }),
  });
  const { controlPlane, store } = started;
  try {
    if (options.initialAdministrator !== undefined && !(await controlPlane.users.isInitialized())) {
      await controlPlane.users.initialize(options.initialAdministrator);
    }
  } catch (error) {
    await started.close();
    redis?.disconnect();
    throw error;
  }
  const connections = new ConnectionRuntime(controlPlane.connections, options.connectors);
  const catalog = new Catalog(
    {
      listPublications: async () => (await store.publications.list()).map(publicationOf),
      connector: (connectionId) => connections.connectorFor(connectionId),
    },
    {
      namespace: 'Tsunagi',
      containerName: 'Service',
      validate: validateServiceModel,
      ...((options.odata?.compatibility ?? defaultODataSettings.compatibility) === 'salesforce'
        ? { transform: (model: ServiceModel) => salesforceCompatibleModel(model) }
        : {}),
    },
  );
  const unsubscribe = store.onChange((event) => {
    const dropped = connections.handleChange(event);
    if (event.kind === 'publication' || event.kind === 'all') catalog.invalidate();
    for (const connectionId of dropped) catalog.invalidate(connectionId);
  });

  // Every node derives the same paging secret from the shared master key.
  const pagingSecret = createHmac('sha256', started.secretKey.key.material)
    .update('tsunagi paging tokens')
    .digest('base64url');
  const odata: ODataSettings = {
    ...defaultODataSettings,
    ...options.odata,
    publicUrl: options.publicUrl ?? options.odata?.publicUrl,
    pagingSecret,
  };
  const metrics = new GatewayMetrics({
    queryLogDroppedEntries: () => controlPlane.queryLog.droppedEntries,
    processMetrics: options.metrics !== false && options.metrics?.processMetrics !== false,
  });
  const parts: GatewayParts = { controlPlane, catalog, connections, odata, metrics };

  const app = await createServer({
    odata,
    provider: new ControlPlaneServiceProvider(controlPlane, catalog, (entry, connectionId) => {
      metrics.recordODataRequest(entry.entitySet, entry.status, entry.durationMs / 1000);
      for (const call of entry.sourceCalls) {
        metrics.recordSourceCall(connectionId ?? '(none)', call);
      }
      // An error after the response started (its status was already sent).
      if (entry.status < 400 && entry.errorCode !== undefined) metrics.recordError(entry.errorCode);
    }),
    ...(options.metrics === false ? {} : { metrics }),
    logger: options.logger,
    trustProxy: options.trustProxy ?? false,
    ...(options.tls === undefined ? {} : { tls: options.tls }),
    readiness: async () => {
      const checks: Record<string, string> = {};
      let ready = true;
      try {
        await store.ping();
        checks['store'] = 'ok';
      } catch (error) {
        ready = false;
        checks['store'] = error instanceof Error ? error.message : 'unreachable';
      }
      try {
        const { problems } = await catalog.current();
        checks['catalog'] =
          problems.length === 0
            ? 'ok'
            : problems.map((problem) => `${problem.connectionId}: ${problem.message}`).join('; ');
      } catch (error) {
        ready = false;
        checks['catalog'] = error instanceof Error ? error.message : 'failed';
      }
      return { ready, checks };
    },
    plugins: (options.plugins ?? []).map(
      (plugin) => (server: FastifyInstance) => plugin(server, parts),
    ),
  });
  const listened = await app.listen({ host: options.host, port: options.port });
  const url = options.tls === undefined ? listened : listened.replace(/^http:/, 'https:');

  const housekeeping = setInterval(() => {
    void controlPlane.queryLog.prune().catch(() => undefined);
    void controlPlane.sessions.purgeEnded().catch(() => undefined);
  }, options.housekeepingInterval ?? 3_600_000);
  housekeeping.unref();

  const publicBase = (odata.publicUrl ?? url).replace(/\/+$/, '');
  return {
    ...parts,
    url,
    serviceUrl: `${publicBase}${odata.basePath}`,
    app,
    async close() {
      clearInterval(housekeeping);
      unsubscribe();
      await app.close();
      await connections.close();
      await started.close();
      redis?.disconnect();
    },
  };
}

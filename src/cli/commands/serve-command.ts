/**
 * `tsunagi serve`: runs a gateway node for production: the OData feed, the admin API,
 * health probes and metrics, on the store in the data directory (or TSUNAGI_STORE_URL),
 * with the JSON log on standard output. On a first start with no user and
 * TSUNAGI_ADMIN_EMAIL + TSUNAGI_ADMIN_PASSWORD set, creates that administrator. Stops
 * gracefully on SIGINT / SIGTERM (a second signal stops at once).
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { LevelWithSilent } from 'pino';
import type { FastifyInstance } from 'fastify';
import { secretKeyEnvironmentVariable } from '../../control-plane/secret-key-source.js';
import type { GatewayParts } from '../../gateway/start-gateway.js';
import { createConnectorRegistry } from '../support/connector-kinds.js';
import { withStoreOptions, type StoreOptions } from '../support/cli-control-plane.js';

interface ServeOptions extends StoreOptions {
  readonly host: string;
  readonly port: number;
  readonly publicUrl?: string;
  readonly trustProxy?: boolean;
  readonly maxPageSize?: number;
  readonly logLevel: LevelWithSilent;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly tlsClientCa?: string;
  readonly metrics: boolean;
  readonly redisUrl?: string;
  readonly compatibility: 'salesforce' | 'standard';
  readonly csrf: boolean;
}

/** Extra parts of the server (the web console registers itself here). */
export type ServePlugin = (app: FastifyInstance, parts: GatewayParts) => void | Promise<void>;

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new InvalidArgumentError('A port is a whole number from 0 to 65535.');
  }
  return parsed;
}

function pageSize(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 100_000) {
    throw new InvalidArgumentError('The page size is a whole number from 1 to 100000.');
  }
  return parsed;
}

function publicUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InvalidArgumentError('Give the public URL as scheme://host[:port].');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidArgumentError('The public URL starts with http:// or https://.');
  }
  return value.replace(/\/+$/, '');
}

export function registerServeCommand(program: Command, plugins: readonly ServePlugin[] = []): void {
  withStoreOptions(
    program
      .command('serve')
      .description('Run the gateway: OData feed, admin API, health probes and metrics.')
      .addOption(
        new Option('--host <address>', 'address to listen on')
          .env('TSUNAGI_HOST')
          .default('0.0.0.0'),
      )
      .addOption(
        new Option('-p, --port <port>', 'TCP port')
          .env('TSUNAGI_PORT')
          .argParser(port)
          .default(8080),
      )
      .addOption(
        new Option(
          '--public-url <url>',
          'the address clients use (behind a proxy), e.g. https://tsunagi.example.com',
        )
          .env('TSUNAGI_PUBLIC_URL')
          .argParser(publicUrl),
      )
      .addOption(
        new Option('--trust-proxy', 'trust X-Forwarded-For/-Proto from a load balancer').env(
          'TSUNAGI_TRUST_PROXY',
        ),
      )
      .addOption(
        new Option(
          '--max-page-size <rows>',
          'rows per OData page before a next link (default 1000)',
        )
          .env('TSUNAGI_MAX_PAGE_SIZE')
          .argParser(pageSize),
      )
      .addOption(
        new Option('--log-level <level>', 'log level')
          .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .env('TSUNAGI_LOG_LEVEL')
          .default('info'),
      )
      .addOption(
        new Option('--tls-cert <file>', 'serve HTTPS with this PEM certificate').env(
          'TSUNAGI_TLS_CERT',
        ),
      )
      .addOption(new Option('--tls-key <file>', 'and this PEM private key').env('TSUNAGI_TLS_KEY'))
      .addOption(
        new Option('--tls-client-ca <file>', 'require client certificates signed by this CA').env(
          'TSUNAGI_TLS_CLIENT_CA',
        ),
      )
      .addOption(
        new Option(
          '--redis-url <url>',
          'Redis shared by every node: sign-in and token throttling apply fleet-wide (redis://host:6379/0)',
        ).env('TSUNAGI_REDIS_URL'),
      )
      .addOption(
        new Option(
          '--compatibility <mode>',
          'what the OData service publishes: salesforce (only what Salesforce Connect can map) or standard',
        )
          .choices(['salesforce', 'standard'])
          .default('salesforce')
          .env('TSUNAGI_ODATA_COMPATIBILITY'),
      )
      .option(
        '--csrf',
        'require X-CSRF-Token on OData changes (Salesforce "CSRF token" option)',
        false,
      )
      .option('--no-metrics', 'do not serve /metrics'),
  )
    .addHelpText(
      'after',
      `
Environment: TSUNAGI_SECRET_KEY (master key, base64 of 32 bytes; default: the key file in
the data directory), TSUNAGI_ADMIN_EMAIL + TSUNAGI_ADMIN_PASSWORD (first administrator,
created on a first start), TSUNAGI_CONNECTOR_MODULES (extra connector kinds).

Examples:
  tsunagi serve --data-dir /var/lib/tsunagi --public-url https://tsunagi.example.com --trust-proxy
  TSUNAGI_STORE_URL=postgres://tsunagi@db/tsunagi TSUNAGI_SECRET_KEY=... tsunagi serve --port 8080`,
    )
    .action(async (options: ServeOptions) => {
      if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) {
        throw new Error('--tls-cert and --tls-key go together.');
      }
      // Loaded here, so that the other commands start without the server's modules.
      const [{ startGateway }, { registerAdminRoutes }, { createGatewayLogger }] =
        await Promise.all([
          import('../../gateway/start-gateway.js'),
          import('../../server/admin/register-admin-routes.js'),
          import('../../server/gateway-logger.js'),
        ]);
      const logger = createGatewayLogger({ level: options.logLevel });
      const adminEmail = process.env['TSUNAGI_ADMIN_EMAIL'];
      const adminPassword = process.env['TSUNAGI_ADMIN_PASSWORD'];
      const secretKey = process.env[secretKeyEnvironmentVariable];
      const gateway = await startGateway({
        dataDirectory: resolve(options.dataDir),
        ...(options.store === undefined ? {} : { storeUrl: options.store }),
        ...(secretKey === undefined ? {} : { secretKey }),
        host: options.host,
        port: options.port,
        ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
        trustProxy: options.trustProxy === true,
        ...(options.tlsCert === undefined || options.tlsKey === undefined
          ? {}
          : {
              tls: {
                certificateFile: options.tlsCert,
                keyFile: options.tlsKey,
                ...(options.tlsClientCa === undefined ? {} : { clientCaFile: options.tlsClientCa }),
              },
            }),
        odata: {
          ...(options.maxPageSize === undefined ? {} : { maxPageSize: options.maxPageSize }),
          compatibility: options.compatibility,
          csrfProtection: options.csrf,
        },
        ...(options.redisUrl === undefined ? {} : { redisUrl: options.redisUrl }),
        connectors: await createConnectorRegistry(),
        logger,
        ...(options.metrics ? {} : { metrics: false as const }),
        ...(adminEmail !== undefined && adminPassword !== undefined && adminEmail !== ''
          ? { initialAdministrator: { email: adminEmail, password: adminPassword } }
          : {}),
        plugins: [(app, parts) => registerAdminRoutes(app, parts), ...plugins],
      });
      const initialized = await gateway.controlPlane.users.isInitialized();
      console.error(`Tsunagi is listening on ${gateway.url}`);
      console.error(`OData service: ${gateway.serviceUrl}`);
      if (!initialized) {
        console.error(
          'No administrator yet: create one with "tsunagi init", the console, or TSUNAGI_ADMIN_EMAIL and TSUNAGI_ADMIN_PASSWORD.',
        );
      }
      let stopping = false;
      const stop = (signal: string): void => {
        if (stopping) {
          console.error(`${signal} again: stopping now.`);
          process.exit(1);
        }
        stopping = true;
        console.error(`${signal}: finishing the requests in progress and stopping ...`);
        gateway.close().then(
          () => {
            console.error('Stopped.');
            process.exit(0);
          },
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
}

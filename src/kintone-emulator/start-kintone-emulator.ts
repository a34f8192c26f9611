/**
 * Starts an emulated Kintone domain in this process: builds the domain, loads its data
 * (a SQLite file, or the chosen seed), and serves the REST API on the loopback interface —
 * on 127.0.0.1 and, when the machine has it, ::1 on the same port, so that
 * `http://localhost:PORT` works whichever address `localhost` resolves to. Optionally over
 * HTTPS, requiring client certificates.
 */
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { KintoneDomain } from './domain/kintone-domain.js';
import type { ApiTokenPermissions } from './model/directory.js';
import { createAdminHandler } from './http/admin-endpoints.js';
import {
  FaultInjector,
  mergeFaultSettings,
  noFaults,
  type FaultSettings,
} from './http/fault-injector.js';
import { createRequestHandler } from './http/request-handler.js';
import { buildDemoSeed } from './seed/demo-seed.js';
import { loadSeed, readSeedFile } from './seed/load-seed.js';
import type { SeedDocument, SeedResult } from './seed/seed-document.js';
import { uniqueFieldCodes } from './services/app-service.js';
import { createApiToken, putUser } from './services/directory-service.js';
import { SqlitePersistence } from './store/sqlite-persistence.js';
import { EmulatorClock } from './support/emulator-clock.js';

export interface KintoneEmulatorTlsOptions {
  /** PEM server certificate and key (see createTestCertificates). */
  readonly certificate: string | Buffer;
  readonly privateKey: string | Buffer;
  /** PEM CA that client certificates must chain to. */
  readonly clientCa?: string | Buffer;
  /** Refuse connections without a valid client certificate (TLS handshake fails). */
  readonly requireClientCertificate?: boolean;
}

export interface KintoneEmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** "demo" (default), "none", a path to a JSON seed file, or a seed document. */
  readonly seed?: string | SeedDocument;
  /** Size of the largest demo app (default 3,000). */
  readonly records?: number;
  /** Seed of the demo data generator. */
  readonly randomSeed?: number;
  /** SQLite file keeping the data across restarts; the seed applies only while it holds no app. */
  readonly dataFile?: string;
  /** Login of the domain administrator (default "Administrator"). */
  readonly adminUser?: string;
  /** Password of the domain administrator (default "admin-password"). */
  readonly adminPassword?: string;
  /** Default IANA time zone of users (default "UTC"). */
  readonly timeZone?: string;
  /** Default message language and language of system field codes (default "en"). */
  readonly language?: 'en' | 'ja';
  /** Fault injection and concurrency limit. */
  readonly faults?: Partial<FaultSettings>;
  /** The domain's extra HTTP Basic authentication. */
  readonly basicAuth?: { readonly user: string; readonly password: string };
  /** Serve HTTPS instead of HTTP. */
  readonly tls?: KintoneEmulatorTlsOptions;
  /** Start with the clock fixed at this instant. */
  readonly now?: Date;
}

export interface RunningKintoneEmulator {
  /** `http://localhost:PORT` (or https). */
  readonly url: string;
  readonly port: number;
  readonly adminUser: string;
  readonly adminPassword: string;
  /** The domain, for in-process use of the services. */
  readonly domain: KintoneDomain;
  /** The injectable clock (fix, advance). */
  readonly clock: EmulatorClock;
  /** What the start-up seed created (undefined when none ran). */
  readonly seedResult: SeedResult | undefined;
  /** Changes some fault settings; returns the complete settings. */
  setFaults(changes: Partial<FaultSettings>): FaultSettings;
  /** Issues an API token for an app (all permissions unless limited). */
  createApiToken(app: number, permissions?: Partial<ApiTokenPermissions>, token?: string): string;
  /** Applies a seed document on top of the current data. */
  loadSeed(seed: SeedDocument): SeedResult;
  /** Back to the start-up data (the seed is applied again). */
  reset(): void;
  close(): Promise<void>;
}

function resolveSeed(
  options: KintoneEmulatorOptions,
  adminUser: string,
  adminPassword: string,
): SeedDocument | undefined {
  const seed = options.seed ?? 'demo';
  if (seed === 'none') return undefined;
  if (seed === 'demo') {
    return buildDemoSeed({
      records: options.records,
      randomSeed: options.randomSeed,
      adminUser,
      adminPassword,
    });
  }
  return typeof seed === 'string' ? readSeedFile(seed) : seed;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function listenOnLoopback(
  create: () => Server,
  requestedPort: number,
): Promise<{ servers: Server[]; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const ipv4 = create();
    const port = await listen(ipv4, requestedPort, '127.0.0.1');
    const ipv6 = create();
    try {
      await listen(ipv6, port, '::1');
      return { servers: [ipv4, ipv6], port };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT' || code === 'EINVAL') {
        return { servers: [ipv4], port };
      }
      await closeServer(ipv4);
      if (code !== 'EADDRINUSE' || requestedPort !== 0 || attempt >= 5) throw error;
    }
  }
}

export async function startKintoneEmulator(
  options: KintoneEmulatorOptions = {},
): Promise<RunningKintoneEmulator> {
  const adminUser = options.adminUser ?? 'Administrator';
  const adminPassword = options.adminPassword ?? 'admin-password';
  const clock = new EmulatorClock();
  if (options.now !== undefined) clock.set(options.now);
  const domain = new KintoneDomain(
    { timeZone: options.timeZone ?? 'UTC', language: options.language ?? 'en', adminUser },
    clock,
  );
  const initialFaults = mergeFaultSettings(noFaults, { ...options.faults });
  if (typeof initialFaults === 'string') throw new Error(initialFaults);
  const faults = new FaultInjector(initialFaults);

  const persistence =
    options.dataFile === undefined ? undefined : new SqlitePersistence(options.dataFile);
  const seed = resolveSeed(options, adminUser, adminPassword);
  const ensureAdministrator = (): void => {
    const existing = domain.state.users.get(adminUser);
    if (existing?.password === adminPassword && existing.administrator === true) return;
    putUser(domain.state, {
      code: adminUser,
      name: existing?.name ?? 'Administrator',
      password: adminPassword,
      administrator: true,
    });
  };
  const applyStartupData = (): SeedResult | undefined => {
    ensureAdministrator();
    return seed === undefined ? undefined : loadSeed(domain, seed);
  };

  let seedResult: SeedResult | undefined;
  try {
    if (persistence !== undefined && !persistence.isEmpty()) {
      persistence.load(domain.state);
      for (const app of domain.state.apps.values()) {
        if (app.live !== undefined)
          domain.state.records(app.id).setUniqueFields(uniqueFieldCodes(app.live.fields));
      }
      domain.state.attachPersistence(persistence);
      ensureAdministrator();
    } else {
      domain.state.attachPersistence(persistence);
      seedResult = applyStartupData();
    }
  } catch (error) {
    persistence?.close();
    throw error;
  }

  const reset = (): void => {
    domain.state.clear();
    domain.cursors.clear();
    seedResult = applyStartupData();
  };
  const issueToken = (
    app: number,
    permissions?: Partial<ApiTokenPermissions>,
    token?: string,
  ): string => createApiToken(domain.state, app, permissions, token).token;
  const applySeed = (document: SeedDocument): SeedResult => loadSeed(domain, document);

  const handler: RequestListener = createRequestHandler({
    domain,
    faults,
    basicAuth: options.basicAuth,
    admin: createAdminHandler({
      clock,
      faults,
      reset,
      createApiToken: issueToken,
      loadSeed: applySeed,
    }),
  });
  const tls = options.tls;
  const create = (): Server =>
    tls === undefined
      ? createHttpServer({ maxHeaderSize: 256 * 1024 }, handler)
      : createHttpsServer(
          {
            maxHeaderSize: 256 * 1024,
            cert: tls.certificate,
            key: tls.privateKey,
            ...(tls.clientCa === undefined ? {} : { ca: tls.clientCa }),
            requestCert: tls.requireClientCertificate === true,
            rejectUnauthorized: tls.requireClientCertificate === true,
          },
          handler,
        );
  let listening: { servers: Server[]; port: number };
  try {
    listening = await listenOnLoopback(create, options.port ?? 0);
  } catch (error) {
    persistence?.close();
    throw error;
  }
  const { servers, port } = listening;
  let closed = false;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://localhost:${port}`,
    port,
    adminUser,
    adminPassword,
    domain,
    clock,
    get seedResult() {
      return seedResult;
    },
    setFaults(changes) {
      const merged = mergeFaultSettings(faults.settings, { ...changes });
      if (typeof merged === 'string') throw new Error(merged);
      faults.configure(merged);
      return merged;
    },
    createApiToken: issueToken,
    loadSeed: applySeed,
    reset,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(servers.map(closeServer));
      domain.cursors.clear();
      persistence?.close();
    },
  };
}

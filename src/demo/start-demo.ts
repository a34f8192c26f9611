/**
 * The demo (`tsunagi demo`, `npm start`): a Kintone emulator seeded with the sample apps,
 * and a gateway on an embedded store wired to it the way an administrator would do it:
 * the first administrator, a personal access token, two Kintone connections (the domain,
 * and its guest space) tested and published, table by table. Restarting reuses the data
 * directory: the administrator is kept, connections are pointed at the new emulator, and a
 * fresh token is issued. Everything a user needs is printed and written to
 * `<data directory>/demo.json`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ConnectionSettings } from '../connectors/connector-definition.js';
import { kintoneConnectorDefinition } from '../connectors/kintone/kintone-connector-definition.js';
import type { Actor } from '../control-plane/authorization.js';
import type { ControlPlane } from '../control-plane/control-plane.js';
import { ConnectorRegistry } from '../control-plane/connector-registry.js';
import {
  startGateway,
  type GatewayOptions,
  type GatewayParts,
  type RunningGateway,
} from '../gateway/start-gateway.js';
import { startKintoneEmulator, type RunningKintoneEmulator } from '../kintone-emulator/index.js';

export interface DemoOptions {
  /** Port of the gateway (the emulator takes a free port unless `kintonePort` is given). */
  readonly port: number;
  readonly kintonePort?: number;
  readonly host?: string;
  readonly dataDirectory: string;
  /** Records in the largest demo app. */
  readonly records?: number;
  readonly logger: FastifyBaseLogger | false;
  /** OData endpoint settings (e.g. `csrfProtection`, `maxPageSize`); the defaults otherwise. */
  readonly odata?: GatewayOptions['odata'];
  readonly plugins?: readonly ((
    app: FastifyInstance,
    parts: GatewayParts,
  ) => void | Promise<void>)[];
}

/** The contents of demo.json. */
export interface DemoDescription {
  readonly serviceUrl: string;
  readonly adminUrl: string;
  readonly username: string;
  readonly password: string;
  readonly token: string;
  readonly kintoneUrl: string;
  readonly kintoneUser: string;
  readonly kintonePassword: string;
}

export interface RunningDemo extends DemoDescription {
  readonly gateway: RunningGateway;
  readonly emulator: RunningKintoneEmulator;
  readonly publishedSets: readonly string[];
  close(): Promise<void>;
}

export const demoAdministrator = {
  email: 'admin@example.com',
  password: 'tsunagi-demo-password',
} as const;

async function ensureAdministrator(controlPlane: ControlPlane): Promise<Actor> {
  if (!(await controlPlane.users.isInitialized())) {
    await controlPlane.users.initialize({
      email: demoAdministrator.email,
      password: demoAdministrator.password,
      displayName: 'Demo administrator',
    });
  }
  const user = await controlPlane.store.users.findByEmail(demoAdministrator.email);
  if (user === undefined || user.role !== 'administrator') {
    throw new Error(
      `The data directory belongs to another installation (no administrator ${demoAdministrator.email}); use an empty --data-dir for the demo.`,
    );
  }
  return { userId: user.id, email: user.email, role: user.role, sourceAddress: null };
}

async function ensureConnection(
  controlPlane: ControlPlane,
  actor: Actor,
  name: string,
  settings: ConnectionSettings,
): Promise<string> {
  const existing = (await controlPlane.connections.list(actor)).find(
    (connection) => connection.name === name,
  );
  if (existing === undefined) {
    return (
      await controlPlane.connections.create(actor, {
        name,
        kind: 'kintone',
        description: 'The Kintone emulator of the demo.',
        settings,
      })
    ).id;
  }
  await controlPlane.connections.update(actor, existing.id, { settings });
  return existing.id;
}

async function testAndPublish(
  gateway: RunningGateway,
  actor: Actor,
  connectionId: string,
  prefix: string,
): Promise<string[]> {
  const { controlPlane, connections } = gateway;
  const connector = await connections.connectorFor(connectionId);
  const context = {
    signal: AbortSignal.timeout(60_000),
    deadline: Date.now() + 60_000,
    recordSourceCall: () => undefined,
  };
  const report = await connector.test(context);
  await controlPlane.connections.recordTestResult(actor, connectionId, {
    ok: report.ok,
    steps: report.steps,
  });
  if (!report.ok) {
    throw new Error(
      `The demo connection failed its test: ${report.steps
        .filter((step) => !step.ok)
        .map((step) => step.message)
        .join('; ')}`,
    );
  }
  const published = new Map(
    (await controlPlane.publications.list(actor, connectionId)).map((publication) => [
      publication.tableName,
      publication.entitySet,
    ]),
  );
  const names: string[] = [];
  for (const table of await connector.listTables(context)) {
    const existing = published.get(table.id);
    if (existing !== undefined) {
      names.push(existing);
      continue;
    }
    const publication = await controlPlane.publications.publish(actor, {
      connectionId,
      tableName: table.id,
      entitySet: `${prefix}${table.name}`,
    });
    names.push(publication.entitySet);
  }
  return names;
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const emulator = await startKintoneEmulator({
    port: options.kintonePort ?? 0,
    seed: 'demo',
    ...(options.records === undefined ? {} : { records: options.records }),
  });
  let gateway: RunningGateway | undefined;
  try {
    const registry = new ConnectorRegistry();
    registry.register(kintoneConnectorDefinition);
    gateway = await startGateway({
      dataDirectory: options.dataDirectory,
      host: options.host ?? '127.0.0.1',
      port: options.port,
      connectors: registry,
      logger: options.logger,
      ...(options.odata === undefined ? {} : { odata: options.odata }),
      ...(options.plugins === undefined ? {} : { plugins: options.plugins }),
    });
    const { controlPlane } = gateway;
    const actor = await ensureAdministrator(controlPlane);
    const kintone = {
      url: emulator.url,
      authentication: 'password',
      username: emulator.adminUser,
      password: emulator.adminPassword,
    };
    const domainConnection = await ensureConnection(controlPlane, actor, 'Kintone demo', kintone);
    const guestConnection = await ensureConnection(
      controlPlane,
      actor,
      'Kintone demo guest space',
      { ...kintone, guestSpaceId: 1 },
    );
    const publishedSets = [
      ...(await testAndPublish(gateway, actor, domainConnection, '')),
      ...(await testAndPublish(gateway, actor, guestConnection, 'Guest_')),
    ];
    const created = await controlPlane.tokens.create(actor, {
      name: `Demo token ${new Date().toISOString()}`,
      expiresInDays: 30,
    });
    const base = gateway.url.replace('://127.0.0.1', '://localhost');
    const description: DemoDescription = {
      serviceUrl: `${base}${gateway.odata.basePath}`,
      adminUrl: `${base}/`,
      username: demoAdministrator.email,
      password: demoAdministrator.password,
      token: created.token,
      kintoneUrl: emulator.url,
      kintoneUser: emulator.adminUser,
      kintonePassword: emulator.adminPassword,
    };
    writeFileSync(
      join(options.dataDirectory, 'demo.json'),
      `${JSON.stringify(description, null, 2)}\n`,
      { mode: 0o600 },
    );
    const running = gateway;
    return {
      ...description,
      gateway: running,
      emulator,
      publishedSets,
      async close() {
        await running.close();
        await emulator.close();
      },
    };
  } catch (error) {
    await gateway?.close();
    await emulator.close();
    throw error;
  }
}

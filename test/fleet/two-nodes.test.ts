// Two gateway nodes behind a load balancer: one PostgreSQL store, one Redis. A change made
// through one node is seen by the other within seconds; token guessing spread over both
// nodes is throttled as one; a page token from one node is honoured by the other.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/control-plane/authorization.js';
import { ConnectorRegistry } from '../../src/control-plane/connector-registry.js';
import { testPasswordHashing } from '../../src/control-plane/password-hasher.js';
import { encodeSecretKey, generateSecretKey } from '../../src/control-plane/secret-box.js';
import { startGateway, type RunningGateway } from '../../src/gateway/start-gateway.js';
import { memoryConnectorDefinition } from '../../src/server/admin/test-support/memory-connector-definition.js';
import {
  describeWithPostgres,
  postgresTestUrl,
  probePostgres,
  useTemporarySchemas,
} from '../../src/store/test-support/postgres-test-database.js';

const probe = await probePostgres();
const redisUrl = process.env['TSUNAGI_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/0';

describeWithPostgres(probe, 'two gateway nodes on one PostgreSQL and one Redis', () => {
  const schemas = useTemporarySchemas();
  const directories: string[] = [];
  let nodes: RunningGateway[] = [];
  let token = '';
  let actor: Actor;
  const email = 'admin@example.com';

  beforeAll(async () => {
    const storeUrl = `${postgresTestUrl}?schema=${schemas.next()}`;
    const secretKey = encodeSecretKey(generateSecretKey());
    const redisNamespace = `tsunagi-test-${randomUUID()}`;
    const start = async (): Promise<RunningGateway> => {
      const connectors = new ConnectorRegistry();
      connectors.register(memoryConnectorDefinition);
      const dataDirectory = mkdtempSync(join(tmpdir(), 'tsunagi-fleet-'));
      directories.push(dataDirectory);
      return startGateway({
        dataDirectory,
        storeUrl,
        secretKey,
        redisUrl,
        redisNamespace,
        host: '127.0.0.1',
        port: 0,
        connectors,
        logger: false,
        passwordHashing: testPasswordHashing,
        metrics: false,
        initialAdministrator: { email, password: 'fleet-administrator-password' },
        odata: { maxPageSize: 10 },
      });
    };
    nodes = [await start(), await start()];
    const user = await nodes[0]?.controlPlane.store.users.findByEmail(email);
    if (user === undefined) throw new Error('no administrator');
    actor = { userId: user.id, email, role: user.role, sourceAddress: null };
    token = (await nodes[0]!.controlPlane.tokens.create(actor, { name: 'fleet', expiresInDays: 1 }))
      .token;
  });

  afterAll(async () => {
    for (const node of nodes) await node.close();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  const authorization = (secret: string): string =>
    `Basic ${Buffer.from(`${email}:${secret}`).toString('base64')}`;

  async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  it('publishes through one node and serves the new entity set from the other', async () => {
    const [first, second] = nodes as [RunningGateway, RunningGateway];
    const connection = await first.controlPlane.connections.create(actor, {
      name: 'Samples',
      kind: 'memory',
      settings: { customers: 30, password: 'source-password' },
    });
    await first.controlPlane.publications.publish(actor, {
      connectionId: connection.id,
      tableName: 'customers',
      entitySet: 'Clients',
    });
    await waitFor(async () => {
      const response = await fetch(`${second.serviceUrl}/$metadata`, {
        headers: { Authorization: authorization(token) },
      });
      return (await response.text()).includes('EntitySet Name="Clients"');
    }, 'the publication to reach the second node');

    // Server-driven paging across nodes: the skip token of one node works on the other.
    const page = (await (
      await fetch(`${first.serviceUrl}/Clients?$select=Id`, {
        headers: { Authorization: authorization(token) },
      })
    ).json()) as {
      value: { Id: number }[];
      '@odata.nextLink': string;
    };
    const nextOnSecond = page['@odata.nextLink'].replace(first.serviceUrl, second.serviceUrl);
    const next = (await (
      await fetch(nextOnSecond, { headers: { Authorization: authorization(token) } })
    ).json()) as { value: { Id: number }[] };
    expect(page.value.map((row) => row.Id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(next.value.map((row) => row.Id)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('revokes a token through one node and refuses it on the other', async () => {
    const [first, second] = nodes as [RunningGateway, RunningGateway];
    const created = await first.controlPlane.tokens.create(actor, {
      name: 'short-lived',
      expiresInDays: 1,
    });
    expect(
      (
        await fetch(`${second.serviceUrl}/`, {
          headers: { Authorization: authorization(created.token) },
        })
      ).status,
    ).toBe(200);
    await first.controlPlane.tokens.revoke(actor, created.details.id);
    const refused = await fetch(`${second.serviceUrl}/`, {
      headers: { Authorization: authorization(created.token) },
    });
    expect(refused.status).toBe(401);
  });

  it('throttles token guessing spread over both nodes as one (Redis)', async () => {
    const [first, second] = nodes as [RunningGateway, RunningGateway];
    const guess = 'tsg_pat_000000000000000000000000000000000000000000000';
    const statuses: number[] = [];
    // The per-user limit is 10 failures: alternate between the nodes.
    for (let attempt = 0; attempt < 10; attempt++) {
      const node = attempt % 2 === 0 ? first : second;
      statuses.push(
        (await fetch(`${node.serviceUrl}/`, { headers: { Authorization: authorization(guess) } }))
          .status,
      );
    }
    expect(statuses.every((status) => status === 401)).toBe(true);
    const locked = await fetch(`${first.serviceUrl}/`, {
      headers: { Authorization: authorization(token) },
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('TSG303');
  });
});

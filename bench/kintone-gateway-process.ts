/**
 * A gateway process for the Kintone paging benchmark: starts a gateway on a temporary
 * data directory with one Kintone connection to the emulator at argv[2] (administrator
 * argv[3] / argv[4]), publishes app argv[5] as `Deals`, creates a token and prints one
 * JSON line `{ serviceUrl, username, token }`. The benchmark reads its peak memory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kintoneConnectorDefinition } from '../src/connectors/kintone/kintone-connector-definition.js';
import { ConnectorRegistry } from '../src/control-plane/connector-registry.js';
import { startGateway } from '../src/gateway/start-gateway.js';

const [url = '', user = '', password = '', app = '2'] = process.argv.slice(2);
const registry = new ConnectorRegistry();
registry.register(kintoneConnectorDefinition);
const gateway = await startGateway({
  dataDirectory: mkdtempSync(join(tmpdir(), 'tsunagi-bench-')),
  host: '127.0.0.1',
  port: 0,
  connectors: registry,
  logger: false,
});
const { controlPlane } = gateway;
const email = 'bench@example.com';
await controlPlane.users.initialize({ email, password: 'benchmark-password' });
const record = await controlPlane.store.users.findByEmail(email);
if (record === undefined) throw new Error('no administrator');
const actor = { userId: record.id, email, role: record.role, sourceAddress: null };
const connection = await controlPlane.connections.create(actor, {
  name: 'Kintone',
  kind: 'kintone',
  settings: { url, authentication: 'password', username: user, password },
});
await controlPlane.publications.publish(actor, {
  connectionId: connection.id,
  tableName: app,
  entitySet: 'Deals',
});
const { token } = await controlPlane.tokens.create(actor, { name: 'bench', expiresInDays: 1 });
process.stdout.write(
  `${JSON.stringify({ serviceUrl: gateway.serviceUrl, username: email, token })}\n`,
);
process.on('SIGTERM', () => {
  void gateway.close().then(() => process.exit(0));
});

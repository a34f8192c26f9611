/**
 * Secrets never at rest in plain text: a realistic scenario (users, invitations,
 * passwords, sessions, tokens, connections with passwords, API tokens and certificates,
 * failed sign-ins, token authentications, a key rotation) runs on each store, then every
 * byte the store wrote (the SQLite files; every PostgreSQL table of the schema) is
 * scanned for each secret. None may appear.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { encodeSecretKey, generateSecretKey } from '../../src/control-plane/secret-box.js';
import {
  adminPassword,
  createControlPlaneFixture,
  type ControlPlaneFixture,
} from '../../src/control-plane/test-support/control-plane-fixture.js';
import { openPostgresStore, quoteIdentifier } from '../../src/store/postgres/postgres-store.js';
import {
  describeWithPostgres,
  postgresTestUrl,
  probePostgres,
  useTemporarySchemas,
} from '../../src/store/test-support/postgres-test-database.js';

const probe = await probePostgres();

/** Runs the scenario; returns every secret it handled, in plain text. */
async function runScenario(fixture: ControlPlaneFixture): Promise<string[]> {
  const { controlPlane, admin, clock } = fixture;
  const secrets: string[] = [adminPassword, encodeSecretKey(fixture.key)];
  const issued = await controlPlane.users.invite(admin, {
    email: 'bob@example.com',
    role: 'queryUser',
  });
  secrets.push(issued.invitationToken);
  const bobPassword = 'bob-password-Zq81!x';
  secrets.push(bobPassword);
  await controlPlane.users.acceptInvitation(issued.invitationToken, bobPassword, 'Bob');
  const pending = await controlPlane.users.invite(admin, {
    email: 'carol@example.com',
    role: 'connectionAdministrator',
  });
  secrets.push(pending.invitationToken);
  const wrongPassword = 'guessed-password-Kp27';
  secrets.push(wrongPassword);
  await controlPlane.users.signIn({
    email: 'bob@example.com',
    password: wrongPassword,
    sourceAddress: '198.51.100.1',
  });
  const signIn = await controlPlane.users.signIn({
    email: 'bob@example.com',
    password: bobPassword,
    sourceAddress: '198.51.100.1',
  });
  if (!signIn.ok) throw new Error('bob could not sign in');
  const session = await controlPlane.sessions.create(signIn.user, {
    sourceAddress: '198.51.100.1',
    userAgent: 'Firefox',
  });
  secrets.push(session.sessionToken, session.csrfToken);
  const token = await controlPlane.tokens.create(signIn.actor, {
    name: 'Salesforce',
    expiresInDays: 30,
  });
  secrets.push(token.token, token.token.slice(8));
  const second = await controlPlane.tokens.create(signIn.actor, {
    name: 'Excel',
    expiresInDays: 30,
  });
  secrets.push(second.token);
  await controlPlane.tokens.revoke(signIn.actor, second.details.id);
  await controlPlane.tokens.authenticateToken('bob@example.com', token.token, '198.51.100.2');
  await controlPlane.tokens.authenticateBearer(second.token, '198.51.100.2');
  const kintonePassword = 'kintone-Secret-Pw-4471';
  const apiToken = 'kintoneApiTokenValue9fQ2';
  const certificate = '-----BEGIN CERTIFICATE-----MIIBszCCAVmgAwIBAgIUX9certificate-body';
  const certificatePassword = 'pfx-Password-Ee03';
  secrets.push(kintonePassword, apiToken, certificate, certificatePassword);
  const sales = await controlPlane.connections.create(admin, {
    name: 'Sales',
    kind: 'fake',
    settings: { url: 'https://example.cybozu.com', username: 'alice', password: kintonePassword },
  });
  const hr = await controlPlane.connections.create(admin, {
    name: 'HR',
    kind: 'fake',
    settings: {
      url: 'https://hr.cybozu.com',
      authentication: 'certificate',
      certificate,
      certificatePassword,
    },
  });
  await controlPlane.connections.update(admin, sales.id, {
    settings: { authentication: 'apiToken', apiToken },
  });
  const replacement = 'kintone-Second-Pw-8812';
  secrets.push(replacement);
  await controlPlane.connections.update(admin, sales.id, {
    settings: { authentication: 'password', username: 'alice', password: replacement },
  });
  await controlPlane.connections.recordTestResult(admin, hr.id, {
    ok: true,
    steps: [{ name: 'Sign in', ok: true }],
  });
  await controlPlane.permissions.setPermissions(admin, {
    userId: signIn.user.id,
    connectionId: sales.id,
    permissions: ['select', 'update'],
  });
  await controlPlane.publications.publish(admin, {
    connectionId: sales.id,
    tableName: '42',
    entitySet: 'Customers',
  });
  controlPlane.queryLog.record({
    at: clock.now(),
    userId: signIn.user.id,
    userEmail: 'bob@example.com',
    tokenName: 'Salesforce',
    method: 'GET',
    url: '/api/odata/service/Customers?$top=5',
    entitySet: 'Customers',
    connectionId: sales.id,
    status: 200,
    rowCount: 5,
    durationMs: 12,
    sourceCalls: 1,
    sourceQuery: 'limit 5',
    requestId: 'r1',
  });
  await controlPlane.queryLog.flush();
  const newKey = generateSecretKey();
  secrets.push(encodeSecretKey(newKey));
  await controlPlane.secrets.rotate(admin, newKey);
  // The services still work after all that.
  expect((await controlPlane.connections.resolveSettings(sales.id)).settings.password).toBe(
    replacement,
  );
  expect(JSON.stringify(await controlPlane.connections.list(admin))).not.toContain(replacement);
  return secrets;
}

function findLeaks(haystack: Buffer, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => haystack.includes(Buffer.from(secret, 'utf8')));
}

describe('secrets at rest: SQLite', () => {
  it('leaves no secret in plain text in the database files', async () => {
    const fixture = await createControlPlaneFixture();
    let secrets: string[] = [];
    try {
      secrets = await runScenario(fixture);
    } finally {
      await fixture.controlPlane.close();
      await fixture.store.close();
    }
    const files = readdirSync(fixture.dataDirectory).filter((name) =>
      name.startsWith('tsunagi.db'),
    );
    expect(files).toContain('tsunagi.db');
    const bytes = Buffer.concat(
      files.map((name) => readFileSync(join(fixture.dataDirectory, name))),
    );
    // The scan can see: the e-mail address is stored in plain text.
    expect(bytes.includes(Buffer.from('bob@example.com'))).toBe(true);
    expect(findLeaks(bytes, secrets)).toEqual([]);
    await fixture.close();
  });
});

describeWithPostgres(probe, 'secrets at rest: PostgreSQL', () => {
  const schemas = useTemporarySchemas();

  it('leaves no secret in plain text in any table', async () => {
    const schema = schemas.next();
    const store = await openPostgresStore({ url: postgresTestUrl, schema, poolSize: 4 });
    const fixture = await createControlPlaneFixture({ store });
    let secrets: string[] = [];
    try {
      secrets = await runScenario(fixture);
    } finally {
      await fixture.close();
      await store.close();
    }
    const client = new pg.Client({ connectionString: postgresTestUrl });
    await client.connect();
    let dump = '';
    try {
      const tables = await client.query<{ tablename: string }>(
        'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
        [schema],
      );
      expect(tables.rows.length).toBe(12);
      for (const { tablename } of tables.rows) {
        const rows = await client.query(
          `SELECT * FROM ${quoteIdentifier(schema)}.${quoteIdentifier(tablename)}`,
        );
        dump += JSON.stringify(rows.rows);
      }
    } finally {
      await client.end();
    }
    expect(dump).toContain('bob@example.com');
    expect(findLeaks(Buffer.from(dump, 'utf8'), secrets)).toEqual([]);
  });
});

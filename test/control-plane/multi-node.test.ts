/**
 * Two gateway nodes on one PostgreSQL store: caches on one node follow changes made on
 * the other (LISTEN/NOTIFY change events).
 */
import { expect, it } from 'vitest';
import {
  createControlPlaneFixture,
  type ControlPlaneFixture,
} from '../../src/control-plane/test-support/control-plane-fixture.js';
import { generateSecretKey } from '../../src/control-plane/secret-box.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import {
  describeWithPostgres,
  postgresTestUrl,
  probePostgres,
  useTemporarySchemas,
} from '../../src/store/test-support/postgres-test-database.js';

const probe = await probePostgres();

async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the other node never saw the change');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeWithPostgres(probe, 'two nodes on one PostgreSQL store', () => {
  const schemas = useTemporarySchemas();

  it('invalidates permission and settings caches and follows a key rotation', async () => {
    const schema = schemas.next();
    const nodes: ControlPlaneFixture[] = [];
    try {
      const first = await createControlPlaneFixture({
        store: await openPostgresStore({ url: postgresTestUrl, schema, poolSize: 3 }),
      });
      nodes.push(first);
      const second = await createControlPlaneFixture({
        store: await openPostgresStore({ url: postgresTestUrl, schema, poolSize: 3 }),
        key: first.key,
        initialize: false,
      });
      nodes.push(second);
      const bob = await first.addUser('queryUser');
      const sales = await first.controlPlane.connections.create(first.admin, {
        name: 'Sales',
        kind: 'fake',
        settings: {
          url: 'https://example.cybozu.com',
          username: 'a',
          password: 'kintone-password',
        },
      });
      expect(await second.controlPlane.permissions.can(bob.actor, sales.id, 'select')).toBe(false);
      expect((await second.controlPlane.settings.get()).maximumPageSize).toBe(1000);
      await first.controlPlane.permissions.setPermissions(first.admin, {
        userId: bob.user.id,
        connectionId: sales.id,
        permissions: ['select'],
      });
      await first.controlPlane.settings.update(first.admin, { maximumPageSize: 500 });
      await eventually(() => second.controlPlane.permissions.can(bob.actor, sales.id, 'select'));
      await eventually(
        async () => (await second.controlPlane.settings.get()).maximumPageSize === 500,
      );
      // A token revoked on one node fails on the other at once (no cache).
      const { token, details } = await first.controlPlane.tokens.create(bob.actor, {
        name: 'T',
        expiresInDays: 30,
      });
      expect((await second.controlPlane.tokens.authenticateBearer(token)).ok).toBe(true);
      await first.controlPlane.tokens.revoke(bob.actor, details.id);
      expect(await second.controlPlane.tokens.authenticateBearer(token)).toEqual({
        ok: false,
        reason: 'revoked',
      });
      // After a rotation on the first node, the second (without the new key) refuses to
      // write secrets under the retired key.
      const newKey = generateSecretKey();
      await first.controlPlane.secrets.rotate(first.admin, newKey);
      await eventually(() =>
        Promise.resolve(second.controlPlane.secrets.currentKeyId === newKey.id),
      );
      await expect(
        second.controlPlane.connections.update(second.admin, sales.id, { description: 'x' }),
      ).rejects.toMatchObject({ code: 'TSG504' });
    } finally {
      for (const node of nodes) {
        await node.close();
        await node.store.close();
      }
    }
  });
});

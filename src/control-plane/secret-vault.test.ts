import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { generateSecretKey } from './secret-box.js';
import { createControlPlaneFixture } from './test-support/control-plane-fixture.js';
import { fakeConnectionSettings as settings } from './test-support/fake-connector-definition.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function sharedStore(): { open(): Promise<Store> } {
  const directory = mkdtempSync(join(tmpdir(), 'tsunagi-vault-'));
  cleanups.push(() => {
    rmSync(directory, { recursive: true, force: true });
    return Promise.resolve();
  });
  return {
    async open() {
      const store = await openSqliteStore({ file: join(directory, 'tsunagi.db') });
      cleanups.push(() => store.close());
      return store;
    },
  };
}

describe('secret vault', () => {
  it('records the first key and refuses to start with another, naming the key id it expects', async () => {
    const database = sharedStore();
    const first = await createControlPlaneFixture({ store: await database.open() });
    cleanups.push(() => first.close());
    await first.controlPlane.connections.create(first.admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    const wrong = generateSecretKey();
    await expect(
      createControlPlaneFixture({ store: await database.open(), key: wrong, initialize: false }),
    ).rejects.toMatchObject({
      code: 'TSG504',
      message: expect.stringContaining(`expects key id ${first.key.id}`) as string,
    });
    const again = await createControlPlaneFixture({
      store: await database.open(),
      key: first.key,
      initialize: false,
    });
    cleanups.push(() => again.close());
    const [connection] = await again.store.connections.list();
    expect(
      (await again.controlPlane.connections.resolveSettings(connection?.id ?? '')).settings
        .password,
    ).toBe('kintone-password-1');
  });

  it('rotates every secret to a new key in one transaction; then only the new key starts', async () => {
    const database = sharedStore();
    const fixture = await createControlPlaneFixture({ store: await database.open() });
    cleanups.push(() => fixture.close());
    const { controlPlane, admin, store, key } = fixture;
    const one = await controlPlane.connections.create(admin, {
      name: 'One',
      kind: 'fake',
      settings,
    });
    const two = await controlPlane.connections.create(admin, {
      name: 'Two',
      kind: 'fake',
      settings: {
        url: settings.url,
        authentication: 'certificate',
        certificate: 'PEM DATA',
        certificatePassword: 'pfx-pass',
      },
    });
    const newKey = generateSecretKey();
    const bob = await fixture.addUser('connectionAdministrator');
    await expect(controlPlane.secrets.rotate(bob.actor, newKey)).rejects.toMatchObject({
      code: 'TSG302',
    });
    fixture.clock.advance(1000);
    const result = await controlPlane.secrets.rotate(admin, newKey);
    expect(result).toEqual({ previousKeyId: key.id, keyId: newKey.id, secretsReEncrypted: 3 });
    expect(controlPlane.secrets.currentKeyId).toBe(newKey.id);
    for (const connection of await store.connections.list()) {
      for (const ciphertext of Object.values(connection.secrets))
        expect(ciphertext.startsWith(`v1:${newKey.id}:`)).toBe(true);
    }
    expect((await controlPlane.connections.resolveSettings(one.id)).settings.password).toBe(
      'kintone-password-1',
    );
    expect((await controlPlane.connections.resolveSettings(two.id)).settings).toMatchObject({
      certificate: 'PEM DATA',
      certificatePassword: 'pfx-pass',
    });
    const created = await controlPlane.connections.create(admin, {
      name: 'Three',
      kind: 'fake',
      settings,
    });
    expect(
      (await store.connections.findById(created.id))?.secrets.password?.startsWith(
        `v1:${newKey.id}:`,
      ),
    ).toBe(true);
    expect(
      (await store.secretKeys.list()).map((record) => [record.keyId, record.retiredAt === null]),
    ).toEqual([
      [key.id, false],
      [newKey.id, true],
    ]);
    const [audit] = await store.auditLog.search({ limit: 1, action: 'secretKey.rotated' });
    expect(audit?.details).toEqual({ previousKeyId: key.id, secretsReEncrypted: 3 });
    await expect(controlPlane.secrets.rotate(admin, newKey)).rejects.toMatchObject({
      code: 'TSG502',
    });
    await expect(controlPlane.secrets.rotate(admin, key)).rejects.toMatchObject({ code: 'TSG502' });
    await expect(
      createControlPlaneFixture({ store: await database.open(), key, initialize: false }),
    ).rejects.toMatchObject({
      code: 'TSG504',
      message: expect.stringContaining(newKey.id) as string,
    });
    const restarted = await createControlPlaneFixture({
      store: await database.open(),
      key: newKey,
      initialize: false,
    });
    cleanups.push(() => restarted.close());
    expect(
      (await restarted.controlPlane.connections.resolveSettings(one.id)).settings.password,
    ).toBe('kintone-password-1');
  });

  it('changes nothing when one secret cannot be re-encrypted', async () => {
    const fixture = await createControlPlaneFixture();
    cleanups.push(() => fixture.close());
    const { controlPlane, admin, store, key } = fixture;
    const one = await controlPlane.connections.create(admin, {
      name: 'One',
      kind: 'fake',
      settings,
    });
    const two = await controlPlane.connections.create(admin, {
      name: 'Two',
      kind: 'fake',
      settings,
    });
    const before = await store.connections.list();
    // A ciphertext copied to the wrong row cannot be opened: the rotation must fail whole.
    await store.connections.replaceSecrets(
      two.id,
      (await store.connections.findById(one.id))?.secrets ?? {},
    );
    const damaged = await store.connections.list();
    await expect(controlPlane.secrets.rotate(admin, generateSecretKey())).rejects.toMatchObject({
      code: 'TSG510',
    });
    expect(await store.connections.list()).toEqual(damaged);
    expect(damaged.find((c) => c.id === one.id)).toEqual(before.find((c) => c.id === one.id));
    expect((await store.secretKeys.current())?.keyId).toBe(key.id);
    expect(controlPlane.secrets.currentKeyId).toBe(key.id);
  });
});

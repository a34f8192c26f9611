import { describe, expect, it } from 'vitest';
import { secretMask } from './connection-service.js';
import { useControlPlaneFixtures } from './test-support/control-plane-fixture.js';
import { fakeConnectionSettings as settings } from './test-support/fake-connector-definition.js';

const setUp = useControlPlaneFixtures();

describe('connection service', () => {
  it('creates a connection with its secrets encrypted and never returned', async () => {
    const { controlPlane, admin, store, key } = await setUp();
    const created = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    expect(created).toMatchObject({
      name: 'Sales',
      kind: 'fake',
      kindDisplayName: 'Fake source',
      settings: {
        url: settings.url,
        authentication: 'password',
        username: 'alice',
        password: secretMask,
        verifyTls: true,
      },
      secrets: {
        password: { hasValue: true },
        apiToken: { hasValue: false },
        certificate: { hasValue: false },
        certificatePassword: { hasValue: false },
      },
      lastTest: null,
    });
    expect(JSON.stringify(created)).not.toContain('kintone-password-1');
    expect(JSON.stringify(await controlPlane.connections.list(admin))).not.toContain(
      'kintone-password-1',
    );
    const stored = await store.connections.findById(created.id);
    expect(stored?.secrets.password?.startsWith(`v1:${key.id}:`)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('kintone-password-1');
    const resolved = await controlPlane.connections.resolveSettings(created.id);
    expect(resolved.settings).toMatchObject({ password: 'kintone-password-1', username: 'alice' });
    const [audit] = await store.auditLog.search({ limit: 1, action: 'connection.created' });
    expect(JSON.stringify(audit)).not.toContain('kintone-password-1');
  });

  it('refuses bad settings with one detail per field, an unknown kind, and a taken name', async () => {
    const { controlPlane, admin } = await setUp();
    await expect(
      controlPlane.connections.create(admin, {
        name: '',
        kind: 'fake',
        settings: { url: 'nope', guestSpaceId: -1 },
      }),
    ).rejects.toMatchObject({
      code: 'TSG500',
      details: [
        { target: 'name' },
        { target: 'settings.url' },
        { target: 'settings.guestSpaceId' },
        { target: 'settings.username' },
        { target: 'settings.password' },
      ],
    });
    await expect(
      controlPlane.connections.create(admin, { name: 'X', kind: 'oracle', settings }),
    ).rejects.toMatchObject({ code: 'TSG509' });
    await controlPlane.connections.create(admin, { name: 'Sales', kind: 'fake', settings });
    await expect(
      controlPlane.connections.create(admin, { name: 'SALES', kind: 'fake', settings }),
    ).rejects.toMatchObject({ code: 'TSG502' });
    expect((await controlPlane.connections.list(admin)).length).toBe(1);
  });

  it('keeps a secret left as the mask or omitted, replaces a new one, clears one set to null', async () => {
    const { controlPlane, admin, store } = await setUp();
    const created = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    await controlPlane.connections.update(admin, created.id, {
      settings: { password: secretMask, username: 'bob' },
    });
    expect((await controlPlane.connections.resolveSettings(created.id)).settings).toMatchObject({
      password: 'kintone-password-1',
      username: 'bob',
    });
    await controlPlane.connections.update(admin, created.id, {
      name: 'Sales EU',
      settings: { guestSpaceId: 7 },
    });
    expect((await controlPlane.connections.resolveSettings(created.id)).settings).toMatchObject({
      password: 'kintone-password-1',
      guestSpaceId: 7,
    });
    await controlPlane.connections.update(admin, created.id, {
      settings: { password: 'kintone-password-2', guestSpaceId: null },
    });
    const resolved = await controlPlane.connections.resolveSettings(created.id);
    expect(resolved.settings.password).toBe('kintone-password-2');
    expect(resolved.settings.guestSpaceId).toBeUndefined();
    await expect(
      controlPlane.connections.update(admin, created.id, { settings: { password: null } }),
    ).rejects.toMatchObject({ code: 'TSG500', target: 'settings.password' });
    // Switching the authentication drops the password and needs the API token.
    const switched = await controlPlane.connections.update(admin, created.id, {
      settings: { authentication: 'apiToken', apiToken: 'api-token-value-9' },
    });
    expect(switched.secrets).toMatchObject({
      password: { hasValue: false },
      apiToken: { hasValue: true },
    });
    expect(Object.keys((await store.connections.findById(created.id))?.secrets ?? {})).toEqual([
      'apiToken',
    ]);
    const audits = await store.auditLog.search({ limit: 10, action: 'connection.updated' });
    expect(audits[0]?.details).toMatchObject({
      changedSettings: ['apiToken', 'authentication', 'password', 'username'],
    });
    expect(JSON.stringify(audits)).not.toMatch(/kintone-password|api-token-value/);
  });

  it('refuses a ciphertext moved from another connection (TSG510)', async () => {
    const { controlPlane, admin, store } = await setUp();
    const one = await controlPlane.connections.create(admin, {
      name: 'One',
      kind: 'fake',
      settings,
    });
    const two = await controlPlane.connections.create(admin, {
      name: 'Two',
      kind: 'fake',
      settings: { ...settings, password: 'other' },
    });
    const stolen = (await store.connections.findById(one.id))?.secrets ?? {};
    await store.connections.replaceSecrets(two.id, stolen);
    await expect(controlPlane.connections.resolveSettings(two.id)).rejects.toMatchObject({
      code: 'TSG510',
    });
  });

  it('prepares a test with stored secrets behind masks, and records the result', async () => {
    const { controlPlane, admin } = await setUp();
    const created = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    const candidate = await controlPlane.connections.prepareTest(admin, {
      connectionId: created.id,
      kind: 'fake',
      settings: { password: secretMask, url: 'https://other.cybozu.com' },
    });
    expect(candidate).toMatchObject({
      url: 'https://other.cybozu.com',
      password: 'kintone-password-1',
    });
    const fresh = await controlPlane.connections.prepareTest(admin, { kind: 'fake', settings });
    expect(fresh.password).toBe('kintone-password-1');
    const tested = await controlPlane.connections.recordTestResult(admin, created.id, {
      ok: false,
      steps: [
        { name: 'Reach the server', ok: true, durationMs: 20 },
        { name: 'Sign in', ok: false, message: 'The user name or password is wrong.' },
      ],
    });
    expect(tested.lastTest).toMatchObject({
      ok: false,
      steps: [{ ok: true }, { ok: false, message: 'The user name or password is wrong.' }],
    });
    expect((await controlPlane.connections.get(admin, created.id)).lastTest?.at).toBe(
      new Date(controlPlane.clock.now()).toISOString(),
    );
  });

  it('deletes a connection with its permissions and publications', async () => {
    const { controlPlane, admin, addUser, store } = await setUp();
    const bob = await addUser('queryUser');
    const created = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    await controlPlane.permissions.setPermissions(admin, {
      userId: bob.user.id,
      connectionId: created.id,
      permissions: ['select'],
    });
    await controlPlane.publications.publish(admin, {
      connectionId: created.id,
      tableName: '1',
      entitySet: 'Customers',
    });
    expect(await controlPlane.permissions.can(bob.actor, created.id, 'select')).toBe(true);
    await controlPlane.connections.delete(admin, created.id);
    expect(await controlPlane.permissions.can(bob.actor, created.id, 'select')).toBe(false);
    expect(await store.publications.list()).toEqual([]);
    await expect(controlPlane.connections.get(admin, created.id)).rejects.toMatchObject({
      code: 'TSG501',
    });
    await expect(controlPlane.connections.delete(admin, created.id)).rejects.toMatchObject({
      code: 'TSG501',
    });
  });
});

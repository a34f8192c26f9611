/**
 * The service methods the admin API needs beyond the basic ones: what a query user may
 * see of connections and publications, the permission grid of a connection, looking at an
 * invitation without consuming it, editing another user, revoking only one's own token,
 * reading settings and one query-log entry.
 */
import { describe, expect, it } from 'vitest';
import { day } from './clock.js';
import { useControlPlaneFixtures } from './test-support/control-plane-fixture.js';
import { fakeConnectionSettings as settings } from './test-support/fake-connector-definition.js';

const setUp = useControlPlaneFixtures();

describe('connections and publications a user may see', () => {
  it('shows query users only the connections and sets they were granted', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    const sales = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    const hr = await controlPlane.connections.create(admin, { name: 'HR', kind: 'fake', settings });
    const bob = await addUser('queryUser');
    const carol = await addUser('connectionAdministrator');
    await controlPlane.permissions.setPermissions(admin, {
      userId: bob.user.id,
      connectionId: sales.id,
      permissions: ['insert'],
    });
    const salesSet = await controlPlane.publications.publish(admin, {
      connectionId: sales.id,
      tableName: '1',
      entitySet: 'Deals',
    });
    await controlPlane.publications.publish(admin, {
      connectionId: hr.id,
      tableName: '2',
      entitySet: 'People',
    });

    expect((await controlPlane.connections.listVisible(bob.actor)).map((c) => c.name)).toEqual([
      'Sales',
    ]);
    expect((await controlPlane.connections.getVisible(bob.actor, sales.id)).settings).toEqual({
      ...settings,
      password: '********',
      authentication: 'password',
      verifyTls: true,
    });
    await expect(controlPlane.connections.getVisible(bob.actor, hr.id)).rejects.toMatchObject({
      code: 'TSG302',
    });
    await expect(
      controlPlane.connections.getVisible(bob.actor, 'no-such-connection'),
    ).rejects.toMatchObject({ code: 'TSG501' });
    expect(
      (await controlPlane.connections.listVisible(carol.actor)).map((c) => c.name).sort(),
    ).toEqual(['HR', 'Sales']);

    // Insert alone does not make a set readable; Select does.
    expect(await controlPlane.publications.listVisible(bob.actor)).toEqual([]);
    await controlPlane.permissions.setPermissions(admin, {
      userId: bob.user.id,
      connectionId: sales.id,
      permissions: ['select'],
    });
    expect(await controlPlane.publications.listVisible(bob.actor)).toEqual([salesSet]);
    expect(await controlPlane.publications.listVisible(bob.actor, hr.id)).toEqual([]);
    expect(
      (await controlPlane.publications.listVisible(carol.actor, hr.id)).map((p) => p.entitySet),
    ).toEqual(['People']);
  });

  it('lets only managers open a connection for management', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    const sales = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    const bob = await addUser('queryUser');
    await controlPlane.permissions.setPermissions(admin, {
      userId: bob.user.id,
      connectionId: sales.id,
      permissions: ['select', 'insert', 'update', 'delete'],
    });
    await expect(controlPlane.connections.getManageable(bob.actor, sales.id)).rejects.toMatchObject(
      { code: 'TSG302' },
    );
    const carol = await addUser('connectionAdministrator');
    expect((await controlPlane.connections.getManageable(carol.actor, sales.id)).id).toBe(sales.id);
    await expect(controlPlane.connections.getManageable(carol.actor, 'nope')).rejects.toMatchObject(
      { code: 'TSG501' },
    );
  });

  it('lists every user with their grants for the permission grid', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    const sales = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    const bob = await addUser('queryUser');
    const dave = await addUser('queryUser');
    await controlPlane.permissions.setPermissions(admin, {
      userId: bob.user.id,
      connectionId: sales.id,
      permissions: ['update', 'select'],
    });
    const grid = await controlPlane.permissions.listUsersForConnection(admin, sales.id);
    expect(grid.map((row) => [row.email, row.permissions])).toEqual([
      [admin.email, []],
      [bob.user.email, ['select', 'update']],
      [dave.user.email, []],
    ]);
    await expect(
      controlPlane.permissions.listUsersForConnection(bob.actor, sales.id),
    ).rejects.toMatchObject({ code: 'TSG302' });
    await expect(
      controlPlane.permissions.listUsersForConnection(admin, 'nope'),
    ).rejects.toMatchObject({ code: 'TSG501' });
  });
});

describe('users', () => {
  it('describes an open invitation without consuming it', async () => {
    const { controlPlane, admin, clock } = await setUp();
    const issued = await controlPlane.users.invite(admin, {
      email: 'eve@example.com',
      role: 'connectionAdministrator',
      displayName: 'Eve',
    });
    const described = await controlPlane.users.describeInvitation(issued.invitationToken);
    expect(described).toEqual({
      email: 'eve@example.com',
      displayName: 'Eve',
      role: 'connectionAdministrator',
      expiresAt: issued.expiresAt,
    });
    // Still usable after being looked at.
    await controlPlane.users.acceptInvitation(issued.invitationToken, 'a long enough password');
    await expect(
      controlPlane.users.describeInvitation(issued.invitationToken),
    ).rejects.toMatchObject({ code: 'TSG501' });
    await expect(controlPlane.users.describeInvitation('tsg_inv_unknown')).rejects.toMatchObject({
      code: 'TSG501',
    });
    const late = await controlPlane.users.invite(admin, {
      email: 'late@example.com',
      role: 'queryUser',
    });
    clock.advance(8 * day);
    await expect(controlPlane.users.describeInvitation(late.invitationToken)).rejects.toMatchObject(
      { code: 'TSG501' },
    );
  });

  it('updates role and display name together, with the role guards', async () => {
    const { controlPlane, admin, addUser, store } = await setUp();
    const bob = await addUser('queryUser');
    const updated = await controlPlane.users.update(admin, bob.user.id, {
      role: 'connectionAdministrator',
      displayName: 'Robert',
    });
    expect(updated).toMatchObject({ role: 'connectionAdministrator', displayName: 'Robert' });
    const actions = (await store.auditLog.search({ limit: 5 })).map((entry) => entry.action);
    expect(actions.slice(0, 2).sort()).toEqual(['user.profileUpdated', 'user.roleChanged']);
    // An administrator may rename themselves, but not change their own role.
    expect(
      (await controlPlane.users.update(admin, admin.userId, { displayName: 'Boss' })).displayName,
    ).toBe('Boss');
    await expect(
      controlPlane.users.update(admin, admin.userId, { role: 'queryUser' }),
    ).rejects.toMatchObject({ code: 'TSG309' });
    await expect(
      controlPlane.users.update(admin, bob.user.id, {
        role: 'owner' as never,
        displayName: ' ',
      }),
    ).rejects.toMatchObject({
      code: 'TSG500',
      details: [{ target: 'displayName' }, { target: 'role' }],
    });
    await expect(
      controlPlane.users.update(bob.actor, admin.userId, { displayName: 'x' }),
    ).rejects.toMatchObject({ code: 'TSG302' });
    await expect(
      controlPlane.users.update(admin, 'nope', { displayName: 'x' }),
    ).rejects.toMatchObject({ code: 'TSG501' });
  });

  it("revokes only one's own token through revokeOwn", async () => {
    const { controlPlane, admin, addUser } = await setUp();
    const bob = await addUser('queryUser');
    const bobs = await controlPlane.tokens.create(bob.actor, { name: 'B', expiresInDays: 30 });
    await expect(controlPlane.tokens.revokeOwn(admin, bobs.details.id)).rejects.toMatchObject({
      code: 'TSG501',
    });
    expect((await controlPlane.tokens.revokeOwn(bob.actor, bobs.details.id)).state).toBe('revoked');
  });
});

describe('settings and the query log', () => {
  it('lets only administrators read the settings', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    expect((await controlPlane.settings.read(admin)).maximumPageSize).toBe(1000);
    const carol = await addUser('connectionAdministrator');
    await expect(controlPlane.settings.read(carol.actor)).rejects.toMatchObject({
      code: 'TSG302',
    });
  });

  it('reads one entry: own ones for users, any for administrators', async () => {
    const { controlPlane, admin, addUser, clock } = await setUp();
    const bob = await addUser('queryUser');
    const entry = (userId: string, url: string) => ({
      at: clock.now(),
      userId,
      userEmail: null,
      tokenName: 'T',
      method: 'GET',
      url,
      entitySet: null,
      connectionId: null,
      status: 200,
      rowCount: 1,
      durationMs: 2,
      sourceCalls: 1,
      sourceQuery: null,
      requestId: null,
    });
    controlPlane.queryLog.record(entry(bob.user.id, '/bob'));
    controlPlane.queryLog.record(entry(admin.userId, '/admin'));
    const { entries } = await controlPlane.queryLog.search(admin);
    const [adminEntry, bobEntry] = entries;
    if (adminEntry === undefined || bobEntry === undefined) throw new Error('entries missing');
    expect((await controlPlane.queryLog.get(bob.actor, bobEntry.id)).url).toBe('/bob');
    expect((await controlPlane.queryLog.get(admin, bobEntry.id)).url).toBe('/bob');
    await expect(controlPlane.queryLog.get(bob.actor, adminEntry.id)).rejects.toMatchObject({
      code: 'TSG501',
    });
    for (const bad of ['0', '999999', 'abc', '']) {
      await expect(controlPlane.queryLog.get(admin, bad)).rejects.toMatchObject({
        code: 'TSG501',
      });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { useControlPlaneFixtures } from './test-support/control-plane-fixture.js';
import { fakeConnectionSettings as settings } from './test-support/fake-connector-definition.js';

const setUp = useControlPlaneFixtures();

describe('permission service', () => {
  it('grants per user per connection; administrators have all; disabled users none', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    const bob = await addUser('queryUser');
    const carol = await addUser('connectionAdministrator');
    const sales = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    const hr = await controlPlane.connections.create(admin, { name: 'HR', kind: 'fake', settings });
    expect(
      await controlPlane.permissions.setPermissions(carol.actor, {
        userId: bob.user.id,
        connectionId: sales.id,
        permissions: ['update', 'select', 'select'],
      }),
    ).toEqual(['select', 'update']);
    const can = (
      subject: Parameters<typeof controlPlane.permissions.can>[0],
      connectionId: string,
    ) =>
      Promise.all(
        (['select', 'insert', 'update', 'delete', 'execute'] as const).map((p) =>
          controlPlane.permissions.can(subject, connectionId, p),
        ),
      );
    expect(await can(bob.actor, sales.id)).toEqual([true, false, true, false, false]);
    expect(await can(bob.actor, hr.id)).toEqual([false, false, false, false, false]);
    expect(await can(carol.actor, sales.id)).toEqual([false, false, false, false, false]);
    expect(await can(admin, hr.id)).toEqual([true, true, true, true, true]);
    expect(await can({ ...bob.actor, status: 'disabled' }, sales.id)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    await expect(
      controlPlane.permissions.require(bob.actor, sales.id, 'delete', 'Customers'),
    ).rejects.toMatchObject({
      code: 'TSG302',
      message: 'You do not have the Delete permission on Customers.',
    });
    expect(await controlPlane.permissions.listForConnection(admin, sales.id)).toEqual([
      {
        userId: bob.user.id,
        email: bob.user.email,
        displayName: bob.user.displayName,
        role: 'queryUser',
        permissions: ['select', 'update'],
      },
    ]);
    expect(await controlPlane.permissions.listForUser(bob.actor)).toEqual([
      { connectionId: sales.id, permissions: ['select', 'update'] },
    ]);
  });

  it('refuses Execute (reserved), unknown permissions, users and connections', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    const bob = await addUser('queryUser');
    const sales = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    await expect(
      controlPlane.permissions.setPermissions(admin, {
        userId: bob.user.id,
        connectionId: sales.id,
        permissions: ['execute'],
      }),
    ).rejects.toMatchObject({
      code: 'TSG500',
      message: expect.stringContaining('reserved') as string,
    });
    await expect(
      controlPlane.permissions.setPermissions(admin, {
        userId: bob.user.id,
        connectionId: sales.id,
        permissions: ['drop' as never],
      }),
    ).rejects.toMatchObject({ code: 'TSG500' });
    await expect(
      controlPlane.permissions.setPermissions(admin, {
        userId: 'nobody',
        connectionId: sales.id,
        permissions: ['select'],
      }),
    ).rejects.toMatchObject({ code: 'TSG501' });
    await expect(
      controlPlane.permissions.setPermissions(admin, {
        userId: bob.user.id,
        connectionId: 'nothing',
        permissions: ['select'],
      }),
    ).rejects.toMatchObject({ code: 'TSG501' });
  });

  it('serves can() from its cache and drops it when grants, roles or connections change', async () => {
    const { controlPlane, admin, addUser, store } = await setUp();
    const bob = await addUser('queryUser');
    const sales = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    expect(await controlPlane.permissions.can(bob.actor, sales.id, 'select')).toBe(false);
    // Written behind the service's back: the cache does not see it ...
    await store.permissions.replace(bob.user.id, sales.id, ['select'], 0, null);
    expect(await controlPlane.permissions.can(bob.actor, sales.id, 'select')).toBe(false);
    // ... until a change event for the user arrives (as from another node).
    await store.publishChange({ kind: 'permission', id: bob.user.id });
    expect(await controlPlane.permissions.can(bob.actor, sales.id, 'select')).toBe(true);
    await controlPlane.permissions.setPermissions(admin, {
      userId: bob.user.id,
      connectionId: sales.id,
      permissions: [],
    });
    expect(await controlPlane.permissions.can(bob.actor, sales.id, 'select')).toBe(false);
    await controlPlane.permissions.setPermissions(admin, {
      userId: bob.user.id,
      connectionId: sales.id,
      permissions: ['insert'],
    });
    expect(await controlPlane.permissions.can(bob.actor, sales.id, 'insert')).toBe(true);
    await controlPlane.connections.delete(admin, sales.id);
    expect(await controlPlane.permissions.can(bob.actor, sales.id, 'insert')).toBe(false);
  });
});

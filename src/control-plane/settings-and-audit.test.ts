import { describe, expect, it } from 'vitest';
import { defaultSettings } from './settings-service.js';
import { useControlPlaneFixtures } from './test-support/control-plane-fixture.js';

const setUp = useControlPlaneFixtures();

describe('settings service', () => {
  it('has defaults, validates every change and audits it', async () => {
    const { controlPlane, admin } = await setUp();
    expect(await controlPlane.settings.get()).toEqual(defaultSettings);
    expect(defaultSettings).toMatchObject({
      maximumPageSize: 1000,
      queryLogRetentionDays: 7,
      tokenMaximumLifetimeDays: 90,
    });
    await expect(
      controlPlane.settings.update(admin, {
        maximumPageSize: 5000,
        queryLogRetentionDays: 0,
        colour: 'blue',
      }),
    ).rejects.toMatchObject({
      code: 'TSG500',
      details: [
        { target: 'maximumPageSize' },
        { target: 'queryLogRetentionDays' },
        { target: 'colour' },
      ],
    });
    const updated = await controlPlane.settings.update(admin, {
      maximumPageSize: 2000,
      tokenMaximumLifetimeDays: 365,
    });
    expect(updated).toMatchObject({ maximumPageSize: 2000, tokenMaximumLifetimeDays: 365 });
    const page = await controlPlane.auditLog.search(admin, { action: 'settings.updated' });
    expect(page.entries[0]?.details).toEqual({
      maximumPageSize: { from: 1000, to: 2000 },
      tokenMaximumLifetimeDays: { from: 90, to: 365 },
    });
  });
});

describe('audit log service', () => {
  it('records who did what, when and from where, newest first, paged', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    const bob = await addUser('queryUser');
    await controlPlane.users.signIn({
      email: bob.user.email,
      password: 'wrong password!!',
      sourceAddress: '198.51.100.7',
    });
    await controlPlane.users.changeRole(admin, bob.user.id, 'connectionAdministrator');
    const page = await controlPlane.auditLog.search(admin, { limit: 2 });
    expect(page.entries.map((entry) => entry.action)).toEqual([
      'user.roleChanged',
      'signIn.failed',
    ]);
    expect(page.entries[0]).toMatchObject({
      actorUserId: admin.userId,
      actorEmail: admin.email,
      targetKind: 'user',
      targetId: bob.user.id,
      targetLabel: bob.user.email,
      sourceAddress: '127.0.0.1',
      outcome: 'success',
      at: new Date(controlPlane.clock.now()).toISOString(),
    });
    expect(page.entries[1]).toMatchObject({
      outcome: 'failure',
      sourceAddress: '198.51.100.7',
      details: { reason: 'wrongPassword' },
    });
    const next = await controlPlane.auditLog.search(admin, {
      limit: 50,
      cursor: page.nextCursor ?? '',
    });
    expect(next.entries.map((entry) => entry.action)).toEqual([
      'user.invitationAccepted',
      'user.invited',
      'user.initialized',
    ]);
    expect(next.nextCursor).toBeNull();
    const byActor = await controlPlane.auditLog.search(admin, {
      actorUserId: admin.userId,
      action: 'user.invited',
    });
    expect(byActor.entries.length).toBe(1);
  });
});

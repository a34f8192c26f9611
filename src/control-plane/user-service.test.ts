import { describe, expect, it } from 'vitest';
import { day, minute } from './clock.js';
import {
  adminEmail,
  adminPassword,
  useControlPlaneFixtures,
} from './test-support/control-plane-fixture.js';

const setUp = useControlPlaneFixtures();

describe('user service: initialisation', () => {
  it('creates the first administrator once', async () => {
    const { controlPlane, store } = await setUp({ initialize: false });
    expect(await controlPlane.users.isInitialized()).toBe(false);
    await expect(
      controlPlane.users.initialize({ email: 'first@example.com', password: 'short' }),
    ).rejects.toMatchObject({ code: 'TSG307' });
    await expect(
      controlPlane.users.initialize({ email: 'not an address', password: adminPassword }),
    ).rejects.toMatchObject({ code: 'TSG500', target: 'email' });
    const first = await controlPlane.users.initialize({
      email: 'First@Example.com',
      password: adminPassword,
    });
    expect(first).toMatchObject({
      email: 'First@Example.com',
      role: 'administrator',
      status: 'active',
    });
    expect(await controlPlane.users.isInitialized()).toBe(true);
    await expect(
      controlPlane.users.initialize({ email: 'second@example.com', password: adminPassword }),
    ).rejects.toMatchObject({ code: 'TSG506' });
    const stored = await store.users.findById(first.id);
    expect(stored?.passwordHash?.startsWith('$argon2id$')).toBe(true);
    expect(JSON.stringify(first)).not.toContain('argon2');
  });
});

describe('user service: invitations', () => {
  it('invites a user, whose one-time token sets their password and activates them', async () => {
    const { controlPlane, admin, store } = await setUp();
    const issued = await controlPlane.users.invite(admin, {
      email: 'bob@example.com',
      role: 'queryUser',
    });
    expect(issued.user).toMatchObject({ status: 'invited', role: 'queryUser' });
    expect(issued.invitationToken).toMatch(/^tsg_inv_[0-9A-Za-z]{32}$/);
    expect(Date.parse(issued.expiresAt) - controlPlane.clock.now()).toBe(7 * day);
    const invitations = await store.invitations.listOpenForUser(
      issued.user.id,
      controlPlane.clock.now(),
    );
    expect(invitations).toHaveLength(1);
    expect(invitations[0]?.tokenDigest).not.toContain(issued.invitationToken);
    const signInBefore = await controlPlane.users.signIn({
      email: 'bob@example.com',
      password: 'anything at all',
      sourceAddress: null,
    });
    expect(signInBefore).toEqual({ ok: false, reason: 'invalidCredentials' });
    await expect(
      controlPlane.users.acceptInvitation(issued.invitationToken, 'bob@example.com'),
    ).rejects.toMatchObject({ code: 'TSG307' });
    const accepted = await controlPlane.users.acceptInvitation(
      issued.invitationToken,
      'a good long password',
      'Bob',
    );
    expect(accepted).toMatchObject({ status: 'active', displayName: 'Bob' });
    await expect(
      controlPlane.users.acceptInvitation(issued.invitationToken, 'another long password'),
    ).rejects.toMatchObject({ code: 'TSG306' });
    const signIn = await controlPlane.users.signIn({
      email: 'BOB@example.com',
      password: 'a good long password',
      sourceAddress: '192.0.2.1',
    });
    expect(signIn.ok).toBe(true);
  });

  it('refuses unknown, expired and withdrawn invitations, and duplicates', async () => {
    const { controlPlane, admin, clock } = await setUp();
    await expect(
      controlPlane.users.acceptInvitation('tsg_inv_unknown', 'a good long password'),
    ).rejects.toMatchObject({ code: 'TSG306' });
    const first = await controlPlane.users.invite(admin, {
      email: 'carol@example.com',
      role: 'connectionAdministrator',
    });
    await expect(
      controlPlane.users.invite(admin, { email: 'CAROL@example.com', role: 'queryUser' }),
    ).rejects.toMatchObject({ code: 'TSG502' });
    await expect(
      controlPlane.users.invite(admin, { email: 'dave@example.com', role: 'superuser' as never }),
    ).rejects.toMatchObject({ code: 'TSG500', target: 'role' });
    const second = await controlPlane.users.resendInvitation(admin, first.user.id);
    await expect(
      controlPlane.users.acceptInvitation(first.invitationToken, 'a good long password'),
    ).rejects.toMatchObject({ code: 'TSG306' });
    clock.advance(7 * day);
    await expect(
      controlPlane.users.acceptInvitation(second.invitationToken, 'a good long password'),
    ).rejects.toMatchObject({ code: 'TSG306' });
    const third = await controlPlane.users.resendInvitation(admin, first.user.id);
    await controlPlane.users.disable(admin, first.user.id);
    await expect(
      controlPlane.users.acceptInvitation(third.invitationToken, 'a good long password'),
    ).rejects.toMatchObject({ code: 'TSG306' });
    expect((await controlPlane.users.enable(admin, first.user.id)).status).toBe('invited');
  });

  it('follows the invitation lifetime setting', async () => {
    const { controlPlane, admin } = await setUp();
    await controlPlane.settings.update(admin, { invitationLifetimeDays: 2 });
    const issued = await controlPlane.users.invite(admin, {
      email: 'erin@example.com',
      role: 'queryUser',
    });
    expect(Date.parse(issued.expiresAt) - controlPlane.clock.now()).toBe(2 * day);
  });
});

describe('user service: sign-in', () => {
  it('signs in with the right password and records the time', async () => {
    const { controlPlane, clock } = await setUp();
    const result = await controlPlane.users.signIn({
      email: ` ${adminEmail.toUpperCase()} `,
      password: adminPassword,
      sourceAddress: '192.0.2.1',
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.user.lastSignInAt).toBe(new Date(clock.now()).toISOString());
      expect(result.actor).toMatchObject({ role: 'administrator', sourceAddress: '192.0.2.1' });
    }
  });

  it('answers a wrong password, an unknown user and a disabled user with the same reason', async () => {
    const { controlPlane, admin, addUser, store } = await setUp();
    const disabled = await addUser('queryUser', 'gone@example.com');
    await controlPlane.users.disable(admin, disabled.user.id);
    const attempts = [
      { email: adminEmail, password: 'wrong password here' },
      { email: 'nobody@example.com', password: adminPassword },
      { email: 'gone@example.com', password: disabled.password },
      { email: '', password: '' },
    ];
    for (const attempt of attempts) {
      expect(
        await controlPlane.users.signIn({
          ...attempt,
          sourceAddress: `198.51.100.${attempts.indexOf(attempt)}`,
        }),
      ).toEqual({
        ok: false,
        reason: 'invalidCredentials',
      });
    }
    const failures = await store.auditLog.search({ limit: 10, action: 'signIn.failed' });
    expect(failures.map((entry) => entry.details.reason).sort()).toEqual([
      'unknownUser',
      'unknownUser',
      'userDisabled',
      'wrongPassword',
    ]);
    expect(JSON.stringify(failures)).not.toContain(disabled.password);
  });

  it('locks an e-mail address out after 5 failures for 15 minutes, even with the right password', async () => {
    const { controlPlane, clock } = await setUp();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await controlPlane.users.signIn({
        email: adminEmail,
        password: 'wrong password here',
        sourceAddress: `203.0.113.${attempt}`,
      });
    }
    const locked = await controlPlane.users.signIn({
      email: adminEmail,
      password: adminPassword,
      sourceAddress: '203.0.113.99',
    });
    expect(locked).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 15 * 60 });
    clock.advance(15 * minute);
    expect(
      (
        await controlPlane.users.signIn({
          email: adminEmail,
          password: adminPassword,
          sourceAddress: '203.0.113.99',
        })
      ).ok,
    ).toBe(true);
  });

  it('locks a source address out after 20 failures across e-mail addresses', async () => {
    const { controlPlane } = await setUp({
      overrides: {
        signInLimits: {
          perEmail: { maximumFailures: 100, windowMs: 15 * minute, lockoutMs: 15 * minute },
          perAddress: { maximumFailures: 3, windowMs: 15 * minute, lockoutMs: minute },
        },
      },
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await controlPlane.users.signIn({
        email: `guess${attempt}@example.com`,
        password: 'wrong password here',
        sourceAddress: '203.0.113.7',
      });
    }
    expect(
      await controlPlane.users.signIn({
        email: adminEmail,
        password: adminPassword,
        sourceAddress: '203.0.113.7',
      }),
    ).toMatchObject({ reason: 'throttled', retryAfterSeconds: 60 });
    expect(
      (
        await controlPlane.users.signIn({
          email: adminEmail,
          password: adminPassword,
          sourceAddress: '203.0.113.8',
        })
      ).ok,
    ).toBe(true);
  });

  it('spends as long on an unknown e-mail address as on a wrong password', async () => {
    const { controlPlane } = await setUp({
      overrides: { passwordHashing: { memoryCost: 4096, timeCost: 3, parallelism: 1 } },
      initialize: false,
    });
    await controlPlane.users.initialize({ email: adminEmail, password: adminPassword });
    const time = async (email: string): Promise<number> => {
      const started = process.hrtime.bigint();
      await controlPlane.users.signIn({
        email,
        password: 'wrong password here',
        sourceAddress: null,
      });
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await time('warm-up@example.com');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      known.push(await time(adminEmail));
      unknown.push(await time(`nobody${round}@example.com`));
    }
    const median = (values: number[]): number =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    // Both pay one argon2 verification; without the dummy hash, unknown would be ~0 ms.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});

describe('user service: lifecycle and the last administrator', () => {
  it('changes roles, disables, enables and deletes users, and audits each step', async () => {
    const { controlPlane, admin, addUser, store } = await setUp();
    const bob = await addUser('queryUser');
    expect(
      (await controlPlane.users.changeRole(admin, bob.user.id, 'connectionAdministrator')).role,
    ).toBe('connectionAdministrator');
    expect((await controlPlane.users.disable(admin, bob.user.id)).status).toBe('disabled');
    expect((await controlPlane.users.enable(admin, bob.user.id)).status).toBe('active');
    await controlPlane.users.delete(admin, bob.user.id);
    await expect(controlPlane.users.get(admin, bob.user.id)).rejects.toMatchObject({
      code: 'TSG501',
    });
    const actions = (await store.auditLog.search({ limit: 20, targetId: bob.user.id })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual([
      'user.deleted',
      'user.enabled',
      'user.disabled',
      'user.roleChanged',
      'user.invitationAccepted',
      'user.invited',
    ]);
  });

  it('never leaves the store without an active administrator', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    const second = await addUser('administrator');
    // The second administrator may disable the first while two exist ...
    await controlPlane.users.disable(second.actor, admin.userId);
    // ... but then nobody can demote, disable or delete the last one.
    const third = await addUser('administrator');
    await controlPlane.users.delete(third.actor, admin.userId);
    await controlPlane.users.changeRole(second.actor, third.user.id, 'queryUser');
    const list = await controlPlane.users.list(second.actor);
    expect(
      list
        .filter((user) => user.role === 'administrator' && user.status === 'active')
        .map((user) => user.id),
    ).toEqual([second.user.id]);
    const other = await addUser('administrator');
    await controlPlane.users.disable(other.actor, second.user.id);
    await expect(
      controlPlane.users.disable({ ...other.actor, userId: 'someone-else' }, other.user.id),
    ).rejects.toMatchObject({ code: 'TSG507' });
    await expect(
      controlPlane.users.delete({ ...other.actor, userId: 'someone-else' }, other.user.id),
    ).rejects.toMatchObject({ code: 'TSG507' });
    await expect(
      controlPlane.users.changeRole(
        { ...other.actor, userId: 'someone-else' },
        other.user.id,
        'connectionAdministrator',
      ),
    ).rejects.toMatchObject({ code: 'TSG507' });
  });

  it('lets two administrators demote each other concurrently only once', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    const second = await addUser('administrator');
    const results = await Promise.allSettled([
      controlPlane.users.changeRole(admin, second.user.id, 'queryUser'),
      controlPlane.users.changeRole(second.actor, admin.userId, 'queryUser'),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { code: 'TSG507' },
    });
  });

  it('refuses to let administrators disable, delete or demote themselves', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    await addUser('administrator');
    await expect(controlPlane.users.disable(admin, admin.userId)).rejects.toMatchObject({
      code: 'TSG309',
    });
    await expect(controlPlane.users.delete(admin, admin.userId)).rejects.toMatchObject({
      code: 'TSG309',
    });
    await expect(
      controlPlane.users.changeRole(admin, admin.userId, 'queryUser'),
    ).rejects.toMatchObject({ code: 'TSG309' });
  });

  it('deleting a user revokes their tokens and sessions; disabling signs them out', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    const bob = await addUser('queryUser');
    const { token } = await controlPlane.tokens.create(bob.actor, {
      name: 'Salesforce',
      expiresInDays: 30,
    });
    const session = await controlPlane.sessions.create(bob.user, {
      sourceAddress: null,
      userAgent: null,
    });
    await controlPlane.users.disable(admin, bob.user.id);
    expect(await controlPlane.sessions.validate(session.sessionToken)).toEqual({
      ok: false,
      reason: 'revoked',
    });
    expect(await controlPlane.tokens.authenticateBearer(token)).toEqual({
      ok: false,
      reason: 'userDisabled',
    });
    await controlPlane.users.enable(admin, bob.user.id);
    expect((await controlPlane.tokens.authenticateBearer(token)).ok).toBe(true);
    await controlPlane.users.delete(admin, bob.user.id);
    expect(await controlPlane.tokens.authenticateBearer(token)).toMatchObject({
      ok: false,
      reason: 'unknown',
    });
  });

  it('changes the own password with the current one and signs out everywhere', async () => {
    const { controlPlane, addUser } = await setUp();
    const bob = await addUser('queryUser');
    const session = await controlPlane.sessions.create(bob.user, {
      sourceAddress: null,
      userAgent: null,
    });
    await expect(
      controlPlane.users.changePassword(bob.actor, 'not my password', 'a brand new password'),
    ).rejects.toMatchObject({ code: 'TSG308' });
    await expect(
      controlPlane.users.changePassword(bob.actor, bob.password, 'short'),
    ).rejects.toMatchObject({ code: 'TSG307' });
    await controlPlane.users.changePassword(bob.actor, bob.password, 'a brand new password');
    expect((await controlPlane.sessions.validate(session.sessionToken)).ok).toBe(false);
    expect(
      (
        await controlPlane.users.signIn({
          email: bob.user.email,
          password: 'a brand new password',
          sourceAddress: null,
        })
      ).ok,
    ).toBe(true);
    expect(
      (await controlPlane.users.updateProfile(bob.actor, { displayName: 'Robert' })).displayName,
    ).toBe('Robert');
  });
});

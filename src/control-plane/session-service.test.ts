import { describe, expect, it } from 'vitest';
import { hour, minute } from './clock.js';
import { csrfTokenFor } from './session-service.js';
import { useControlPlaneFixtures } from './test-support/control-plane-fixture.js';

const setUp = useControlPlaneFixtures();

describe('session service', () => {
  it('creates a session stored as a digest, with its CSRF token, and validates it', async () => {
    const { controlPlane, addUser, store } = await setUp();
    const bob = await addUser('queryUser');
    const created = await controlPlane.sessions.create(bob.user, {
      sourceAddress: '192.0.2.1',
      userAgent: 'Firefox',
    });
    expect(created.sessionToken).toMatch(/^tsg_ses_[0-9A-Za-z]{43}$/);
    expect(created.csrfToken).toBe(csrfTokenFor(created.sessionToken));
    const [stored] = await store.sessions.listForUser(bob.user.id);
    expect(stored?.tokenDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.sessionToken.slice(8));
    const validation = await controlPlane.sessions.validate(created.sessionToken, '192.0.2.1');
    expect(validation).toMatchObject({
      ok: true,
      csrfToken: created.csrfToken,
      actor: { userId: bob.user.id, role: 'queryUser' },
    });
    expect(await controlPlane.sessions.validate('tsg_ses_unknown')).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await controlPlane.sessions.validate('no prefix')).toEqual({
      ok: false,
      reason: 'unknown',
    });
    await expect(controlPlane.sessions.require('tsg_ses_unknown')).rejects.toMatchObject({
      code: 'TSG304',
      status: 401,
    });
  });

  it('ends after the idle timeout, and use keeps it alive (written at most once a minute)', async () => {
    const { controlPlane, addUser, clock, store } = await setUp();
    const bob = await addUser('queryUser');
    const { sessionToken, session } = await controlPlane.sessions.create(bob.user, {
      sourceAddress: null,
      userAgent: null,
    });
    clock.advance(30 * 1000);
    await controlPlane.sessions.validate(sessionToken);
    expect((await store.sessions.findById(session.id))?.lastSeenAt).toBe(
      Date.parse(session.lastSeenAt),
    );
    clock.advance(59 * minute);
    expect((await controlPlane.sessions.validate(sessionToken)).ok).toBe(true);
    expect((await store.sessions.findById(session.id))?.lastSeenAt).toBe(clock.now());
    clock.advance(59 * minute);
    expect((await controlPlane.sessions.validate(sessionToken)).ok).toBe(true);
    clock.advance(60 * minute);
    expect(await controlPlane.sessions.validate(sessionToken)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('ends at the absolute lifetime however busy it is', async () => {
    const { controlPlane, addUser, clock } = await setUp();
    const bob = await addUser('queryUser');
    const { sessionToken } = await controlPlane.sessions.create(bob.user, {
      sourceAddress: null,
      userAgent: null,
    });
    for (let elapsed = 0; elapsed < 12 * hour - 30 * minute; elapsed += 30 * minute) {
      clock.advance(30 * minute);
      expect((await controlPlane.sessions.validate(sessionToken)).ok).toBe(true);
    }
    clock.advance(30 * minute);
    expect(await controlPlane.sessions.validate(sessionToken)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('signs out one session, lists and revokes the others ("sign out everywhere")', async () => {
    const { controlPlane, addUser, admin } = await setUp();
    const bob = await addUser('queryUser');
    const alice = await addUser('queryUser');
    const first = await controlPlane.sessions.create(bob.user, {
      sourceAddress: null,
      userAgent: null,
    });
    const second = await controlPlane.sessions.create(bob.user, {
      sourceAddress: null,
      userAgent: null,
    });
    const third = await controlPlane.sessions.create(bob.user, {
      sourceAddress: null,
      userAgent: null,
    });
    await controlPlane.sessions.signOut(first.sessionToken);
    expect(await controlPlane.sessions.validate(first.sessionToken)).toEqual({
      ok: false,
      reason: 'revoked',
    });
    expect((await controlPlane.sessions.list(bob.actor)).map((s) => s.id).sort()).toEqual(
      [second.session.id, third.session.id].sort(),
    );
    await expect(controlPlane.sessions.list(alice.actor, bob.user.id)).rejects.toMatchObject({
      code: 'TSG302',
    });
    await expect(
      controlPlane.sessions.revoke(alice.actor, second.session.id),
    ).rejects.toMatchObject({ code: 'TSG302' });
    await controlPlane.sessions.revoke(bob.actor, second.session.id);
    expect((await controlPlane.sessions.validate(second.sessionToken)).ok).toBe(false);
    expect(await controlPlane.sessions.revokeAll(admin, bob.user.id)).toBe(1);
    expect((await controlPlane.sessions.validate(third.sessionToken)).ok).toBe(false);
    expect(await controlPlane.sessions.list(bob.actor)).toEqual([]);
  });

  it('checks the CSRF token of a session in constant time', async () => {
    const { controlPlane, addUser } = await setUp();
    const bob = await addUser('queryUser');
    const one = await controlPlane.sessions.create(bob.user, {
      sourceAddress: null,
      userAgent: null,
    });
    const two = await controlPlane.sessions.create(bob.user, {
      sourceAddress: null,
      userAgent: null,
    });
    expect(() => controlPlane.sessions.verifyCsrf(one.sessionToken, one.csrfToken)).not.toThrow();
    for (const presented of [two.csrfToken, undefined, '', one.csrfToken.slice(1)]) {
      expect(() => controlPlane.sessions.verifyCsrf(one.sessionToken, presented)).toThrow(
        expect.objectContaining({ code: 'TSG305', status: 403 }) as Error,
      );
    }
  });

  it('follows the session lifetime settings', async () => {
    const { controlPlane, addUser, admin, clock } = await setUp();
    await controlPlane.settings.update(admin, {
      sessionIdleTimeoutMinutes: 5,
      sessionAbsoluteLifetimeHours: 1,
    });
    const bob = await addUser('queryUser');
    const { sessionToken, session } = await controlPlane.sessions.create(bob.user, {
      sourceAddress: null,
      userAgent: null,
    });
    expect(Date.parse(session.expiresAt) - clock.now()).toBe(hour);
    clock.advance(5 * minute);
    expect(await controlPlane.sessions.validate(sessionToken)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('counts every session start as a sign-in (setup and invitations too)', async () => {
    const { controlPlane, addUser, store, clock } = await setUp();
    const bob = await addUser('queryUser');
    const stored = await store.users.findById(bob.user.id);
    if (stored === undefined) throw new Error('no user');
    await store.users.update({ ...stored, lastSignInAt: null });
    await controlPlane.sessions.create(bob.user, { sourceAddress: null, userAgent: null });
    expect((await store.users.findById(bob.user.id))?.lastSignInAt).toBe(clock.now());
  });
});

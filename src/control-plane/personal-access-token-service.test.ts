import { describe, expect, it } from 'vitest';
import { day, minute } from './clock.js';
import { authenticationError } from './personal-access-token-service.js';
import { useControlPlaneFixtures } from './test-support/control-plane-fixture.js';

const setUp = useControlPlaneFixtures();

describe('personal access token service', () => {
  it('creates a token shown once, stores only its digest, and authenticates Basic and Bearer', async () => {
    const { controlPlane, addUser, store, clock } = await setUp();
    const bob = await addUser('queryUser', 'bob@example.com');
    const created = await controlPlane.tokens.create(bob.actor, {
      name: 'Salesforce',
      expiresInDays: 30,
    });
    expect(created.token).toMatch(/^tsg_pat_/);
    expect(created.details).toMatchObject({
      name: 'Salesforce',
      hint: created.token.slice(0, 12),
      state: 'active',
      expiresAt: new Date(clock.now() + 30 * day).toISOString(),
      lastUsedAt: null,
    });
    expect(JSON.stringify(created.details)).not.toContain(created.token);
    const [stored] = await store.tokens.listForUser(bob.user.id);
    expect(stored?.tokenDigest).toMatch(/^[0-9a-f]{64}$/);
    const basic = await controlPlane.tokens.authenticateToken(
      'Bob@Example.com',
      created.token,
      '192.0.2.5',
    );
    expect(basic).toMatchObject({
      ok: true,
      tokenName: 'Salesforce',
      actor: { userId: bob.user.id, sourceAddress: '192.0.2.5' },
    });
    expect((await controlPlane.tokens.authenticateBearer(created.token)).ok).toBe(true);
    expect(
      await controlPlane.tokens.authenticateToken('someone@example.com', created.token),
    ).toEqual({ ok: false, reason: 'unknown' });
  });

  it('gives the precise reason of each failure', async () => {
    const { controlPlane, addUser, clock } = await setUp();
    const bob = await addUser('queryUser');
    const expiring = await controlPlane.tokens.create(bob.actor, {
      name: 'Short',
      expiresInDays: 1,
    });
    const revoked = await controlPlane.tokens.create(bob.actor, {
      name: 'Revoked',
      expiresInDays: 30,
    });
    await controlPlane.tokens.revoke(bob.actor, revoked.details.id);
    expect(await controlPlane.tokens.authenticateBearer(revoked.token)).toEqual({
      ok: false,
      reason: 'revoked',
    });
    expect(await controlPlane.tokens.authenticateBearer('tsg_pat_not-a-token')).toEqual({
      ok: false,
      reason: 'unknown',
    });
    const forged = `${expiring.token.slice(0, -7)}${expiring.token.slice(-7, -6) === 'a' ? 'b' : 'a'}${expiring.token.slice(-6)}`;
    expect(await controlPlane.tokens.authenticateBearer(forged)).toEqual({
      ok: false,
      reason: 'unknown',
    });
    clock.advance(day);
    expect(await controlPlane.tokens.authenticateBearer(expiring.token)).toEqual({
      ok: false,
      reason: 'expired',
    });
    const list = await controlPlane.tokens.list(bob.actor);
    expect(list.map((token) => [token.name, token.state]).sort()).toEqual([
      ['Revoked', 'revoked'],
      ['Short', 'expired'],
    ]);
  });

  it('maps every failure to the same 401, and throttling to 429 with Retry-After', () => {
    const messages = (['unknown', 'expired', 'revoked', 'userDisabled'] as const).map((reason) => {
      const error = authenticationError({ reason });
      expect(error).toMatchObject({ code: 'TSG301', status: 401 });
      return error.message;
    });
    expect(new Set(messages).size).toBe(1);
    expect(authenticationError({ reason: 'throttled', retryAfterSeconds: 42 })).toMatchObject({
      code: 'TSG303',
      status: 429,
      headers: { 'Retry-After': '42' },
    });
  });

  it('enforces the expiry policy set by administrators', async () => {
    const { controlPlane, addUser, admin } = await setUp();
    const bob = await addUser('queryUser');
    await expect(
      controlPlane.tokens.create(bob.actor, { name: 'Long', expiresInDays: 91 }),
    ).rejects.toMatchObject({ code: 'TSG500', target: 'expiresInDays' });
    await expect(
      controlPlane.tokens.create(bob.actor, { name: 'Forever', expiresInDays: null }),
    ).rejects.toMatchObject({ code: 'TSG500' });
    await expect(
      controlPlane.tokens.create(bob.actor, { name: 'Zero', expiresInDays: 0 }),
    ).rejects.toMatchObject({ code: 'TSG500' });
    await expect(
      controlPlane.settings.update(bob.actor, { tokenMaximumLifetimeDays: null }),
    ).rejects.toMatchObject({ code: 'TSG302' });
    await expect(
      controlPlane.settings.update(admin, { tokenMaximumLifetimeDays: 45 }),
    ).rejects.toMatchObject({ code: 'TSG500' });
    await controlPlane.settings.update(admin, { tokenMaximumLifetimeDays: null });
    const forever = await controlPlane.tokens.create(bob.actor, {
      name: 'Forever',
      expiresInDays: null,
    });
    expect(forever.details.expiresAt).toBeNull();
    await controlPlane.settings.update(admin, { tokenMaximumLifetimeDays: 30 });
    await expect(
      controlPlane.tokens.create(bob.actor, { name: 'Sixty', expiresInDays: 60 }),
    ).rejects.toMatchObject({ code: 'TSG500' });
    await expect(
      controlPlane.tokens.create(bob.actor, { name: 'forever', expiresInDays: 30 }),
    ).rejects.toMatchObject({ code: 'TSG502' });
    await expect(
      controlPlane.tokens.create(bob.actor, { name: ' ', expiresInDays: 30 }),
    ).rejects.toMatchObject({ code: 'TSG500', target: 'name' });
  });

  it('writes the last use at most every five minutes', async () => {
    const { controlPlane, addUser, clock } = await setUp();
    const bob = await addUser('queryUser');
    const { token } = await controlPlane.tokens.create(bob.actor, {
      name: 'Excel',
      expiresInDays: 30,
    });
    const created = clock.now();
    await controlPlane.tokens.authenticateBearer(token, '192.0.2.1');
    clock.advance(4 * minute);
    await controlPlane.tokens.authenticateBearer(token, '192.0.2.2');
    let [listed] = await controlPlane.tokens.list(bob.actor);
    expect([listed?.lastUsedAt, listed?.lastUsedAddress]).toEqual([
      new Date(created).toISOString(),
      '192.0.2.1',
    ]);
    clock.advance(minute);
    await controlPlane.tokens.authenticateBearer(token, '192.0.2.3');
    [listed] = await controlPlane.tokens.list(bob.actor);
    expect([listed?.lastUsedAt, listed?.lastUsedAddress]).toEqual([
      new Date(clock.now()).toISOString(),
      '192.0.2.3',
    ]);
  });

  it('lets owners and administrators revoke, nobody else', async () => {
    const { controlPlane, addUser, admin } = await setUp();
    const bob = await addUser('queryUser');
    const eve = await addUser('connectionAdministrator');
    const { details } = await controlPlane.tokens.create(bob.actor, {
      name: 'One',
      expiresInDays: 30,
    });
    await expect(controlPlane.tokens.revoke(eve.actor, details.id)).rejects.toMatchObject({
      code: 'TSG302',
    });
    await expect(controlPlane.tokens.list(eve.actor, bob.user.id)).rejects.toMatchObject({
      code: 'TSG302',
    });
    expect((await controlPlane.tokens.list(admin, bob.user.id)).length).toBe(1);
    expect((await controlPlane.tokens.revoke(admin, details.id)).state).toBe('revoked');
    await expect(controlPlane.tokens.revoke(admin, 'no-such-token')).rejects.toMatchObject({
      code: 'TSG501',
    });
  });

  it('throttles guesses per source address and per user, but not expired or revoked tokens', async () => {
    const { controlPlane, addUser, clock } = await setUp({
      overrides: {
        tokenAuthenticationLimits: {
          perAddress: { maximumFailures: 4, windowMs: 5 * minute, lockoutMs: 5 * minute },
          perUser: { maximumFailures: 2, windowMs: 5 * minute, lockoutMs: minute },
        },
      },
    });
    const bob = await addUser('queryUser', 'bob@example.com');
    const { token } = await controlPlane.tokens.create(bob.actor, {
      name: 'Good',
      expiresInDays: 30,
    });
    const revoked = await controlPlane.tokens.create(bob.actor, { name: 'Old', expiresInDays: 30 });
    await controlPlane.tokens.revoke(bob.actor, revoked.details.id);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect(await controlPlane.tokens.authenticateBearer(revoked.token, '198.51.100.1')).toEqual({
        ok: false,
        reason: 'revoked',
      });
    }
    expect(
      (await controlPlane.tokens.authenticateToken('bob@example.com', token, '198.51.100.1')).ok,
    ).toBe(true);
    // Two guesses for bob lock bob (from anywhere) for a minute.
    await controlPlane.tokens.authenticateToken('bob@example.com', 'tsg_pat_guess', '198.51.100.2');
    await controlPlane.tokens.authenticateToken('bob@example.com', 'tsg_pat_guess', '198.51.100.3');
    expect(
      await controlPlane.tokens.authenticateToken('bob@example.com', token, '198.51.100.4'),
    ).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 60 });
    expect((await controlPlane.tokens.authenticateBearer(token, '198.51.100.4')).ok).toBe(true);
    clock.advance(minute);
    expect(
      (await controlPlane.tokens.authenticateToken('bob@example.com', token, '198.51.100.4')).ok,
    ).toBe(true);
    // Four guesses from one address lock that address out.
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await controlPlane.tokens.authenticateBearer(`tsg_pat_guess${attempt}`, '203.0.113.9');
    }
    expect(await controlPlane.tokens.authenticateBearer(token, '203.0.113.9')).toMatchObject({
      reason: 'throttled',
    });
    expect((await controlPlane.tokens.authenticateBearer(token, '203.0.113.10')).ok).toBe(true);
  });
});

/**
 * Console sign-in through real HTTP: first start (/setup), the session cookie and its
 * attributes, CSRF tokens on state-changing requests, which 401s carry WWW-Authenticate,
 * signing out and signing out everywhere, sign-in throttling, invitations and password
 * changes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  expectStatus,
  firstAdministrator,
  sessionFrom,
  startAdminTestGateway,
  type AdminTestGateway,
} from '../../src/server/admin/test-support/admin-test-gateway.js';

const gateways: AdminTestGateway[] = [];
async function start(
  options: Parameters<typeof startAdminTestGateway>[0] = {},
): Promise<AdminTestGateway> {
  const gateway = await startAdminTestGateway(options);
  gateways.push(gateway);
  return gateway;
}
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.close();
});

function setCookie(response: { headers: Headers }): string {
  return response.headers.getSetCookie().join('\n');
}

describe('first start', () => {
  it('creates the first administrator once and signs them in', async () => {
    const { anonymous } = await start({ initialize: false });
    expect((await anonymous.get('/setup')).body).toEqual({ initialized: false });
    const weak = await anonymous.post('/setup', { email: 'root@example.com', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ error: { code: 'TSG307' } });

    const created = expectStatus(
      await anonymous.post('/setup', {
        email: 'root@example.com',
        password: 'a very long root password',
        displayName: 'Root',
      }),
      201,
    );
    expect(created.body).toMatchObject({
      user: { email: 'root@example.com', role: 'administrator', displayName: 'Root' },
    });
    const cookie = setCookie(created);
    expect(cookie).toMatch(
      /^tsunagi_session=tsg_ses_[A-Za-z0-9]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const session = anonymous.with(sessionFrom(created));
    expect((await session.get('/session')).body).toMatchObject({
      user: { email: 'root@example.com' },
      csrfToken: created.body['csrfToken'],
    });
    expect((await anonymous.get('/setup')).body).toEqual({ initialized: true });
    const again = await anonymous.post('/setup', {
      email: 'other@example.com',
      password: 'another long password',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'TSG506' } });
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const { anonymous } = await start({ publicUrl: 'https://tsunagi.example.com' });
    const signedIn = await anonymous.post('/session', firstAdministrator);
    expect(setCookie(signedIn)).toContain('; Secure');
  });

  it('marks the cookie Secure behind a trusted proxy that says HTTPS, not otherwise', async () => {
    const https = { headers: { 'x-forwarded-proto': 'https' } };
    const trusted = await start({ trustProxy: true });
    expect(
      setCookie(await trusted.anonymous.post('/session', firstAdministrator, https)),
    ).toContain('; Secure');
    const untrusted = await start();
    expect(
      setCookie(await untrusted.anonymous.post('/session', firstAdministrator, https)),
    ).not.toContain('Secure');
  });
});

describe('sessions', () => {
  it('refuses state-changing cookie requests without the right CSRF token', async () => {
    const { admin } = await start();
    const session = admin.session;
    const body = { name: 'From the console', expiresInDays: 30 };
    for (const csrf of [false, 'not-the-token', ''] as const) {
      const refused = await session.post('/me/tokens', body, { csrf });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        error: { code: 'TSG305', target: 'X-CSRF-Token' },
      });
    }
    expect((await session.get('/me/tokens')).status).toBe(200);
    expect((await session.post('/me/tokens', body)).status).toBe(201);
    // Nothing was created by the refused attempts.
    const tokens = (await session.get<{ tokens: { name: string }[] }>('/me/tokens')).body.tokens;
    expect(tokens.filter((token) => token.name === 'From the console')).toHaveLength(1);
    // The CSRF token of another session does not do either.
    const other = sessionFrom(await session.post('/session', firstAdministrator));
    if (other.kind !== 'session') throw new Error('no session');
    expect(
      (await session.patch('/me', { displayName: 'x' }, { csrf: other.csrfToken })).status,
    ).toBe(403);
    expect((await session.delete('/session', { csrf: false })).status).toBe(403);
  });

  it('answers 401 with WWW-Authenticate only to token-style requests', async () => {
    const { anonymous } = await start();
    const nothing = await anonymous.get('/me');
    expect(nothing.status).toBe(401);
    expect(nothing.body).toMatchObject({ error: { code: 'TSG300' } });
    expect(nothing.headers.get('www-authenticate')).toBeNull();

    const staleCookie = await anonymous.get('/me', {
      headers: { cookie: 'tsunagi_session=tsg_ses_0000000000000000000000000000000000000000000' },
    });
    expect(staleCookie.status).toBe(401);
    expect(staleCookie.body).toMatchObject({ error: { code: 'TSG304' } });
    expect(staleCookie.headers.get('www-authenticate')).toBeNull();

    for (const authorization of ['Bearer tsg_pat_nonsense', 'Basic bm9wZQ==', 'Negotiate abc']) {
      const badToken = await anonymous.get('/me', { headers: { authorization } });
      expect(badToken.status).toBe(401);
      expect(badToken.body).toMatchObject({ error: { code: 'TSG301' } });
      expect(badToken.headers.get('www-authenticate')).toBe(
        'Basic realm="Tsunagi", charset="UTF-8"',
      );
    }
  });

  it('signs out one session, and every session', async () => {
    const { anonymous, admin } = await start();
    const first = admin.session;
    const second = anonymous.with(
      sessionFrom(await anonymous.post('/session', firstAdministrator)),
    );
    const third = anonymous.with(sessionFrom(await anonymous.post('/session', firstAdministrator)));

    const signedOut = expectStatus(await third.delete('/session'), 204);
    expect(setCookie(signedOut)).toMatch(
      /^tsunagi_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect((await third.get('/session')).status).toBe(401);
    expect((await first.get('/session')).status).toBe(200);

    expectStatus(await second.delete('/sessions'), 204);
    for (const session of [first, second]) {
      const after = await session.get('/me');
      expect(after.status).toBe(401);
      expect(after.body).toMatchObject({ error: { code: 'TSG304' } });
    }
    // Tokens are not sessions: they keep working.
    expect((await admin.tokenClient.get('/me')).status).toBe(200);
  });

  it('throttles sign-in after repeated failures, with Retry-After', async () => {
    const { anonymous, addAccount } = await start();
    const bob = await addAccount('queryUser');
    for (let attempt = 0; attempt < 5; attempt++) {
      const failed = await anonymous.post('/session', { email: bob.email, password: 'wrong!' });
      expect(failed.status).toBe(401);
      expect(failed.body).toMatchObject({ error: { code: 'TSG301' } });
      expect(failed.headers.get('www-authenticate')).toBeNull();
    }
    const throttled = await anonymous.post('/session', {
      email: bob.email,
      password: bob.password,
    });
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ error: { code: 'TSG303' } });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // An unknown address and a wrong password get the same answer.
    const unknown = await anonymous.post('/session', {
      email: 'nobody@example.com',
      password: 'whatever it is',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({
      error: { code: 'TSG301', message: 'The e-mail address or password is wrong.' },
    });
  });
});

describe('invitations and passwords', () => {
  it('shows, accepts and retires invitation links', async () => {
    const { anonymous, admin, baseUrl } = await start();
    const invited = expectStatus(
      await admin.session.post<{ user: { id: string }; invitationUrl: string; expiresAt: string }>(
        '/users',
        { email: 'eve@example.com', role: 'connectionAdministrator', displayName: 'Eve' },
      ),
      201,
    );
    expect(invited.body.invitationUrl).toMatch(
      new RegExp(`^${baseUrl}/invite/tsg_inv_[A-Za-z0-9]{32}$`),
    );
    const firstToken = invited.body.invitationUrl.split('/').pop() ?? '';
    const resent = expectStatus(
      await admin.session.post<{ invitationUrl: string }>(
        `/users/${invited.body.user.id}/invitation`,
      ),
      200,
    );
    const token = resent.body.invitationUrl.split('/').pop() ?? '';
    expect((await anonymous.get(`/invitations/${firstToken}`)).status).toBe(404);
    expect((await anonymous.get(`/invitations/${token}`)).body).toEqual({
      email: 'eve@example.com',
      displayName: 'Eve',
      role: 'connectionAdministrator',
      expiresAt: expect.any(String) as unknown,
    });

    const weak = await anonymous.post(`/invitations/${token}/accept`, { password: 'eve' });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({
      error: { code: 'TSG307', details: expect.any(Array) as unknown },
    });

    const accepted = expectStatus(
      await anonymous.post(`/invitations/${token}/accept`, {
        password: 'eve has a long password',
      }),
      200,
    );
    expect(accepted.body).toMatchObject({ user: { email: 'eve@example.com', status: 'active' } });
    const eve = anonymous.with(sessionFrom(accepted));
    expect((await eve.get('/me')).body).toMatchObject({
      user: { role: 'connectionAdministrator' },
    });

    const gone = await anonymous.get(`/invitations/${token}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error: { code: 'TSG501' } });
    const reused = await anonymous.post(`/invitations/${token}/accept`, {
      password: 'someone else wants in',
    });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: { code: 'TSG306' } });
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    const { anonymous, addAccount } = await start();
    const bob = await addAccount('queryUser');
    const elsewhere = anonymous.with(
      sessionFrom(await anonymous.post('/session', { email: bob.email, password: bob.password })),
    );
    const wrong = await bob.session.post('/me/password', {
      currentPassword: 'not it',
      newPassword: 'a new long password',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: { code: 'TSG308', target: 'currentPassword' } });

    const changed = expectStatus(
      await bob.session.post('/me/password', {
        currentPassword: bob.password,
        newPassword: 'a new long password',
      }),
      204,
    );
    expect((await bob.session.get('/me')).status).toBe(401);
    expect((await elsewhere.get('/me')).status).toBe(401);
    const renewed = anonymous.with({
      kind: 'session',
      cookie: (setCookie(changed).match(/tsunagi_session=([^;]+)/) ?? [])[1] ?? '',
      csrfToken: '',
    });
    const session = expectStatus(await renewed.get<{ csrfToken: string }>('/session'), 200);
    expect(session.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(
      (await anonymous.post('/session', { email: bob.email, password: 'a new long password' }))
        .status,
    ).toBe(200);
  });
});

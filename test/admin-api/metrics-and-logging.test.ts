/**
 * `/metrics` after real traffic (HTTP requests by route kind and status, OData requests by
 * entity set, source calls by connection, errors by code) and the JSON log of a gateway:
 * tokens, cookies, CSRF tokens, invitation links and connection passwords never appear in
 * it.
 */
import { describe, expect, it } from 'vitest';
import {
  expectStatus,
  sessionFrom,
  startAdminTestGateway,
} from '../../src/server/admin/test-support/admin-test-gateway.js';
import { memoryConnectorPassword } from '../../src/server/admin/test-support/memory-connector-definition.js';
import { createGatewayLogger } from '../../src/server/gateway-logger.js';

/** The value of one sample, whatever the order of its labels (undefined when absent). */
function sample(
  exposition: string,
  name: string,
  labels: Readonly<Record<string, string>>,
): number | undefined {
  for (const line of exposition.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const present = new Map<string, string>();
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) {
      present.set(pair[1] ?? '', pair[2] ?? '');
    }
    if (Object.entries(labels).every(([key, value]) => present.get(key) === value)) {
      return Number(match[3]);
    }
  }
  return undefined;
}

describe('metrics', () => {
  it('counts requests, OData sets, source calls and errors', async () => {
    const gateway = await startAdminTestGateway();
    try {
      const admin = gateway.admin.tokenClient;
      const created = expectStatus(
        await admin.post<{ connection: { id: string } }>('/connections', {
          name: 'Measured',
          kind: 'memory',
          settings: { password: memoryConnectorPassword },
        }),
        201,
      );
      const connectionId = created.body.connection.id;
      expectStatus(
        await admin.post('/publications', {
          connectionId,
          tableId: 'orders',
          entitySet: 'MeasuredOrders',
        }),
        201,
      );
      expectStatus(await admin.odata('/MeasuredOrders?$top=2'), 200);
      expectStatus(await admin.odata('/MeasuredOrders?$top=1'), 200);
      expect((await admin.odata('/Unknown')).status).toBe(404);
      expect((await gateway.anonymous.odata('/MeasuredOrders')).status).toBe(401);
      expect((await gateway.anonymous.get('/me')).status).toBe(401);
      expect((await gateway.anonymous.get('//healthz')).status).toBe(200);
      expect((await gateway.anonymous.get('//no/such/page')).status).toBe(404);

      const metrics = await gateway.anonymous.get('//metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      const text = metrics.text;
      expect(
        sample(text, 'tsunagi_odata_requests_total', {
          entity_set: 'MeasuredOrders',
          status: '200',
        }),
      ).toBe(2);
      expect(
        sample(text, 'tsunagi_http_requests_total', {
          kind: 'odata',
          method: 'GET',
          status: '401',
        }),
      ).toBe(1);
      expect(
        sample(text, 'tsunagi_http_requests_total', {
          kind: 'admin',
          method: 'POST',
          status: '201',
        }),
      ).toBeGreaterThanOrEqual(3);
      expect(
        sample(text, 'tsunagi_http_requests_total', {
          kind: 'admin',
          method: 'GET',
          status: '401',
        }),
      ).toBe(1);
      expect(
        sample(text, 'tsunagi_http_requests_total', {
          kind: 'health',
          method: 'GET',
          status: '200',
        }),
      ).toBe(1);
      expect(
        sample(text, 'tsunagi_http_requests_total', {
          kind: 'unmatched',
          method: 'GET',
          status: '404',
        }),
      ).toBe(1);
      expect(sample(text, 'tsunagi_http_request_duration_seconds_count', { kind: 'odata' })).toBe(
        4,
      );
      expect(
        sample(text, 'tsunagi_odata_request_duration_seconds_bucket', {
          entity_set: 'MeasuredOrders',
          le: '+Inf',
        }),
      ).toBe(2);
      expect(
        sample(text, 'tsunagi_source_calls_total', { connection: connectionId, status: '200' }),
      ).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'tsunagi_errors_total', { code: 'TSG300' })).toBe(2);
      expect(sample(text, 'tsunagi_query_log_dropped_entries_total', {})).toBe(0);
    } finally {
      await gateway.close();
    }
  });
});

describe('the log', () => {
  it('never shows tokens, cookies, CSRF tokens, invitation links or passwords', async () => {
    const lines: string[] = [];
    const logger = createGatewayLogger({
      level: 'trace',
      destination: { write: (line: string) => void lines.push(line) },
    });
    const gateway = await startAdminTestGateway({ logger });
    try {
      const admin = gateway.admin;
      const session = admin.session;
      const credentials = session.credentials;
      if (credentials.kind !== 'session') throw new Error('no session');
      const secretPassword = 'kintone-password-that-must-not-leak';
      expectStatus(
        await session.post('/connections', {
          name: 'Secretive',
          kind: 'memory',
          settings: { password: secretPassword },
        }),
        201,
      );
      expect(
        (
          await session.post('/connections', {
            name: 'Bad',
            kind: 'memory',
            settings: { password: secretPassword, unknown: secretPassword },
          })
        ).status,
      ).toBe(400);
      expectStatus(await admin.tokenClient.get('/me'), 200);
      const basic = gateway.anonymous.with({
        kind: 'basic',
        userName: admin.email,
        token: admin.token,
      });
      expectStatus(await basic.odata(''), 200);
      const invited = expectStatus(
        await session.post<{ invitationUrl: string }>('/users', {
          email: 'logged@example.com',
          role: 'queryUser',
        }),
        201,
      );
      const invitationToken = invited.body.invitationUrl.split('/').pop() ?? '';
      expectStatus(await gateway.anonymous.get(`/invitations/${invitationToken}`), 200);
      const accepted = expectStatus(
        await gateway.anonymous.post(`/invitations/${invitationToken}/accept`, {
          password: 'the invited user password',
        }),
        200,
      );
      const newSession = sessionFrom(accepted);
      if (newSession.kind !== 'session') throw new Error('no session');
      expect(
        (
          await gateway.anonymous.post('/session', {
            email: admin.email,
            password: 'a wrong password guess',
          })
        ).status,
      ).toBe(401);

      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(10);
      expect(log).toContain('"url":"/api/admin/v1/invitations/tsg_inv_[redacted]"');
      for (const secret of [
        admin.token,
        credentials.cookie,
        credentials.csrfToken,
        newSession.cookie,
        newSession.csrfToken,
        invitationToken,
        secretPassword,
        admin.password,
        'the invited user password',
        'a wrong password guess',
        Buffer.from(`${admin.email}:${admin.token}`).toString('base64'),
      ]) {
        expect(log).not.toContain(secret);
      }
      for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    } finally {
      await gateway.close();
    }
  });

  it('censors secret-bearing keys if some code logs them', () => {
    const lines: string[] = [];
    const logger = createGatewayLogger({
      level: 'info',
      destination: { write: (line: string) => void lines.push(line) },
    });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer tsg_pat_abc', cookie: 'tsunagi_session=x' } },
        body: { password: 'p1', settings: { apiToken: 't1', url: 'https://x' } },
        token: 'tsg_pat_zzz',
      },
      'something happened',
    );
    const line = lines.join('');
    for (const secret of ['tsg_pat_abc', 'tsunagi_session=x', 'p1', 't1', 'tsg_pat_zzz']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('something happened');
  });
});

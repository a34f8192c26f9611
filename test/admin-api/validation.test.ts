/**
 * Request validation of the admin API through real HTTP: one TSG500 detail per field with
 * the field's path as target, unknown fields and query parameters refused, bodies only as
 * JSON, malformed JSON, prototype keys, bodies on operations that take none, unknown paths
 * (404) and methods (405). Nothing is changed by a refused request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startAdminTestGateway,
  type AdminClient,
  type AdminTestGateway,
} from '../../src/server/admin/test-support/admin-test-gateway.js';

let gateway: AdminTestGateway;
let admin: AdminClient;
beforeAll(async () => {
  gateway = await startAdminTestGateway();
  admin = gateway.admin.tokenClient;
});
afterAll(async () => {
  await gateway.close();
});

interface ErrorBody {
  error: {
    code: string;
    message: string;
    target?: string;
    details?: { target: string; message: string }[];
  };
}

function details(body: unknown): Record<string, string> {
  const error = (body as ErrorBody).error;
  return Object.fromEntries((error.details ?? []).map((detail) => [detail.target, detail.message]));
}

describe('bodies', () => {
  it.each([
    [
      'missing and wrongly typed fields',
      '/users',
      { role: 'owner', displayName: 42 },
      {
        email: 'email is required.',
        role: 'role must be one of: administrator, connectionAdministrator, queryUser.',
        displayName: 'displayName must be text.',
      },
    ],
    [
      'unknown fields',
      '/me/tokens',
      { name: 'T', expiresInDays: 30, scopes: ['all'] },
      { scopes: 'There is no field scopes.' },
    ],
    [
      'numbers out of range and nested fields',
      '/connections',
      { name: 'X', kind: 'memory', settings: { password: ['a'], nested: { deep: true } } },
      {
        'settings.password': 'settings.password must be text, a number or true/false.',
        'settings.nested': 'settings.nested must be text, a number or true/false.',
      },
    ],
    [
      'lists and their items',
      '/publications',
      { connectionId: 'x', tableId: 'y', entitySet: 'Z', propertyAliases: { Name: 7 } },
      { 'propertyAliases.Name': 'propertyAliases.Name must be text.' },
    ],
    [
      'a body that is not an object',
      '/session',
      ['admin@example.com'],
      { body: 'The request body must be a JSON object.' },
    ],
  ])('reports %s field by field', async (_name, path, body, expected) => {
    const response = await admin.post(path, body);
    expect(response.status).toBe(400);
    expect((response.body as unknown as ErrorBody).error.code).toBe('TSG500');
    expect(details(response.body)).toEqual(expected);
  });

  it('reports the services’ own rules with the field as target', async () => {
    const response = await admin.post('/me/tokens', { name: ' ', expiresInDays: null });
    expect(response.status).toBe(400);
    expect(Object.keys(details(response.body)).sort()).toEqual(['expiresInDays', 'name']);
    const settings = await admin.patch('/settings', {
      maximumPageSize: 5,
      queryLogRetentionDays: 0,
    });
    expect(details(settings.body)).toEqual({
      maximumPageSize: 'Enter a whole number from 10 to 2000.',
      queryLogRetentionDays: 'Enter a whole number from 1 to 365.',
    });
    expect(
      (await admin.get<{ settings: { maximumPageSize: number } }>('/settings')).body.settings
        .maximumPageSize,
    ).toBe(1000);
  });

  it('refuses bodies that are not JSON, malformed JSON and prototype keys', async () => {
    const text = await admin.request('POST', '/users', {
      rawBody: 'email=a@example.com',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ error: { code: 'TSG123', target: 'Content-Type' } });
    const malformed = await admin.request('POST', '/users', { rawBody: '{"email": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'TSG124', target: 'body' } });
    const prototype = await admin.request('POST', '/connections', {
      rawBody: '{"name":"P","kind":"memory","settings":{"__proto__":{"password":"x"}}}',
    });
    expect(prototype.status).toBe(400);
    const huge = await admin.post('/me', { displayName: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: 'TSG115' } });
  });

  it('refuses a body on an operation that takes none, but accepts an empty one', async () => {
    const user = await gateway.addAccount('queryUser');
    const withBody = await admin.post(`/users/${user.id}/disable`, { reason: 'x' });
    expect(withBody.status).toBe(400);
    expect(details(withBody.body)).toEqual({ body: 'This request takes no body.' });
    expect(
      (await admin.get<{ user: { status: string } }>(`/users/${user.id}`)).body.user.status,
    ).toBe('active');
    expect((await admin.request('POST', `/users/${user.id}/disable`, { rawBody: '' })).status).toBe(
      200,
    );
    expect((await admin.post(`/users/${user.id}/enable`, {})).status).toBe(200);
  });
});

describe('query parameters', () => {
  it('reads numbers and booleans from text and names the bad ones', async () => {
    expect((await admin.get('/query-log?limit=5&failedOnly=true&status=404')).status).toBe(200);
    const bad = await admin.get('/query-log?limit=0&failedOnly=yes&status=abc&colour=red');
    expect(bad.status).toBe(400);
    expect(details(bad.body)).toEqual({
      limit: 'limit must be a whole number from 1 to 500.',
      failedOnly: 'failedOnly must be true or false.',
      status: 'status must be a whole number from 100 to 599.',
      colour: 'There is no query parameter colour.',
    });
    const twice = await admin.get('/query-log?limit=1&limit=2');
    expect(details(twice.body)).toEqual({ limit: 'limit is given more than once; give it once.' });
    const unexpected = await admin.get('/users?page=2');
    expect(details(unexpected.body)).toEqual({ page: 'There is no query parameter page.' });
    const badTime = await admin.get('/audit-log?from=yesterday');
    expect(badTime.status).toBe(400);
    expect(details(badTime.body)).toHaveProperty('from');
  });
});

describe('paths and methods', () => {
  it('answers 404 for unknown paths and ids, 405 with Allow for wrong methods', async () => {
    const unknown = await admin.get('/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'TSG501' } });
    const missing = await admin.get('/users/00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'TSG501' } });
    const tooLong = await admin.get(`/connections/${'x'.repeat(600)}`);
    expect(tooLong.status).toBe(404);
    const wrongMethod = await admin.request('PUT', '/users');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    expect(wrongMethod.body).toMatchObject({ error: { code: 'TSG122' } });
    expect(wrongMethod.headers.get('cache-control')).toBe('no-store');
  });
});

/**
 * The admin API's role × endpoint matrix, through real HTTP against a real gateway: every
 * operation is called by an administrator, a connection administrator and a query user
 * (each with their personal access token) and by an anonymous client, and must answer the
 * status the table gives. Runs on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectStatus,
  startAdminTestGateway,
  type AdminClient,
  type AdminTestGateway,
  type TestAccount,
} from '../../src/server/admin/test-support/admin-test-gateway.js';
import { memoryConnectorPassword } from '../../src/server/admin/test-support/memory-connector-definition.js';
import {
  describeWithPostgres,
  postgresTestUrl,
  probePostgres,
  useTemporarySchemas,
} from '../../src/store/test-support/postgres-test-database.js';

const probe = await probePostgres();

type Caller = 'administrator' | 'connectionAdministrator' | 'queryUser' | 'anonymous';
const callers: readonly Caller[] = [
  'administrator',
  'connectionAdministrator',
  'queryUser',
  'anonymous',
];

interface Request {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

/** Prepares what the request needs (as the administrator) and returns it. */
type Prepare = (context: MatrixContext) => Promise<Request>;

interface MatrixContext {
  readonly admin: AdminClient;
  readonly queryUser: TestAccount;
  readonly gateway: AdminTestGateway;
}

let counter = 0;
const unique = (prefix: string): string => `${prefix}${++counter}${Date.now() % 100000}`;

async function connection(context: MatrixContext): Promise<string> {
  const created = expectStatus(
    await context.admin.post<{ connection: { id: string } }>('/connections', {
      name: unique('Connection '),
      kind: 'memory',
      settings: { password: memoryConnectorPassword },
    }),
    201,
  );
  return created.body.connection.id;
}

async function publication(context: MatrixContext): Promise<string> {
  const connectionId = await connection(context);
  const created = expectStatus(
    await context.admin.post<{ publication: { id: string } }>('/publications', {
      connectionId,
      tableId: 'customers',
      entitySet: unique('Customers'),
    }),
    201,
  );
  return created.body.publication.id;
}

async function invitedUser(context: MatrixContext): Promise<string> {
  const invited = expectStatus(
    await context.admin.post<{ user: { id: string } }>('/users', {
      email: `${unique('invited')}@example.com`,
      role: 'queryUser',
    }),
    201,
  );
  return invited.body.user.id;
}

async function activeUser(context: MatrixContext): Promise<string> {
  return (await context.gateway.addAccount('queryUser')).id;
}

const fixed =
  (method: string, path: string, body?: unknown): Prepare =>
  () =>
    Promise.resolve({ method, path, ...(body === undefined ? {} : { body }) });

/** [name, prepare, statuses for administrator, connection administrator, query user, anonymous]. */
const matrix: readonly (readonly [string, Prepare, readonly [number, number, number, number]])[] = [
  ['GET /setup', fixed('GET', '/setup'), [200, 200, 200, 200]],
  ['GET /openapi.json', fixed('GET', '/openapi.json'), [200, 200, 200, 200]],
  ['GET /session (a token is no session)', fixed('GET', '/session'), [401, 401, 401, 401]],
  ['GET /me', fixed('GET', '/me'), [200, 200, 200, 401]],
  ['PATCH /me', fixed('PATCH', '/me', { displayName: 'Me' }), [200, 200, 200, 401]],
  ['GET /me/tokens', fixed('GET', '/me/tokens'), [200, 200, 200, 401]],
  [
    'POST /me/tokens',
    () =>
      Promise.resolve({
        method: 'POST',
        path: '/me/tokens',
        body: { name: unique('T'), expiresInDays: 7 },
      }),
    [201, 201, 201, 401],
  ],
  ['GET /users', fixed('GET', '/users'), [200, 200, 403, 401]],
  [
    'POST /users',
    () =>
      Promise.resolve({
        method: 'POST',
        path: '/users',
        body: { email: `${unique('new')}@example.com`, role: 'queryUser' },
      }),
    [201, 403, 403, 401],
  ],
  [
    'GET /users/{id}',
    async (c) => ({ method: 'GET', path: `/users/${await invitedUser(c)}` }),
    [200, 200, 403, 401],
  ],
  [
    'PATCH /users/{id}',
    async (c) => ({
      method: 'PATCH',
      path: `/users/${await invitedUser(c)}`,
      body: { displayName: 'Renamed' },
    }),
    [200, 403, 403, 401],
  ],
  [
    'POST /users/{id}/disable',
    async (c) => ({ method: 'POST', path: `/users/${await activeUser(c)}/disable` }),
    [200, 403, 403, 401],
  ],
  [
    'POST /users/{id}/enable',
    async (c) => {
      const id = await activeUser(c);
      expectStatus(await c.admin.post(`/users/${id}/disable`), 200);
      return { method: 'POST', path: `/users/${id}/enable` };
    },
    [200, 403, 403, 401],
  ],
  [
    'POST /users/{id}/invitation',
    async (c) => ({ method: 'POST', path: `/users/${await invitedUser(c)}/invitation` }),
    [200, 403, 403, 401],
  ],
  [
    'DELETE /users/{id}',
    async (c) => ({ method: 'DELETE', path: `/users/${await invitedUser(c)}` }),
    [204, 403, 403, 401],
  ],
  [
    'GET /users/{id}/tokens',
    async (c) => ({ method: 'GET', path: `/users/${await invitedUser(c)}/tokens` }),
    [200, 403, 403, 401],
  ],
  ['GET /connectors', fixed('GET', '/connectors'), [200, 200, 200, 401]],
  ['GET /connections', fixed('GET', '/connections'), [200, 200, 200, 401]],
  [
    'POST /connections/test',
    fixed('POST', '/connections/test', {
      kind: 'memory',
      settings: { password: memoryConnectorPassword },
    }),
    [200, 200, 403, 401],
  ],
  [
    'POST /connections',
    () =>
      Promise.resolve({
        method: 'POST',
        path: '/connections',
        body: { name: unique('C'), kind: 'memory', settings: { password: 'x' } },
      }),
    [201, 201, 403, 401],
  ],
  [
    'GET /connections/{id}',
    async (c) => ({ method: 'GET', path: `/connections/${await connection(c)}` }),
    [200, 200, 403, 401],
  ],
  [
    'PATCH /connections/{id}',
    async (c) => ({
      method: 'PATCH',
      path: `/connections/${await connection(c)}`,
      body: { description: 'changed' },
    }),
    [200, 200, 403, 401],
  ],
  [
    'POST /connections/{id}/test',
    async (c) => ({ method: 'POST', path: `/connections/${await connection(c)}/test` }),
    [200, 200, 403, 401],
  ],
  [
    'DELETE /connections/{id}',
    async (c) => ({ method: 'DELETE', path: `/connections/${await connection(c)}` }),
    [204, 204, 403, 401],
  ],
  [
    'GET /connections/{id}/tables',
    async (c) => ({ method: 'GET', path: `/connections/${await connection(c)}/tables` }),
    [200, 200, 403, 401],
  ],
  [
    'GET /connections/{id}/permissions',
    async (c) => ({ method: 'GET', path: `/connections/${await connection(c)}/permissions` }),
    [200, 200, 403, 401],
  ],
  [
    'PUT /connections/{id}/permissions/{userId}',
    async (c) => ({
      method: 'PUT',
      path: `/connections/${await connection(c)}/permissions/${c.queryUser.id}`,
      body: { permissions: ['select'] },
    }),
    [200, 200, 403, 401],
  ],
  ['GET /publications', fixed('GET', '/publications'), [200, 200, 200, 401]],
  [
    'POST /publications',
    async (c) => ({
      method: 'POST',
      path: '/publications',
      body: { connectionId: await connection(c), tableId: 'orders', entitySet: unique('O') },
    }),
    [201, 201, 403, 401],
  ],
  [
    'PATCH /publications/{id}',
    async (c) => ({
      method: 'PATCH',
      path: `/publications/${await publication(c)}`,
      body: { entitySet: unique('Renamed') },
    }),
    [200, 200, 403, 401],
  ],
  [
    'DELETE /publications/{id}',
    async (c) => ({ method: 'DELETE', path: `/publications/${await publication(c)}` }),
    [204, 204, 403, 401],
  ],
  ['GET /service', fixed('GET', '/service'), [200, 200, 200, 401]],
  ['GET /query-log', fixed('GET', '/query-log'), [200, 200, 200, 401]],
  ['GET /audit-log', fixed('GET', '/audit-log'), [200, 403, 403, 401]],
  ['GET /settings', fixed('GET', '/settings'), [200, 403, 403, 401]],
  [
    'PATCH /settings',
    fixed('PATCH', '/settings', { queryLogRetentionDays: 14 }),
    [200, 403, 403, 401],
  ],
  ['DELETE /sessions', fixed('DELETE', '/sessions'), [204, 204, 204, 401]],
];

function describeRoleMatrix(start: () => Promise<AdminTestGateway>): void {
  let gateway: AdminTestGateway;
  let clients: Record<Caller, AdminClient>;
  let context: MatrixContext;
  beforeAll(async () => {
    gateway = await start();
    const connectionAdministrator = await gateway.addAccount('connectionAdministrator');
    const queryUser = await gateway.addAccount('queryUser');
    clients = {
      administrator: gateway.admin.tokenClient,
      connectionAdministrator: connectionAdministrator.tokenClient,
      queryUser: queryUser.tokenClient,
      anonymous: gateway.anonymous,
    };
    context = { admin: gateway.admin.tokenClient, queryUser, gateway };
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('covers every operation of the API', async () => {
    const { adminRoutes } = await import('../../src/server/admin/register-admin-routes.js');
    const covered = new Set(matrix.map(([name]) => name.split(' (')[0]));
    const missing = adminRoutes
      .map((route) => `${route.method} ${route.path}`)
      .filter((operation) => !covered.has(operation))
      // Flows that change the caller's own sign-in are covered by the session tests.
      .filter(
        (operation) =>
          ![
            'POST /setup',
            'POST /session',
            'DELETE /session',
            'GET /invitations/{token}',
            'POST /invitations/{token}/accept',
            'POST /me/password',
            'DELETE /me/tokens/{id}',
            'GET /query-log/{id}',
          ].includes(operation),
      );
    expect(missing).toEqual([]);
  });

  describe.each(callers.map((caller, index) => [caller, index] as const))('%s', (caller, index) => {
    it.each(matrix.map(([name, prepare, statuses]) => [name, statuses[index], prepare] as const))(
      '%s → %s',
      async (_name, expected, prepare) => {
        const request = await prepare(context);
        const response = await clients[caller].request(request.method, request.path, {
          ...(request.body === undefined ? {} : { body: request.body }),
        });
        expect(response.status, response.text).toBe(expected);
        if (expected === 403) {
          expect(response.body).toMatchObject({ error: { code: 'TSG302' } });
        }
        if (expected === 401) {
          expect((response.body as { error: { code: string } }).error.code).toMatch(/^TSG30[04]$/);
        }
      },
    );
  });
}

describe('admin API role matrix on SQLite', () => {
  describeRoleMatrix(() => startAdminTestGateway());
});

describeWithPostgres(probe, 'admin API role matrix on PostgreSQL', () => {
  const schemas = useTemporarySchemas();
  describeRoleMatrix(() =>
    startAdminTestGateway({ storeUrl: `${postgresTestUrl}?schema=${schemas.next()}` }),
  );
});

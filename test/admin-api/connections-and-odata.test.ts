/**
 * The admin API working with the OData endpoint of the same gateway: personal access
 * tokens used on the feed and revoked; connections with masked secrets, tests and live
 * tables; publications that show up in $metadata only for users with Select; writes
 * refused without Insert; and the query and audit logs that record it all. On SQLite and
 * on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectStatus,
  startAdminTestGateway,
  type AdminTestGateway,
  type Json,
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

interface ConnectionBody {
  connection: {
    id: string;
    settings: Record<string, unknown>;
    secrets: Record<string, { hasValue: boolean }>;
    lastTest: { ok: boolean; steps: { name: string; ok: boolean; message?: string }[] } | null;
  };
}

function describeSuite(start: () => Promise<AdminTestGateway>): void {
  let gateway: AdminTestGateway;
  let bob: TestAccount;
  let carol: TestAccount;
  beforeAll(async () => {
    gateway = await start();
    bob = await gateway.addAccount('queryUser');
    carol = await gateway.addAccount('connectionAdministrator');
  });
  afterAll(async () => {
    await gateway.close();
  });

  async function createConnection(
    name: string,
    password = memoryConnectorPassword,
  ): Promise<string> {
    const created = expectStatus(
      await gateway.admin.session.post<ConnectionBody>('/connections', {
        name,
        kind: 'memory',
        description: 'Sample data',
        settings: { password, region: 'eu', customers: 10 },
      }),
      201,
    );
    return created.body.connection.id;
  }

  describe('personal access tokens on the OData endpoint', () => {
    it('shows a token once, lets it read the feed, and refuses it once revoked', async () => {
      const created = expectStatus(
        await bob.session.post<{ token: string; details: { id: string; hint: string } }>(
          '/me/tokens',
          { name: 'Salesforce', expiresInDays: 90 },
        ),
        201,
      );
      const { token, details } = created.body;
      expect(token).toMatch(/^tsg_pat_[A-Za-z0-9]{38}$/);
      expect(token.startsWith(details.hint)).toBe(true);
      const listed = await bob.session.get('/me/tokens');
      expect(listed.text).not.toContain(token);
      expect(listed.text).toContain(details.hint);
      const adminView = await gateway.admin.session.get(`/users/${bob.id}/tokens`);
      expect(adminView.status).toBe(200);
      expect(adminView.text).not.toContain(token);

      const feed = gateway.anonymous.with({ kind: 'basic', userName: bob.email, token });
      expect((await feed.odata('')).status).toBe(200);
      expect((await feed.odata('/$metadata')).status).toBe(200);

      // Another user's token is not "mine" to revoke.
      expect((await gateway.admin.session.delete(`/me/tokens/${details.id}`)).status).toBe(404);
      expectStatus(await bob.session.delete(`/me/tokens/${details.id}`), 204);
      const refused = await feed.odata('');
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe(
        'Basic realm="Tsunagi", charset="UTF-8"',
      );
      const state = (
        await bob.session.get<{ tokens: { id: string; state: string }[] }>('/me/tokens')
      ).body.tokens;
      expect(state.find((entry) => entry.id === details.id)?.state).toBe('revoked');
    });
  });

  describe('connections', () => {
    it('masks secrets, keeps a masked secret on update and tests with the stored value', async () => {
      const id = await createConnection('Shop');
      const read = expectStatus(
        await gateway.admin.session.get<ConnectionBody>(`/connections/${id}`),
        200,
      );
      expect(read.body.connection.settings).toEqual({
        password: '********',
        region: 'eu',
        customers: 10,
      });
      expect(read.body.connection.secrets).toEqual({ password: { hasValue: true } });
      expect(read.text).not.toContain(memoryConnectorPassword);
      expect((await gateway.admin.session.get('/connections')).text).not.toContain(
        memoryConnectorPassword,
      );

      // The stored secret opens the source: the test passes and is recorded.
      const tested = expectStatus(await carol.session.post(`/connections/${id}/test`), 200);
      expect(tested.body).toMatchObject({ ok: true });
      const updated = expectStatus(
        await carol.session.patch<ConnectionBody>(`/connections/${id}`, {
          description: 'Renamed',
          settings: { password: '********', region: null },
        }),
        200,
      );
      expect(updated.body.connection.settings).toEqual({ password: '********', customers: 10 });
      expect((await carol.session.post(`/connections/${id}/test`)).body).toMatchObject({
        ok: true,
      });
      // An unsaved change is tested without being stored.
      const unsaved = await carol.session.post('/connections/test', {
        kind: 'memory',
        connectionId: id,
        settings: { password: 'wrong password' },
      });
      expect(unsaved.body).toEqual({
        ok: false,
        steps: [{ name: 'Sign in', ok: false, message: 'The password is wrong.' }],
      });
      expect((await carol.session.post(`/connections/${id}/test`)).body).toMatchObject({
        ok: true,
      });

      expectStatus(
        await carol.session.patch(`/connections/${id}`, {
          settings: { password: 'changed to a wrong one' },
        }),
        200,
      );
      expect((await carol.session.post(`/connections/${id}/test`)).body).toMatchObject({
        ok: false,
      });
      const last = await carol.session.get<ConnectionBody>(`/connections/${id}`);
      expect(last.body.connection.lastTest).toMatchObject({
        ok: false,
        steps: [{ name: 'Sign in', ok: false, message: 'The password is wrong.' }],
      });
      expect(last.text).not.toContain('changed to a wrong one');
    });

    it('names every invalid setting and refuses unknown kinds and duplicate names', async () => {
      const invalid = await gateway.admin.session.post('/connections', {
        name: 'Bad',
        kind: 'fake',
        settings: { url: 'ftp://x', guestSpaceId: 0, colour: 'blue' },
      });
      expect(invalid.status).toBe(400);
      const targets = (invalid.body as { error: { details: { target: string }[] } }).error.details
        .map((detail) => detail.target)
        .sort();
      expect(targets).toEqual(
        expect.arrayContaining([
          'settings.colour',
          'settings.guestSpaceId',
          'settings.url',
        ]) as unknown,
      );
      const unknownKind = await gateway.admin.session.post('/connections', {
        name: 'Mystery',
        kind: 'mystery',
        settings: {},
      });
      expect(unknownKind.status).toBe(400);
      expect(unknownKind.body).toMatchObject({ error: { code: 'TSG509', target: 'kind' } });
      await createConnection('Twice');
      const duplicate = await gateway.admin.session.post('/connections', {
        name: 'twice',
        kind: 'memory',
        settings: { password: 'x' },
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ error: { code: 'TSG502', target: 'name' } });
    });

    it('lists the live tables with their publications, filtered', async () => {
      const id = await createConnection('Tables');
      const all = expectStatus(
        await carol.session.get<{ tables: { id: string; published: unknown }[] }>(
          `/connections/${id}/tables`,
        ),
        200,
      );
      expect(all.body.tables.map((table) => table.id)).toEqual([
        'customers',
        'orders',
        'order-items',
      ]);
      expectStatus(
        await carol.session.post('/publications', {
          connectionId: id,
          tableId: 'orders',
          entitySet: 'TableOrders',
        }),
        201,
      );
      const searched = await carol.session.get<{ tables: Json[] }>(
        `/connections/${id}/tables?search=ORDER`,
      );
      expect(searched.body.tables).toEqual([
        {
          id: 'orders',
          name: 'Orders',
          label: 'Orders',
          published: { id: expect.any(String) as unknown, entitySet: 'TableOrders' },
        },
        expect.objectContaining({ id: 'order-items', published: null }) as unknown,
      ]);
    });

    it('shows query users only the connections they hold a permission on', async () => {
      const id = await createConnection('Granted');
      expect((await bob.session.get(`/connections/${id}`)).status).toBe(403);
      expectStatus(
        await carol.session.put(`/connections/${id}/permissions/${bob.id}`, {
          permissions: ['select'],
        }),
        200,
      );
      const visible = await bob.session.get<{ connections: { id: string }[] }>('/connections');
      expect(visible.body.connections.map((connection) => connection.id)).toContain(id);
      expect((await bob.session.get(`/connections/${id}`)).status).toBe(200);
      const grid = await carol.session.get<{
        permissions: { email: string; permissions: string[] }[];
      }>(`/connections/${id}/permissions`);
      expect(grid.body.permissions.find((row) => row.email === bob.email)?.permissions).toEqual([
        'select',
      ]);
      expect(grid.body.permissions.find((row) => row.email === carol.email)?.permissions).toEqual(
        [],
      );
      const execute = await carol.session.put(`/connections/${id}/permissions/${bob.id}`, {
        permissions: ['execute'],
      });
      expect(execute.status).toBe(400);
      expect(execute.body).toMatchObject({ error: { code: 'TSG500', target: 'permissions' } });
    });
  });

  describe('publications and the OData service', () => {
    it('publishes to $metadata at once, only for users with Select; writes need Insert', async () => {
      const id = await createConnection('Feed');
      const admin = gateway.admin.session;
      const published = expectStatus(
        await admin.post<{ publication: { id: string } }>('/publications', {
          connectionId: id,
          tableId: 'customers',
          entitySet: 'Clients',
          propertyAliases: { Name: 'ClientName' },
        }),
        201,
      );
      expect(published.body.publication).toMatchObject({
        connectionId: id,
        connectionName: 'Feed',
        tableName: 'customers',
        tableId: 'customers',
        entitySet: 'Clients',
        propertyAliases: { Name: 'ClientName' },
      });
      const adminMetadata = await gateway.admin.tokenClient.odata('/$metadata');
      expect(adminMetadata.text).toContain('<EntitySet Name="Clients"');
      expect(adminMetadata.text).toContain('Name="ClientName"');

      const feed = bob.tokenClient;
      expect((await feed.odata('/$metadata')).text).not.toContain('Name="Clients"');
      expect((await feed.odata('/Clients')).status).toBe(404);
      expect(
        (await bob.session.get<{ publications: unknown[] }>('/publications')).body.publications,
      ).not.toContainEqual(expect.objectContaining({ entitySet: 'Clients' }));

      expectStatus(
        await admin.put(`/connections/${id}/permissions/${bob.id}`, { permissions: ['select'] }),
        200,
      );
      expect((await feed.odata('/$metadata')).text).toContain('<EntitySet Name="Clients"');
      const rows = expectStatus(await feed.odata('/Clients?$top=2&$select=ClientName'), 200);
      expect((rows.body['value'] as unknown[]).length).toBe(2);
      const listed = await bob.session.get<{ publications: Json[] }>(
        `/publications?connectionId=${id}`,
      );
      expect(listed.body.publications).toEqual([
        expect.objectContaining({ entitySet: 'Clients', tableLabel: 'Customers' }),
      ]);

      const write = await feed.request('POST', '//api/odata/service/Clients', {
        body: { ClientName: 'New client', Active: true },
      });
      expect(write.status).toBe(403);
      expect(write.body).toMatchObject({ error: { code: 'TSG302' } });
      expect((write.body as { error: { message: string } }).error.message).toContain('Insert');
      expectStatus(
        await admin.put(`/connections/${id}/permissions/${bob.id}`, {
          permissions: ['select', 'insert'],
        }),
        200,
      );
      const written = await feed.request('POST', '//api/odata/service/Clients', {
        body: { Id: 9001, ClientName: 'New client', Active: true },
      });
      expect(written.status, written.text).toBe(201);

      // Renaming and unpublishing reach $metadata as quickly.
      expectStatus(
        await carol.session.patch(`/publications/${published.body.publication.id}`, {
          entitySet: 'Customers2',
        }),
        200,
      );
      expect((await feed.odata('/$metadata')).text).toContain('<EntitySet Name="Customers2"');
      expectStatus(
        await carol.session.delete(`/publications/${published.body.publication.id}`),
        204,
      );
      expect((await feed.odata('/$metadata')).text).not.toContain('Customers2');
    });

    it('names the table field when a table is published twice', async () => {
      const id = await createConnection('Twice published');
      const body = { connectionId: id, tableId: 'orders', entitySet: 'OrdersA' };
      expectStatus(await carol.session.post('/publications', body), 201);
      const again = await carol.session.post('/publications', { ...body, entitySet: 'OrdersB' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: { code: 'TSG502', target: 'tableId' } });
      const clash = await carol.session.post('/publications', {
        ...body,
        tableId: 'customers',
        entitySet: 'ordersa',
      });
      expect(clash.status).toBe(409);
      expect(clash.body).toMatchObject({ error: { code: 'TSG502', target: 'entitySet' } });
    });

    it('describes where the service is', async () => {
      const service = await bob.session.get('/service');
      expect(service.body).toEqual({
        serviceUrl: `${gateway.baseUrl}/api/odata/service`,
        metadataUrl: `${gateway.baseUrl}/api/odata/service/$metadata`,
        odataVersion: ['4.0', '4.01'],
        maxPageSize: 1000,
      });
    });
  });

  describe('query and audit logs', () => {
    it('records OData requests per user and administrative actions', async () => {
      const dave = await gateway.addAccount('queryUser');
      const id = await createConnection('Logged');
      expectStatus(
        await gateway.admin.session.post('/publications', {
          connectionId: id,
          tableId: 'orders',
          entitySet: 'LoggedOrders',
        }),
        201,
      );
      expectStatus(
        await gateway.admin.session.put(`/connections/${id}/permissions/${dave.id}`, {
          permissions: ['select'],
        }),
        200,
      );
      expectStatus(await dave.tokenClient.odata('/LoggedOrders?$top=3'), 200);
      expect((await dave.tokenClient.odata('/Nothing')).status).toBe(404);

      const own = expectStatus(
        await dave.session.get<{
          entries: {
            id: string;
            userEmail: string;
            url: string;
            status: number;
            entitySet: string | null;
            rowCount: number | null;
          }[];
          nextCursor: string | null;
        }>('/query-log'),
        200,
      );
      expect(own.body.entries.map((entry) => [entry.url, entry.status])).toEqual([
        ['/api/odata/service/Nothing', 404],
        ['/api/odata/service/LoggedOrders?$top=3', 200],
      ]);
      expect(own.body.entries.every((entry) => entry.userEmail === dave.email)).toBe(true);
      expect(own.body.entries[1]).toMatchObject({ entitySet: 'LoggedOrders', rowCount: 3 });
      const failed = await dave.session.get<{ entries: unknown[] }>('/query-log?failedOnly=true');
      expect(failed.body.entries).toHaveLength(1);
      const paged = await dave.session.get<{ entries: unknown[]; nextCursor: string }>(
        '/query-log?limit=1',
      );
      expect(paged.body.entries).toHaveLength(1);
      const next = await dave.session.get<{ entries: { url: string }[] }>(
        `/query-log?limit=1&cursor=${paged.body.nextCursor}`,
      );
      expect(next.body.entries[0]?.url).toBe('/api/odata/service/LoggedOrders?$top=3');
      const entryId = own.body.entries[0]?.id ?? '';
      expect((await dave.session.get(`/query-log/${entryId}`)).body).toMatchObject({
        entry: { url: '/api/odata/service/Nothing' },
      });
      expect((await bob.session.get(`/query-log/${entryId}`)).status).toBe(404);
      const everyone = await gateway.admin.session.get<{ entries: { userEmail: string }[] }>(
        `/query-log?userId=${dave.id}`,
      );
      expect(everyone.body.entries).toHaveLength(2);

      const audit = expectStatus(
        await gateway.admin.session.get<{
          entries: { action: string; targetLabel: string; actorEmail: string }[];
        }>('/audit-log?action=publication.created&limit=5'),
        200,
      );
      expect(audit.body.entries[0]).toMatchObject({
        action: 'publication.created',
        targetLabel: 'LoggedOrders',
        actorEmail: gateway.admin.email,
      });
      const permissionChanges = await gateway.admin.session.get<{ entries: { details: Json }[] }>(
        `/audit-log?action=permission.changed&targetId=${id}`,
      );
      expect(permissionChanges.body.entries[0]?.details).toMatchObject({
        email: dave.email,
        to: ['select'],
      });
    });
  });
}

describe('on SQLite', () => {
  describeSuite(() => startAdminTestGateway());
});

describeWithPostgres(probe, 'on PostgreSQL', () => {
  const schemas = useTemporarySchemas();
  describeSuite(() =>
    startAdminTestGateway({ storeUrl: `${postgresTestUrl}?schema=${schemas.next()}` }),
  );
});

// The page size administrators set in the console is the one the OData feed pages with.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  expectStatus,
  startAdminTestGateway,
  type AdminTestGateway,
} from '../../src/server/admin/test-support/admin-test-gateway.js';

let gateway: AdminTestGateway;

beforeAll(async () => {
  gateway = await startAdminTestGateway();
  const admin = gateway.admin.session;
  const connection = expectStatus(
    await admin.post<{ connection: { id: string } }>('/connections', {
      name: 'Samples',
      kind: 'memory',
      settings: { customers: 25, password: 'source-password' },
    }),
    201,
  );
  expectStatus(
    await admin.post('/publications', {
      connectionId: connection.body.connection.id,
      tableId: 'customers',
      entitySet: 'Clients',
    }),
    201,
  );
});

afterAll(async () => {
  await gateway.close();
});

it('pages the feed with the maximum page size of the settings', async () => {
  const admin = gateway.admin.session;
  expectStatus(await admin.patch('/settings', { maximumPageSize: 10 }), 200);
  expect((await admin.get<{ maxPageSize: number }>('/service')).body.maxPageSize).toBe(10);
  const page = await gateway.admin.tokenClient.odata('/Clients?$select=Id');
  expect(page.status).toBe(200);
  expect((page.body['value'] as unknown[]).length).toBe(10);
  expect(page.body['@odata.nextLink']).toEqual(expect.stringContaining('$skiptoken='));

  expectStatus(await admin.patch('/settings', { maximumPageSize: 1000 }), 200);
  const whole = await gateway.admin.tokenClient.odata('/Clients?$select=Id');
  expect((whole.body['value'] as unknown[]).length).toBe(25);
  expect(whole.body['@odata.nextLink']).toBeUndefined();
});

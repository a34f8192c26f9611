// Authentication and permissions (facts sheet §2): the credential matrix, API tokens and
// their permissions, APIs that refuse tokens, app rights of users, the domain's Basic layer,
// and guest-space paths.
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  passwordAuthorization,
  startTestEmulator,
  type TestEmulator,
} from './test-support/emulator-test-kit.js';
import { expectKintoneError } from './test-support/expect-kintone-error.js';

let kit: TestEmulator;
let app: number;
let otherApp: number;
let guestApp: number;
let fullToken: string;
let viewToken: string;
let otherToken: string;

beforeAll(async () => {
  kit = await startTestEmulator({
    seed: {
      users: [
        { code: 'viewer', name: 'Viewer', password: 'viewer-password' },
        { code: 'member', name: 'Member', password: 'member-password' },
      ],
      spaces: [{ id: 7, name: 'Guests', isGuest: true }],
    },
  });
  app = await createTestApp(kit.client, 'Secured', {
    title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
  });
  otherApp = await createTestApp(kit.client, 'Other', {});
  await kit.client.app.updateAppAcl({
    app,
    rights: [
      {
        entity: { type: 'USER', code: 'viewer' },
        appEditable: false,
        recordViewable: true,
        recordAddable: false,
        recordEditable: false,
        recordDeletable: false,
        recordImportable: false,
        recordExportable: false,
      },
      {
        entity: { type: 'GROUP', code: 'everyone' },
        appEditable: false,
        recordViewable: true,
        recordAddable: true,
        recordEditable: true,
        recordDeletable: true,
        recordImportable: false,
        recordExportable: false,
      },
    ],
  });
  await kit.client.app.deployApp({ apps: [{ app }] });
  await kit.client.record.addRecord({ app, record: { title: { value: 'secret' } } });
  fullToken = kit.emulator.createApiToken(app);
  viewToken = kit.emulator.createApiToken(app, {
    addRecord: false,
    editRecord: false,
    deleteRecord: false,
    manageApp: false,
  });
  otherToken = kit.emulator.createApiToken(otherApp);
  const guestClient = new KintoneRestAPIClient({
    baseUrl: kit.emulator.url,
    guestSpaceId: 7,
    auth: { username: 'Administrator', password: 'admin-password' },
  });
  guestApp = await createTestApp(
    guestClient,
    'Guest app',
    { title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' } },
    { space: 7 },
  );
});
afterAll(async () => {
  await kit.emulator.close();
});

const recordsPath = (): string => `/k/v1/records.json?app=${app}`;

describe('credentials', () => {
  it.each([
    ['no credential', {}, 401, 'CB_AU01', 'Please login.'],
    [
      'a wrong password',
      { 'X-Cybozu-Authorization': passwordAuthorization('Administrator', 'wrong') },
      401,
      'CB_WA01',
      'Password authentication failed. The value in http header of X-Cybozu-Authorization is not valid.',
    ],
    ['undecodable Base64', { 'X-Cybozu-Authorization': '%%%' }, 401, 'CB_WA01', undefined],
    ['an unknown token', { 'X-Cybozu-API-Token': 'unknown' }, 400, 'GAIA_IA02', undefined],
  ])('answers %s', async (_name, headers, status, code, message) => {
    const response = await kit.request('GET', recordsPath(), { anonymous: true, headers });
    expect(response.status).toBe(status);
    expect(response.json?.['code']).toBe(code);
    if (message !== undefined) expect(response.json?.['message']).toBe(message);
  });

  it('accepts tokens comma-separated or in repeated headers, and refuses a duplicate', async () => {
    const joined = await kit.request('GET', recordsPath(), {
      anonymous: true,
      headers: { 'X-Cybozu-API-Token': `${otherToken},${fullToken}` },
    });
    expect(joined.status).toBe(200);
    const repeated = await fetch(`${kit.emulator.url}${recordsPath()}`, {
      headers: [
        ['X-Cybozu-API-Token', otherToken],
        ['X-Cybozu-API-Token', fullToken],
      ],
    });
    expect(repeated.status).toBe(200);
    const duplicate = await kit.request('GET', recordsPath(), {
      anonymous: true,
      headers: { 'X-Cybozu-API-Token': `${fullToken},${fullToken}` },
    });
    expect(duplicate.json?.['code']).toBe('GAIA_DA03');
  });

  it('prefers the password over a bad token', async () => {
    const response = await kit.request('GET', recordsPath(), {
      headers: { 'X-Cybozu-API-Token': 'bad' },
    });
    expect(response.status).toBe(200);
  });
});

describe('API tokens', () => {
  it('refuses a token of another app with GAIA_IA02 and a missing permission with 403 GAIA_NO01', async () => {
    const other = new KintoneRestAPIClient({
      baseUrl: kit.emulator.url,
      auth: { apiToken: otherToken },
    });
    await expectKintoneError(other.record.getRecords({ app }), 400, 'GAIA_IA02');
    const viewer = new KintoneRestAPIClient({
      baseUrl: kit.emulator.url,
      auth: { apiToken: viewToken },
    });
    expect((await viewer.record.getRecords({ app })).records).toHaveLength(1);
    await expectKintoneError(viewer.record.addRecord({ app, record: {} }), 403, 'GAIA_NO01');
  });

  it('acts as Administrator and reads app settings', async () => {
    const client = new KintoneRestAPIClient({
      baseUrl: kit.emulator.url,
      auth: { apiToken: [otherToken, fullToken] },
    });
    const { id } = await client.record.addRecord({ app, record: {} });
    const { record } = await client.record.getRecord({ app, id });
    expect(record['Created_by']?.value).toEqual({ code: 'Administrator', name: 'Administrator' });
    expect((await client.app.getFormFields({ app })).properties['title']).toBeDefined();
  });

  it('is refused by apps.json and preview/app.json', async () => {
    const headers = { 'X-Cybozu-API-Token': fullToken };
    const apps = await kit.request('GET', '/k/v1/apps.json', { anonymous: true, headers });
    expect({ status: apps.status, code: apps.json?.['code'] }).toEqual({
      status: 403,
      code: 'GAIA_NO01',
    });
    const create = await kit.request('POST', '/k/v1/preview/app.json', {
      anonymous: true,
      headers,
      body: { name: 'x' },
    });
    expect({ status: create.status, code: create.json?.['code'] }).toEqual({
      status: 403,
      code: 'GAIA_NO01',
    });
  });

  it('can be created through the admin endpoint', async () => {
    const response = await fetch(`${kit.emulator.url}/__emulator/api-tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ app, permissions: { viewRecord: true, addRecord: false } }),
    });
    const { token } = (await response.json()) as { token: string };
    const client = new KintoneRestAPIClient({
      baseUrl: kit.emulator.url,
      auth: { apiToken: token },
    });
    expect((await client.record.getRecords({ app })).records.length).toBeGreaterThan(0);
    await expectKintoneError(client.record.addRecord({ app, record: {} }), 403, 'GAIA_NO01');
  });
});

describe('user permissions', () => {
  it('lets a view-only user read but not write, and others everything the everyone row allows', async () => {
    const viewer = new KintoneRestAPIClient({
      baseUrl: kit.emulator.url,
      auth: { username: 'viewer', password: 'viewer-password' },
    });
    expect((await viewer.record.getRecords({ app })).records.length).toBeGreaterThan(0);
    const denied = await expectKintoneError(
      viewer.record.addRecord({ app, record: {} }),
      403,
      'CB_NO02',
    );
    expect(denied.message).toContain('No privilege to proceed.');
    await expectKintoneError(viewer.app.addFormFields({ app, properties: {} }), 403, 'CB_NO02');
    const member = new KintoneRestAPIClient({
      baseUrl: kit.emulator.url,
      auth: { username: 'member', password: 'member-password' },
    });
    const { id } = await member.record.addRecord({ app, record: {} });
    expect((await member.record.getRecord({ app, id })).record['Created_by']?.value).toEqual({
      code: 'member',
      name: 'Member',
    });
  });
});

describe('guest spaces', () => {
  it('serves guest apps through /k/guest/{id}/v1/ only', async () => {
    const guest = await kit.request('GET', `/k/guest/7/v1/records.json?app=${guestApp}`);
    expect(guest.status).toBe(200);
    const normal = await kit.request('GET', `/k/v1/records.json?app=${guestApp}`);
    expect(normal.status).toBe(400);
    expect(normal.json?.['code']).toBe('GAIA_IL23');
    const wrongGuest = await kit.request('GET', `/k/guest/8/v1/records.json?app=${guestApp}`);
    expect({ status: wrongGuest.status, code: wrongGuest.json?.['code'] }).toEqual({
      status: 403,
      code: 'CB_NO02',
    });
    const normalAppAsGuest = await kit.request('GET', `/k/guest/7/v1/records.json?app=${app}`);
    expect({ status: normalAppAsGuest.status, code: normalAppAsGuest.json?.['code'] }).toEqual({
      status: 403,
      code: 'CB_NO02',
    });
  });

  it('lists guest apps only through the guest path', async () => {
    const normal = await kit.client.app.getApps({});
    expect(normal.apps.map((entry) => Number(entry.appId))).not.toContain(guestApp);
    const guestClient = new KintoneRestAPIClient({
      baseUrl: kit.emulator.url,
      guestSpaceId: 7,
      auth: { username: 'Administrator', password: 'admin-password' },
    });
    const guest = await guestClient.app.getApps({});
    expect(
      guest.apps.map((entry) => ({ id: Number(entry.appId), spaceId: entry.spaceId })),
    ).toEqual([{ id: guestApp, spaceId: '7' }]);
    const { id } = await guestClient.record.addRecord({
      app: guestApp,
      record: { title: { value: 'hello' } },
    });
    expect((await guestClient.record.getRecord({ app: guestApp, id })).record['title']?.value).toBe(
      'hello',
    );
  });
});

describe('domain Basic authentication', () => {
  it('requires the Basic layer before anything else, with a non-JSON 401', async () => {
    const secured = await startTestEmulator({ basicAuth: { user: 'gate', password: 'keeper' } });
    try {
      const missing = await secured.request('GET', '/k/v1/apps.json');
      expect(missing.status).toBe(401);
      expect(missing.json).toBeUndefined();
      expect(missing.headers.get('www-authenticate')).toMatch(/^Basic /);
      const client = new KintoneRestAPIClient({
        baseUrl: secured.emulator.url,
        auth: { username: 'Administrator', password: 'admin-password' },
        basicAuth: { username: 'gate', password: 'keeper' },
      });
      expect((await client.app.getApps({})).apps).toEqual([]);
      const wrong = new KintoneRestAPIClient({
        baseUrl: secured.emulator.url,
        auth: { username: 'Administrator', password: 'admin-password' },
        basicAuth: { username: 'gate', password: 'wrong' },
      });
      await expect(wrong.app.getApps({})).rejects.toThrow('401');
    } finally {
      await secured.emulator.close();
    }
  });
});

// Client-certificate authentication over HTTPS (facts sheet §2): the emulator serves TLS
// with a test CA and refuses clients without a certificate issued by it.
import { Agent } from 'node:https';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificates, type TestCertificates } from './tls/test-certificates.js';
import { startTestEmulator, type TestEmulator } from './test-support/emulator-test-kit.js';

let certificates: TestCertificates;
let strangers: TestCertificates;
let kit: TestEmulator;

beforeAll(async () => {
  [certificates, strangers] = await Promise.all([
    createTestCertificates({ pfxPassword: 'secret' }),
    createTestCertificates(),
  ]);
  kit = await startTestEmulator({
    tls: {
      certificate: certificates.server.certificate,
      privateKey: certificates.server.privateKey,
      clientCa: certificates.ca.certificate,
      requireClientCertificate: true,
    },
  });
});
afterAll(async () => {
  await kit.emulator.close();
});

function client(agent: Agent): KintoneRestAPIClient {
  return new KintoneRestAPIClient({
    baseUrl: kit.emulator.url,
    auth: { username: 'Administrator', password: 'admin-password' },
    httpsAgent: agent,
  });
}

describe('client certificates', () => {
  it('serves https://localhost and accepts a client with a certificate from the CA (PFX with password)', async () => {
    expect(kit.emulator.url).toMatch(/^https:\/\/localhost:\d+$/);
    const agent = new Agent({
      pfx: certificates.client.pfx,
      passphrase: 'secret',
      ca: certificates.ca.certificate,
    });
    expect(await client(agent).app.getApps({})).toEqual({ apps: [] });
    agent.destroy();
  });

  it('accepts the same certificate given as PEM', async () => {
    const agent = new Agent({
      cert: certificates.client.certificate,
      key: certificates.client.privateKey,
      ca: certificates.ca.certificate,
    });
    expect(await client(agent).app.getApps({})).toEqual({ apps: [] });
    agent.destroy();
  });

  it('refuses clients without a certificate or with one from another CA', async () => {
    const anonymous = new Agent({ ca: certificates.ca.certificate });
    await expect(client(anonymous).app.getApps({})).rejects.toThrow();
    const stranger = new Agent({
      pfx: strangers.client.pfx,
      passphrase: strangers.client.password,
      ca: certificates.ca.certificate,
    });
    await expect(client(stranger).app.getApps({})).rejects.toThrow();
    anonymous.destroy();
    stranger.destroy();
  });
});

// The shared connector conformance suite for the Kintone connector, against the emulator
// with each way of connecting: password, API token, guest space, and a client
// certificate over HTTPS. Plus what an administrator sees when the certificate is missing.
import { describe, expect, it } from 'vitest';
import {
  startKintoneEmulator,
  type KintoneEmulatorOptions,
  type RunningKintoneEmulator,
} from '../../kintone-emulator/start-kintone-emulator.js';
import { createTestCertificates } from '../../kintone-emulator/tls/test-certificates.js';
import type { ExecutionContext } from '../connector.js';
import {
  describeConnectorConformance,
  type ConformanceFixture,
} from '../conformance/connector-conformance.js';
import { KintoneConnector } from './kintone-connector.js';
import { parseKintoneSettings } from './settings/kintone-settings.js';

function context(): ExecutionContext {
  return {
    signal: new AbortController().signal,
    deadline: Date.now() + 30_000,
    recordSourceCall: () => undefined,
  };
}

async function fixture(
  options: KintoneEmulatorOptions,
  settings: (emulator: RunningKintoneEmulator) => Record<string, string | number>,
  appCode: string,
): Promise<ConformanceFixture> {
  const emulator = await startKintoneEmulator({ records: 400, ...options });
  const { config, problems } = parseKintoneSettings({
    url: emulator.url,
    authentication: 'password',
    username: emulator.adminUser,
    password: emulator.adminPassword,
    ...settings(emulator),
  });
  if (config === undefined) throw new Error(JSON.stringify(problems));
  const connector = new KintoneConnector(config, {
    retrySchedule: { baseDelayMs: 2, maxDelayMs: 10, maxAttempts: 5 },
  });
  const app = emulator.seedResult?.apps.find((candidate) => candidate.code === appCode);
  if (app === undefined) throw new Error(`no app ${appCode}`);
  const table = await connector.describeTable(String(app.id), context());
  return {
    connector,
    table,
    close: async () => {
      await connector.close();
      await emulator.close();
    },
  };
}

const appOf = (emulator: RunningKintoneEmulator, code: string) =>
  emulator.seedResult?.apps.find((candidate) => candidate.code === code);

let certificatesPromise: ReturnType<typeof createTestCertificates> | undefined;
const certificates = () => (certificatesPromise ??= createTestCertificates());
const tls = async () => {
  const { ca, server } = await certificates();
  return {
    certificate: server.certificate,
    privateKey: server.privateKey,
    clientCa: ca.certificate,
    requireClientCertificate: true,
  };
};

{
  describeConnectorConformance('kintone, password', () => fixture({}, () => ({}), 'CUSTOMERS'));

  describeConnectorConformance('kintone, API token', () =>
    fixture(
      {},
      (emulator) => ({
        authentication: 'apiToken',
        apiTokens: appOf(emulator, 'CUSTOMERS')?.apiTokens[0] ?? '',
        apps: String(appOf(emulator, 'CUSTOMERS')?.id),
      }),
      'CUSTOMERS',
    ),
  );

  describeConnectorConformance('kintone, guest space', () =>
    fixture(
      {},
      (emulator) => ({
        guestSpaceId: Number(appOf(emulator, 'PARTNER')?.spaceId),
        apps: String(appOf(emulator, 'PARTNER')?.id),
      }),
      'PARTNER',
    ),
  );

  describeConnectorConformance('kintone, client certificate over HTTPS', async () => {
    const { ca, client } = await certificates();
    return fixture(
      { tls: await tls() },
      () => ({
        clientCertificate: client.pfx.toString('base64'),
        clientCertificatePassword: client.password,
        certificateAuthority: ca.certificate,
      }),
      'CUSTOMERS',
    );
  });
}

describe('client certificates', () => {
  it('connects with a PEM certificate, and says when the certificate is missing', async () => {
    const { ca, client } = await certificates();
    const emulator = await startKintoneEmulator({
      records: 100,
      tls: await tls(),
    });
    try {
      const base = {
        url: emulator.url,
        authentication: 'password',
        username: emulator.adminUser,
        password: emulator.adminPassword,
        certificateAuthority: ca.certificate,
      };
      const withPem = parseKintoneSettings({
        ...base,
        clientCertificate: `${client.certificate}\n${client.privateKey}`,
      });
      const connector = new KintoneConnector(
        withPem.config ??
          (() => {
            throw new Error(JSON.stringify(withPem.problems));
          })(),
      );
      expect((await connector.test(context())).ok).toBe(true);
      await connector.close();

      const without = parseKintoneSettings(base);
      const refused = new KintoneConnector(
        without.config ??
          (() => {
            throw new Error(JSON.stringify(without.problems));
          })(),
        { retrySchedule: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 } },
      );
      const report = await refused.test(context());
      expect(report.ok).toBe(false);
      expect(report.steps[0]?.message).toMatch(/client certificate/);
      await refused.close();
    } finally {
      await emulator.close();
    }
  });
});

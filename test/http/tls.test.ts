// HTTPS served by the gateway: certificates from files, reloaded on change, and mutual TLS.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryConnector } from '../../src/connectors/memory/memory-connector.js';
import { sampleTables } from '../../src/connectors/memory/sample-tables.js';
import {
  createTestCertificates,
  type TestCertificates,
} from '../../src/kintone-emulator/tls/test-certificates.js';
import { startTestGateway, type TestGateway } from '../../src/test-support/start-test-gateway.js';

interface Answer {
  readonly status: number;
  readonly fingerprint: string;
}

function get(
  url: string,
  options: { ca?: string; certificate?: string; key?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        ...(options.ca === undefined ? { rejectUnauthorized: false } : { ca: options.ca }),
        cert: options.certificate,
        key: options.key,
        agent: false,
      },
      (response) => {
        const fingerprint = (response.socket as TLSSocket).getPeerCertificate().fingerprint256;
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, fingerprint }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

let directory: string;
let first: TestCertificates;
let second: TestCertificates;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'tsunagi-tls-'));
  [first, second] = await Promise.all([createTestCertificates(), createTestCertificates()]);
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

async function gatewayWith(files: Record<string, string>, clientCa: boolean): Promise<TestGateway> {
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(directory, name), content);
  return startTestGateway({
    connectors: { memory: new MemoryConnector(sampleTables(2)) },
    publications: [{ connectionId: 'memory', tableId: 'customers', alias: 'Customers' }],
    tls: {
      certificateFile: join(directory, 'server.crt'),
      keyFile: join(directory, 'server.key'),
      ...(clientCa ? { clientCaFile: join(directory, 'client-ca.crt') } : {}),
      checkIntervalMs: 50,
    },
  });
}

describe('HTTPS', () => {
  it('serves over TLS and picks up a renewed certificate without a restart', async () => {
    const gateway = await gatewayWith(
      { 'server.crt': first.server.certificate, 'server.key': first.server.privateKey },
      false,
    );
    try {
      // Trust is checked in the mutual-TLS test; here the fingerprint tells which pair is served.
      const before = await get(`${gateway.serviceUrl}/Customers`, { ca: first.ca.certificate });
      expect(before.status).toBe(200);
      writeFileSync(join(directory, 'server.key'), second.server.privateKey);
      writeFileSync(join(directory, 'server.crt'), second.server.certificate);
      let after = before;
      for (let attempt = 0; attempt < 50 && after.fingerprint === before.fingerprint; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await get(`${gateway.serviceUrl}/Customers`, {});
      }
      expect(after.status).toBe(200);
      expect(after.fingerprint).not.toBe(before.fingerprint);
      // A broken pair (certificate without its key) is refused; the server keeps serving.
      writeFileSync(join(directory, 'server.crt'), first.server.certificate);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await get(`${gateway.serviceUrl}/Customers`, {})).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });

  it('requires a client certificate from the configured CA (mutual TLS)', async () => {
    const gateway = await gatewayWith(
      {
        'server.crt': first.server.certificate,
        'server.key': first.server.privateKey,
        'client-ca.crt': first.ca.certificate,
      },
      true,
    );
    try {
      const url = `${gateway.serviceUrl}/Customers`;
      const withCertificate = await get(url, {
        ca: first.ca.certificate,
        certificate: first.client.certificate,
        key: first.client.privateKey,
      });
      expect(withCertificate.status).toBe(200);
      await expect(get(url, { ca: first.ca.certificate })).rejects.toThrow();
      await expect(
        get(url, {
          ca: first.ca.certificate,
          certificate: second.client.certificate,
          key: second.client.privateKey,
        }),
      ).rejects.toThrow();
    } finally {
      await gateway.close();
    }
  });
});

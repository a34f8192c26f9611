// Fault injection (for clients' retry logic): deterministic faults per seed, their wire
// shapes as clients see them, latency, and the admin endpoint that switches them.
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  startTestEmulator,
  type TestEmulator,
} from './test-support/emulator-test-kit.js';
import { expectKintoneError } from './test-support/expect-kintone-error.js';

let kit: TestEmulator;
let app: number;

beforeAll(async () => {
  kit = await startTestEmulator();
  app = await createTestApp(kit.client, 'Faulty', {});
});
afterAll(async () => {
  await kit.emulator.close();
});

async function statuses(count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let index = 0; index < count; index++) {
    try {
      const response = await fetch(`${kit.emulator.url}/k/v1/records.json?app=${app}`, {
        headers: { 'X-Cybozu-Authorization': kit.adminAuthorization },
      });
      await response.arrayBuffer();
      seen.push(String(response.status));
    } catch {
      seen.push('dropped');
    }
  }
  return seen;
}

async function putFaults(settings: Record<string, unknown>): Promise<Response> {
  return fetch(`${kit.emulator.url}/__emulator/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(settings),
  });
}

describe('fault injection', () => {
  it('repeats the same sequence of faults for the same seed', async () => {
    const settings = {
      seed: 42,
      rateLimitProbability: 0.2,
      serverErrorProbability: 0.2,
      maintenanceProbability: 0.2,
      dropConnectionProbability: 0.1,
    };
    expect((await putFaults(settings)).status).toBe(200);
    const first = await statuses(30);
    await putFaults(settings);
    const second = await statuses(30);
    await putFaults({
      rateLimitProbability: 0,
      serverErrorProbability: 0,
      maintenanceProbability: 0,
      dropConnectionProbability: 0,
    });
    expect(second).toEqual(first);
    for (const status of ['200', '429', '500', '503', 'dropped']) expect(first).toContain(status);
  });

  it('shows the official client a KintoneRestAPIError for 429 and 500, and a plain Error for the 503 page', async () => {
    const client = new KintoneRestAPIClient({
      baseUrl: kit.emulator.url,
      auth: { username: 'Administrator', password: 'admin-password' },
    });
    kit.emulator.setFaults({ rateLimitProbability: 1 });
    const limited = await expectKintoneError(client.record.getRecords({ app }), 429, 'GAIA_TO04');
    expect((limited.headers as Record<string, string>)['x-cybozu-error']).toBe('GAIA_TO04');
    kit.emulator.setFaults({ rateLimitProbability: 0, serverErrorProbability: 1 });
    await expectKintoneError(client.record.getRecords({ app }), 500, 'GAIA_UN01');
    kit.emulator.setFaults({ serverErrorProbability: 0, maintenanceProbability: 1 });
    const maintenance = await client.record.getRecords({ app }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(maintenance).toBeInstanceOf(Error);
    expect((maintenance as Error).message).toBe('503: Service Unavailable');
    kit.emulator.setFaults({ maintenanceProbability: 0 });
    expect((await client.record.getRecords({ app })).records).toEqual([]);
  });

  it('adds latency', async () => {
    kit.emulator.setFaults({ latencyMilliseconds: 120 });
    const started = Date.now();
    await statuses(1);
    kit.emulator.setFaults({ latencyMilliseconds: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('rejects invalid settings through the admin endpoint', async () => {
    const response = await putFaults({ rateLimitProbability: 2 });
    expect(response.status).toBe(400);
    const current = (await (await fetch(`${kit.emulator.url}/__emulator/faults`)).json()) as Record<
      string,
      number
    >;
    expect(current['rateLimitProbability']).toBe(0);
  });
});

// The REST client against a scripted HTTP server: retries (reads on any transient failure,
// writes only when Kintone cannot have applied them), deadlines, the concurrency cap,
// long-URL method override, authentication headers and source-call records.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceCall } from '../../connector.js';
import { TsunagiError } from '../../../errors/tsunagi-error.js';
import {
  parseKintoneSettings,
  type KintoneConnectionConfig,
} from '../settings/kintone-settings.js';
import {
  startScriptedKintoneServer,
  type ScriptedKintoneServer,
} from '../test-support/scripted-kintone-server.js';
import { KintoneApiError } from './kintone-api-error.js';
import { KintoneClient } from './kintone-client.js';
import { mapKintoneError } from './kintone-error-mapping.js';

let server: ScriptedKintoneServer;
beforeAll(async () => {
  server = await startScriptedKintoneServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
  server.fallback = () => ({ status: 200, body: { records: [] } });
});

function config(extra: Record<string, string | number> = {}): KintoneConnectionConfig {
  const { config: parsed, problems } = parseKintoneSettings({
    url: server.url,
    authentication: 'password',
    username: 'gateway',
    password: 'secret',
    ...extra,
  });
  if (parsed === undefined) throw new Error(JSON.stringify(problems));
  return parsed;
}

const fastRetries = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 6 };

function context(calls: SourceCall[] = [], deadlineMs = 5000) {
  return {
    signal: new AbortController().signal,
    deadline: Date.now() + deadlineMs,
    recordSourceCall: (call: SourceCall) => calls.push(call),
  };
}

const busy = {
  status: 429,
  body: {
    code: 'GAIA_TO04',
    id: 'x1',
    message: 'The number of concurrent API requests exceeds the limit.',
  },
  headers: { 'x-cybozu-error': 'GAIA_TO04' },
};
const maintenance = { status: 503, text: '<html>maintenance</html>' };

describe('KintoneClient', () => {
  it('sends the password header and encodes GET parameters like the official client', async () => {
    const client = new KintoneClient(config(), 'test', fastRetries);
    await client.call(
      {
        method: 'GET',
        api: 'records',
        parameters: { app: 3, fields: ['$id', 'a b'], totalCount: true },
        changesData: false,
        target: 'app 3',
      },
      context(),
    );
    const request = server.received[0];
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(
      '/k/v1/records.json?app=3&fields%5B0%5D=%24id&fields%5B1%5D=a%20b&totalCount=true',
    );
    expect(request?.headers['x-cybozu-authorization']).toBe(
      Buffer.from('gateway:secret').toString('base64'),
    );
    client.close();
  });

  it('uses the guest space path, API tokens and domain Basic authentication', async () => {
    const client = new KintoneClient(
      config({
        authentication: 'apiToken',
        apiTokens: 'tok1, tok2',
        apps: '3',
        guestSpaceId: 9,
        basicAuthUsername: 'basic',
        basicAuthPassword: 'pw',
      }),
      'test',
      fastRetries,
    );
    await client.call(
      { method: 'GET', api: 'app', parameters: { id: 3 }, changesData: false, target: 'app 3' },
      context(),
    );
    const request = server.received[0];
    expect(request?.url).toBe('/k/guest/9/v1/app.json?id=3');
    expect(request?.headers['x-cybozu-api-token']).toBe('tok1,tok2');
    expect(request?.headers['authorization']).toBe(
      `Basic ${Buffer.from('basic:pw').toString('base64')}`,
    );
    client.close();
  });

  it('sends long GETs as POST with X-HTTP-Method-Override', async () => {
    const client = new KintoneClient(config(), 'test', fastRetries);
    const query = `$id in (${Array.from({ length: 800 }, (_, index) => index + 1).join(', ')})`;
    await client.call(
      {
        method: 'GET',
        api: 'records',
        parameters: { app: 3, query },
        changesData: false,
        target: 'app 3',
      },
      context(),
    );
    const request = server.received[0];
    expect(request?.method).toBe('POST');
    expect(request?.headers['x-http-method-override']).toBe('GET');
    expect(JSON.parse(request?.body ?? '{}')).toEqual({ app: 3, query });
    client.close();
  });

  it('retries a read through 429, 503 and a dropped connection, recording every attempt', async () => {
    const client = new KintoneClient(config(), 'test', fastRetries);
    server.script(
      busy,
      maintenance,
      { drop: true },
      { status: 200, body: { records: [{ $id: { value: '1' } }] } },
    );
    const calls: SourceCall[] = [];
    const answer = await client.call<{ records: unknown[] }>(
      {
        method: 'GET',
        api: 'records',
        parameters: { app: 3 },
        changesData: false,
        target: 'app 3',
        query: 'q',
        countRows: (body) => (body as { records: unknown[] }).records.length,
      },
      context(calls),
    );
    expect(answer.records).toHaveLength(1);
    expect(calls.map((call) => [call.status, call.attempt])).toEqual([
      [429, 1],
      [503, 2],
      ['error', 3],
      [200, 4],
    ]);
    expect(calls[3]).toMatchObject({
      operation: 'GET records',
      target: 'app 3',
      query: 'q',
      rows: 1,
    });
    client.close();
  });

  it('retries a write rejected before processing (429, lock) but not one whose connection broke', async () => {
    const client = new KintoneClient(config(), 'test', fastRetries);
    server.script(
      busy,
      { status: 500, body: { code: 'GAIA_DA02', message: 'locked' } },
      { status: 200, body: { id: '5', revision: '1' } },
    );
    const created = await client.call<{ id: string }>(
      {
        method: 'POST',
        api: 'record',
        parameters: { app: 3, record: {} },
        changesData: true,
        target: 'app 3',
      },
      context(),
    );
    expect(created.id).toBe('5');
    expect(server.received).toHaveLength(3);

    server.received.length = 0;
    server.script({ drop: true });
    const failure = await client
      .call(
        {
          method: 'POST',
          api: 'record',
          parameters: { app: 3, record: {} },
          changesData: true,
          target: 'app 3',
        },
        context(),
      )
      .catch((error: unknown) => error);
    expect(server.received).toHaveLength(1);
    expect(failure).toBeInstanceOf(KintoneApiError);
    const mapped = mapKintoneError(failure, { action: 'inserting', guestSpaceId: undefined });
    expect(mapped).toBeInstanceOf(TsunagiError);
    expect((mapped as TsunagiError).code).toBe('TSG613');
    client.close();
  });

  it("gives up at the deadline with 503 TSG402 and keeps Kintone's code", async () => {
    const client = new KintoneClient(config(), 'test', {
      baseDelayMs: 50,
      maxDelayMs: 50,
      maxAttempts: 50,
    });
    server.fallback = () => busy;
    const started = Date.now();
    const failure = await client
      .call(
        {
          method: 'GET',
          api: 'records',
          parameters: { app: 3 },
          changesData: false,
          target: 'app 3',
        },
        context([], 300),
      )
      .catch((error: unknown) => error);
    expect(Date.now() - started).toBeLessThan(2000);
    const mapped = mapKintoneError(failure, {
      action: 'reading app 3',
      guestSpaceId: undefined,
    }) as TsunagiError;
    expect(mapped.code).toBe('TSG402');
    expect(mapped.status).toBe(503);
    expect(mapped.innerError).toMatchObject({ code: 'GAIA_TO04', status: 429 });
    client.close();
  });

  it('maps authentication and permission failures to TSG403 without secrets', async () => {
    const client = new KintoneClient(config(), 'test', fastRetries);
    server.script({
      status: 401,
      body: { code: 'CB_WA01', id: 'r1', message: 'Password authentication failed.' },
    });
    const failure = await client
      .call(
        {
          method: 'GET',
          api: 'records',
          parameters: { app: 3 },
          changesData: false,
          target: 'app 3',
        },
        context(),
      )
      .catch((error: unknown) =>
        mapKintoneError(error, { action: 'reading app 3', guestSpaceId: undefined }),
      );
    expect(failure).toBeInstanceOf(TsunagiError);
    const error = failure as TsunagiError;
    expect(error.code).toBe('TSG403');
    expect(error.message).toContain("connection's credentials");
    expect(
      JSON.stringify({ message: error.message, details: error.details, inner: error.innerError }),
    ).not.toContain('secret');
    expect(error.details[0]).toMatchObject({ code: 'CB_WA01' });
    client.close();
  });

  it('times out a call that does not answer', async () => {
    const client = new KintoneClient({ ...config(), timeoutMs: 100 }, 'test', {
      ...fastRetries,
      maxAttempts: 1,
    });
    server.script({ status: 200, body: {}, delayMs: 400 });
    const failure = await client
      .call(
        {
          method: 'GET',
          api: 'records',
          parameters: { app: 3 },
          changesData: false,
          target: 'app 3',
        },
        context(),
      )
      .catch((error: unknown) =>
        mapKintoneError(error, { action: 'reading', guestSpaceId: undefined }),
      );
    expect((failure as TsunagiError).code).toBe('TSG401');
    client.close();
  });

  it('never has more calls in flight than the connection allows', async () => {
    const client = new KintoneClient(
      { ...config(), maxConcurrentRequests: 3 },
      'test',
      fastRetries,
    );
    server.fallback = () => ({ status: 200, body: {}, delayMs: 30 });
    while (server.active > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    server.resetPeak();
    await Promise.all(
      Array.from({ length: 12 }, () =>
        client.call(
          { method: 'GET', api: 'app', parameters: { id: 1 }, changesData: false, target: 'app 1' },
          context(),
        ),
      ),
    );
    expect(server.received).toHaveLength(12);
    expect(server.peakConcurrency).toBe(3);
    client.close();
  });

  it('stops when the request is aborted', async () => {
    const client = new KintoneClient(config(), 'test', fastRetries);
    server.script({ status: 200, body: {}, delayMs: 500 });
    const controller = new AbortController();
    const pending = client.call(
      {
        method: 'GET',
        api: 'records',
        parameters: { app: 3 },
        changesData: false,
        target: 'app 3',
      },
      { ...context(), signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toThrow();
    client.close();
  });
});

// The connection test's words for what went wrong, against servers that are not Kintone.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KintoneConnector } from '../kintone-connector.js';
import { parseKintoneSettings } from '../settings/kintone-settings.js';
import {
  startScriptedKintoneServer,
  type ScriptedKintoneServer,
} from '../test-support/scripted-kintone-server.js';

let server: ScriptedKintoneServer;
beforeAll(async () => {
  server = await startScriptedKintoneServer();
});
afterAll(() => server.close());

function connector(url: string, extra: Record<string, string> = {}): KintoneConnector {
  const { config, problems } = parseKintoneSettings({
    url,
    authentication: 'password',
    username: 'u',
    password: 'p',
    ...extra,
  });
  if (config === undefined) throw new Error(JSON.stringify(problems));
  return new KintoneConnector(config, {
    retrySchedule: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 },
  });
}

const context = () => ({
  signal: new AbortController().signal,
  deadline: Date.now() + 5000,
  recordSourceCall: () => undefined,
});

async function firstMessage(target: KintoneConnector): Promise<string> {
  const report = await target.test(context());
  await target.close();
  expect(report.ok).toBe(false);
  return report.steps[0]?.message ?? '';
}

describe('runConnectionTest', () => {
  it('says when nothing listens at the address', async () => {
    const probe = createServer();
    const port = await new Promise<number>((resolve) =>
      probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)),
    );
    await new Promise((resolve) => probe.close(resolve));
    expect(await firstMessage(connector(`http://localhost:${port}`))).toMatch(/Nothing answers at/);
  });

  it('says when the server is not Kintone', async () => {
    server.script({ status: 200, text: '<html>hello</html>' });
    expect(await firstMessage(connector(server.url))).toMatch(/not like Kintone/);
    server.script({ status: 404, text: 'not found' });
    expect(await firstMessage(connector(server.url))).toMatch(/no Kintone REST API/);
  });

  it('asks for Basic authentication when the domain wants it', async () => {
    server.script({ status: 401, text: 'Unauthorized' });
    expect(await firstMessage(connector(server.url))).toMatch(/Basic authentication/);
  });

  it('names the user problems Kintone reports', async () => {
    server.script({
      status: 401,
      body: { code: 'CB_WA01', message: 'Password authentication failed.' },
    });
    expect(await firstMessage(connector(server.url))).toMatch(/refused the login name or password/);
    server.script({ status: 403, body: { code: 'CB_NO02', message: 'No privilege to proceed.' } });
    expect(await firstMessage(connector(server.url, { guestSpaceId: '3' }))).toMatch(
      /guest space 3/,
    );
  });

  it('reports an app the connection cannot read, and the ones it can', async () => {
    server.script(
      { status: 200, body: { appId: '1', code: '', name: 'One' } },
      { status: 404, body: { code: 'GAIA_AP01', message: 'The app (ID: 2) not found.' } },
      { status: 200, body: { properties: {}, revision: '1' } },
      { status: 200, body: { records: [], totalCount: null } },
    );
    const report = await connector(server.url, { apps: '1, 2' }).test(context());
    expect(report.ok).toBe(false);
    expect(report.steps.map((step) => [step.name, step.ok])).toEqual([
      ['app 2', false],
      ['credentials', true],
      ['app 1', true],
    ]);
    expect(report.steps[0]?.message).toMatch(/does not exist/);
  });
});

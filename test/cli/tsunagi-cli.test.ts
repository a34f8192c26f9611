/**
 * The real `tsunagi` command line (node + tsx on src/cli/main.ts) in a temporary
 * directory: init, users, tokens printed once, connections (an in-memory kind, and the
 * real Kintone kind against the emulator) with their secrets from the environment,
 * publish, grant, key rotation, and then `tsunagi serve` still starts, decrypts the
 * Kintone password and serves the feed to the token; a first start that
 * creates the administrator from the environment; graceful shutdown.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startKintoneEmulator,
  type RunningKintoneEmulator,
} from '../../src/kintone-emulator/index.js';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '../..');
const main = join(root, 'src/cli/main.ts');
const loader = pathToFileURL(require.resolve('tsx')).href;
const connectorModule = join(root, 'src/server/admin/test-support/memory-connector-definition.ts');

const directory = mkdtempSync(join(tmpdir(), 'tsunagi-cli-'));
const kintonePassword = 'the kintone administrator password';
let kintone: RunningKintoneEmulator;
beforeAll(async () => {
  kintone = await startKintoneEmulator({ port: 0, records: 30, adminPassword: kintonePassword });
});
afterAll(async () => {
  await kintone.close();
  rmSync(directory, { recursive: true, force: true });
});

const adminEmail = 'admin@example.com';
const adminPassword = 'a long administrator password';

function environment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of Object.keys(env)) {
    if (name.startsWith('TSUNAGI_') && !(name in extra)) delete env[name];
  }
  env['TSUNAGI_CONNECTOR_MODULES'] = connectorModule;
  return env;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function tsunagi(
  args: readonly string[],
  extra: Readonly<Record<string, string>> = {},
): Promise<Run> {
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      ['--import', loader, main, ...args],
      { cwd: directory, env: environment(extra), timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolveRun({ code, stdout, stderr });
      },
    );
  });
}

async function succeed(
  args: readonly string[],
  extra?: Readonly<Record<string, string>>,
): Promise<Run> {
  const run = await tsunagi(args, extra);
  if (run.code !== 0)
    throw new Error(`tsunagi ${args.join(' ')} failed:\n${run.stderr}${run.stdout}`);
  return run;
}

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
}

function serve(
  args: readonly string[],
  extra: Readonly<Record<string, string>> = {},
): Promise<Served> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      loader,
      main,
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--log-level',
      'warn',
      ...args,
    ],
    {
      cwd: directory,
      env: environment(extra),
    },
  );
  let output = '';
  return new Promise((resolveServe, rejectServe) => {
    const timer = setTimeout(
      () => rejectServe(new Error(`serve did not start:\n${output}`)),
      30_000,
    );
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolveServe({ child, url: match[1], output: () => output });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectServe(new Error(`serve exited with ${String(code)}:\n${output}`));
    });
  });
}

function stop(served: Served): Promise<number | null> {
  return new Promise((resolveStop) => {
    served.child.removeAllListeners('exit');
    served.child.once('exit', (code) => resolveStop(code));
    served.child.kill('SIGTERM');
  });
}

function basic(email: string, token: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}` };
}

describe('tsunagi command line', () => {
  const dataDirectory = join(directory, '.tsunagi');
  const keyFile = join(dataDirectory, 'secret.key');

  // About twenty runs of the command line, each a new Node.js process.
  it('sets up a gateway, rotates its key, and serves it', { timeout: 120_000 }, async () => {
    const init = await succeed(['init'], {
      TSUNAGI_ADMIN_EMAIL: adminEmail,
      TSUNAGI_ADMIN_PASSWORD: adminPassword,
    });
    expect(init.stdout).toContain(`Created the administrator ${adminEmail}.`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDirectory, 'tsunagi.db')).mode & 0o077).toBe(0);
    const again = await tsunagi(['init', '--email', 'x@example.com', '--password', adminPassword]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('TSG506');

    await succeed([
      'user',
      'add',
      'bob@example.com',
      '--role',
      'queryUser',
      '--password',
      'bob has a long password',
    ]);
    const weak = await tsunagi(['user', 'add', 'eve@example.com', '--password', 'short']);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('TSG307');
    const users = JSON.parse((await succeed(['user', 'list', '--json'])).stdout) as {
      email: string;
      status: string;
    }[];
    expect(users.map((user) => [user.email, user.status])).toEqual([
      [adminEmail, 'active'],
      ['bob@example.com', 'active'],
    ]);

    const created = await succeed([
      'token',
      'create',
      '--user',
      'bob@example.com',
      '--name',
      'Salesforce',
    ]);
    const token = created.stdout.trim();
    expect(token).toMatch(/^tsg_pat_[A-Za-z0-9]{38}$/);
    expect(created.stderr).toContain('shown only now');
    const adminToken = (await succeed(['token', 'create', '--name', 'scripts'])).stdout.trim();
    const tokens = await succeed(['token', 'list', '--json']);
    expect(tokens.stdout).not.toContain(token);
    expect(JSON.parse(tokens.stdout)).toHaveLength(2);

    const secret = 'open sesame';
    const added = await succeed(
      ['connection', 'add', 'Shop', '--kind', 'memory', '--set', 'customers=12', '--test'],
      {
        TSUNAGI_SETTING_PASSWORD: secret,
      },
    );
    expect(added.stdout).toContain('Added the connection Shop');
    expect(added.stdout).toContain('Shop works.');
    expect(added.stdout + added.stderr).not.toContain(secret);
    const listed = await succeed(['connection', 'list', '--json']);
    expect(listed.stdout).not.toContain(secret);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { name: 'Shop', settings: { password: '********', customers: 12 } },
    ]);
    const invalid = await tsunagi([
      'connection',
      'add',
      'Bad',
      '--kind',
      'memory',
      '--set',
      'customers=zero',
      '--set',
      'colour=red',
    ]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('settings.customers');
    expect(invalid.stderr).toContain('settings.colour');

    expect(
      (await succeed(['publish', 'Shop', 'customers', '--alias', 'Clients'])).stdout,
    ).toContain('Published customers of Shop as Clients.');
    expect((await succeed(['publish', 'shop', 'Orders'])).stdout).toContain('as Orders.');
    await succeed(['unpublish', 'orders']);
    expect(JSON.parse((await succeed(['publications', '--json'])).stdout)).toMatchObject([
      { entitySet: 'Clients', connectionName: 'Shop' },
    ]);
    expect((await succeed(['grant', 'bob@example.com', 'Shop', 'select'])).stdout).toContain(
      'bob@example.com now has select on Shop.',
    );

    // The real Kintone kind, against the emulator: its password is needed for every read.
    const app = kintone.seedResult?.apps.find((candidate) => candidate.spaceId === null);
    if (app === undefined) throw new Error('the emulator has no app');
    const kintoneAdded = await succeed(
      [
        'connection',
        'add',
        'Kintone',
        '--kind',
        'kintone',
        '--set',
        `url=${kintone.url}`,
        '--set',
        `username=${kintone.adminUser}`,
        '--test',
      ],
      { TSUNAGI_SETTING_PASSWORD: kintonePassword },
    );
    expect(kintoneAdded.stdout).toContain('Kintone works.');
    expect(kintoneAdded.stdout + kintoneAdded.stderr).not.toContain(kintonePassword);
    await succeed(['publish', 'Kintone', String(app.id), '--alias', 'KintoneApp']);
    await succeed(['grant', 'bob@example.com', 'Kintone', 'select']);

    const keyBefore = readFileSync(keyFile, 'utf8');
    const rotated = await succeed(['keys', 'rotate']);
    expect(rotated.stdout).toMatch(
      /Rotated the master key: [0-9a-f]{16} → [0-9a-f]{16} \(2 secrets re-encrypted\)/,
    );
    expect(readFileSync(keyFile, 'utf8')).not.toBe(keyBefore);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDirectory).filter((name) => name.startsWith('secret.key'))).toEqual([
      'secret.key',
    ]);
    expect((await succeed(['connection', 'test', 'Shop'])).stdout).toContain('Shop works.');

    const served = await serve([]);
    try {
      const feed = await fetch(`${served.url}/api/odata/service/Clients?$top=2`, {
        headers: basic('bob@example.com', token),
      });
      expect(feed.status).toBe(200);
      expect(((await feed.json()) as { value: unknown[] }).value).toHaveLength(2);
      const fromKintone = await fetch(`${served.url}/api/odata/service/KintoneApp?$top=3`, {
        headers: basic('bob@example.com', token),
      });
      expect(fromKintone.status).toBe(200);
      expect(((await fromKintone.json()) as { value: unknown[] }).value).toHaveLength(3);
      const [connection] = JSON.parse(listed.stdout) as { id: string }[];
      const test = await fetch(
        `${served.url}/api/admin/v1/connections/${connection?.id ?? ''}/test`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${adminToken}` },
        },
      );
      expect(await test.json()).toMatchObject({ ok: true });
      const metrics = await fetch(`${served.url}/metrics`);
      expect(await metrics.text()).toContain(
        'tsunagi_odata_requests_total{entity_set="Clients",status="200"} 1',
      );
      // Bob reads, but may not write.
      const write = await fetch(`${served.url}/api/odata/service/Clients`, {
        method: 'POST',
        headers: { ...basic('bob@example.com', token), 'content-type': 'application/json' },
        body: JSON.stringify({ Id: 77, Name: 'x', Active: true }),
      });
      expect(write.status).toBe(403);
    } finally {
      expect(await stop(served)).toBe(0);
    }
    expect(served.output()).toContain('Stopped.');

    await succeed(['user', 'disable', 'bob@example.com']);
    await succeed(['user', 'remove', 'BOB@example.com']);
    expect(JSON.parse((await succeed(['user', 'list', '--json'])).stdout)).toHaveLength(1);
    const missing = await tsunagi(['user', 'list', '--data-dir', join(directory, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('tsunagi init');
  });

  it('creates the first administrator from the environment on a first serve', async () => {
    const fresh = join(directory, 'fresh');
    const served = await serve(['--data-dir', fresh], {
      TSUNAGI_ADMIN_EMAIL: 'first@example.com',
      TSUNAGI_ADMIN_PASSWORD: 'the first long password',
    });
    try {
      const setup = await fetch(`${served.url}/api/admin/v1/setup`);
      expect(await setup.json()).toEqual({ initialized: true });
      const session = await fetch(`${served.url}/api/admin/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'first@example.com', password: 'the first long password' }),
      });
      expect(session.status).toBe(200);
    } finally {
      expect(await stop(served)).toBe(0);
    }
  });
});

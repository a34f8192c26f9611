/**
 * `tsunagi kintone-emulator`: runs the stand-alone Kintone REST API emulator until
 * interrupted, printing its URL and the administrator's login. The only module outside
 * src/kintone-emulator that imports from it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type * as KintoneEmulator from '../../kintone-emulator/index.js';
import type { FaultSettings, KintoneEmulatorTlsOptions } from '../../kintone-emulator/index.js';

/** Loaded when the command runs, so that other commands start without the emulator. */
function emulatorModule(): Promise<typeof KintoneEmulator> {
  return import('../../kintone-emulator/index.js');
}

interface KintoneEmulatorCommandOptions {
  port: number;
  seed: string;
  records?: number;
  randomSeed?: number;
  data?: string;
  adminUser: string;
  adminPassword: string;
  timezone: string;
  language: 'en' | 'ja';
  basicAuth?: string;
  https?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  clientCa?: string;
  requireClientCertificate?: boolean;
  certificatesDir: string;
  faultSeed?: number;
  rateLimitProbability?: number;
  serverErrorProbability?: number;
  maintenanceProbability?: number;
  dropConnectionProbability?: number;
  latency?: number;
  latencyJitter?: number;
  concurrencyLimit?: number;
}

function integer(name: string, minimum: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < minimum) {
      throw new InvalidArgumentError(`${name} must be an integer of at least ${minimum}.`);
    }
    return parsed;
  };
}

function probability(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new InvalidArgumentError('A probability is a number between 0 and 1.');
  }
  return parsed;
}

function faultsFrom(options: KintoneEmulatorCommandOptions): Partial<FaultSettings> {
  const faults: Record<string, number> = {};
  const pairs: [keyof FaultSettings, number | undefined][] = [
    ['seed', options.faultSeed],
    ['rateLimitProbability', options.rateLimitProbability],
    ['serverErrorProbability', options.serverErrorProbability],
    ['maintenanceProbability', options.maintenanceProbability],
    ['dropConnectionProbability', options.dropConnectionProbability],
    ['latencyMilliseconds', options.latency],
    ['latencyJitterMilliseconds', options.latencyJitter],
    ['concurrencyLimit', options.concurrencyLimit],
  ];
  for (const [key, value] of pairs) if (value !== undefined) faults[key] = value;
  return faults;
}

async function tlsFrom(
  options: KintoneEmulatorCommandOptions,
): Promise<KintoneEmulatorTlsOptions | undefined> {
  const wanted =
    options.https === true ||
    options.requireClientCertificate === true ||
    options.tlsCert !== undefined;
  if (!wanted) return undefined;
  if (options.tlsCert !== undefined || options.tlsKey !== undefined) {
    if (options.tlsCert === undefined || options.tlsKey === undefined) {
      throw new Error('--tls-cert and --tls-key go together.');
    }
    return {
      certificate: readFileSync(options.tlsCert),
      privateKey: readFileSync(options.tlsKey),
      ...(options.clientCa === undefined ? {} : { clientCa: readFileSync(options.clientCa) }),
      requireClientCertificate: options.requireClientCertificate === true,
    };
  }
  const certificates = await (await emulatorModule()).createTestCertificates();
  const directory = resolve(options.certificatesDir);
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'ca.pem'), certificates.ca.certificate);
  writeFileSync(join(directory, 'server.pem'), certificates.server.certificate);
  writeFileSync(join(directory, 'server-key.pem'), certificates.server.privateKey, { mode: 0o600 });
  writeFileSync(join(directory, 'client.pem'), certificates.client.certificate);
  writeFileSync(join(directory, 'client-key.pem'), certificates.client.privateKey, { mode: 0o600 });
  writeFileSync(join(directory, 'client.pfx'), certificates.client.pfx, { mode: 0o600 });
  writeFileSync(join(directory, 'client-pfx-password.txt'), `${certificates.client.password}\n`, {
    mode: 0o600,
  });
  console.log(
    `Test certificates written to ${directory} (CA: ca.pem; client: client.pfx, password in client-pfx-password.txt)`,
  );
  return {
    certificate: certificates.server.certificate,
    privateKey: certificates.server.privateKey,
    clientCa:
      options.clientCa === undefined ? certificates.ca.certificate : readFileSync(options.clientCa),
    requireClientCertificate: options.requireClientCertificate === true,
  };
}

export function registerKintoneEmulatorCommand(program: Command): void {
  program
    .command('kintone-emulator')
    .description('Run a local Kintone REST API emulator (for tests, demos and CI).')
    .option('--port <port>', 'TCP port (0 picks a free one)', integer('--port', 0), 8090)
    .option('--seed <seed>', 'start-up data: "demo", "none" or a JSON seed file', 'demo')
    .option('--records <count>', 'records in the largest demo app', integer('--records', 1))
    .option(
      '--random-seed <number>',
      'seed of the demo data generator',
      integer('--random-seed', 0),
    )
    .option('--data <file>', 'keep the data in this SQLite file (survives restarts)')
    .option('--admin-user <login>', "the domain administrator's login", 'Administrator')
    .option('--admin-password <password>', "the domain administrator's password", 'admin-password')
    .option('--timezone <zone>', 'default IANA time zone of users', 'UTC')
    .addOption(
      new Option('--language <language>', 'default message language')
        .choices(['en', 'ja'])
        .default('en'),
    )
    .option('--basic-auth <user:password>', "require the domain's extra HTTP Basic authentication")
    .option(
      '--https',
      'serve HTTPS (test certificates are generated unless --tls-cert/--tls-key are given)',
    )
    .option('--tls-cert <file>', 'PEM server certificate')
    .option('--tls-key <file>', 'PEM server private key')
    .option('--client-ca <file>', 'PEM CA that client certificates must chain to')
    .option(
      '--require-client-certificate',
      'refuse clients without a valid certificate (implies --https)',
    )
    .option(
      '--certificates-dir <dir>',
      'where generated test certificates are written',
      'kintone-emulator-certificates',
    )
    .option('--fault-seed <number>', 'seed of the fault generator', integer('--fault-seed', 0))
    .option('--rate-limit-probability <p>', 'probability of 429 GAIA_TO04 per request', probability)
    .option('--server-error-probability <p>', 'probability of 500 per request', probability)
    .option(
      '--maintenance-probability <p>',
      'probability of a 503 maintenance page per request',
      probability,
    )
    .option(
      '--drop-connection-probability <p>',
      'probability of a dropped connection per request',
      probability,
    )
    .option('--latency <ms>', 'latency added to every request', integer('--latency', 0))
    .option(
      '--latency-jitter <ms>',
      'random extra latency up to this much',
      integer('--latency-jitter', 0),
    )
    .option(
      '--concurrency-limit <count>',
      'concurrent requests allowed (Kintone: 100)',
      integer('--concurrency-limit', 1),
    )
    .action(async (options: KintoneEmulatorCommandOptions) => {
      let basicAuth: { user: string; password: string } | undefined;
      if (options.basicAuth !== undefined) {
        const colon = options.basicAuth.indexOf(':');
        if (colon <= 0) throw new Error('--basic-auth takes user:password.');
        basicAuth = {
          user: options.basicAuth.slice(0, colon),
          password: options.basicAuth.slice(colon + 1),
        };
      }
      const started = Date.now();
      const { startKintoneEmulator } = await emulatorModule();
      const emulator = await startKintoneEmulator({
        port: options.port,
        seed: options.seed,
        records: options.records,
        randomSeed: options.randomSeed,
        dataFile: options.data,
        adminUser: options.adminUser,
        adminPassword: options.adminPassword,
        timeZone: options.timezone,
        language: options.language,
        faults: faultsFrom(options),
        basicAuth,
        tls: await tlsFrom(options),
      });
      console.log(
        `Kintone emulator listening on ${emulator.url} (ready in ${Date.now() - started} ms)`,
      );
      console.log(`Administrator login: ${emulator.adminUser}`);
      console.log(`Administrator password: ${emulator.adminPassword}`);
      for (const app of emulator.seedResult?.apps ?? []) {
        const guest = app.spaceId === null ? '' : ` (guest space ${app.spaceId})`;
        console.log(
          `App ${app.id} "${app.name}"${guest}: ${app.recordCount} records, API token ${app.apiTokens[0] ?? '-'}`,
        );
      }
      console.log(
        `Admin endpoints: ${emulator.url}/__emulator/ (see docs/kintone-emulator.md). Press Ctrl+C to stop.`,
      );
      await new Promise<void>((resolveStop) => {
        const stop = (): void => resolveStop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await emulator.close();
    });
}

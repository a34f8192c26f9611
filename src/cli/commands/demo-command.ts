/**
 * `tsunagi demo` (what `npm start` runs): starts the Kintone emulator with the sample apps
 * and a gateway wired to it, prints the URLs and credentials (also written to
 * `<data-dir>/demo.json`), and runs until interrupted.
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { LevelWithSilent } from 'pino';

interface DemoCommandOptions {
  port: number;
  kintonePort?: number;
  host: string;
  dataDir: string;
  records?: number;
  logLevel: string;
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new InvalidArgumentError('A port is an integer from 0 to 65535 (0: any free port).');
  }
  return parsed;
}

function positive(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('Give a positive integer.');
  return parsed;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Run the demo: a Kintone emulator with sample apps (Customers, Deals with line items, Support tickets, a guest-space app) and a gateway that publishes them as OData, with an administrator, a token and both Kintone connections already set up.',
    )
    .option(
      '-p, --port <port>',
      'port of the gateway (web console, admin API and OData feed)',
      port,
      8080,
    )
    .option('--kintone-port <port>', 'port of the Kintone emulator (default: any free port)', port)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '-d, --data-dir <directory>',
      'where the demo keeps its store, key and demo.json',
      '.tsunagi/demo',
    )
    .option('--records <n>', 'records in the largest demo app (Deals)', positive)
    .option(
      '--log-level <level>',
      'log level: fatal, error, warn, info, debug, trace or silent',
      'warn',
    )
    .addHelpText(
      'after',
      `
Examples:
  tsunagi demo
  tsunagi demo --port 9000 --records 100000 --data-dir /tmp/tsunagi-demo

Then, with the token it prints:
  curl -u admin@example.com:<token> http://localhost:8080/api/odata/service/Customers?\\$top=3`,
    )
    .action(async (options: DemoCommandOptions) => {
      const dataDirectory = resolve(options.dataDir);
      // Loaded here, so that the other commands start without the demo's modules.
      const [{ startDemo }, { registerAdminRoutes }, { createGatewayLogger }, { consolePlugin }] =
        await Promise.all([
          import('../../demo/start-demo.js'),
          import('../../server/admin/register-admin-routes.js'),
          import('../../server/gateway-logger.js'),
          import('../../server/console/register-console.js'),
        ]);
      const logger = createGatewayLogger({ level: options.logLevel as LevelWithSilent });
      console.log('Starting the Kintone emulator and the gateway ...');
      const demo = await startDemo({
        port: options.port,
        host: options.host,
        dataDirectory,
        logger,
        plugins: [(app, parts) => registerAdminRoutes(app, parts), consolePlugin()],
        ...(options.kintonePort === undefined ? {} : { kintonePort: options.kintonePort }),
        ...(options.records === undefined ? {} : { records: options.records }),
      });
      console.log(`
Tsunagi demo is running.

  OData service     ${demo.serviceUrl}
  Web console       ${demo.adminUrl}
  Sign in as        ${demo.username} / ${demo.password}
  Personal token    ${demo.token}
  Published sets    ${demo.publishedSets.join(', ')}

  Kintone emulator  ${demo.kintoneUrl}  (${demo.kintoneUser} / ${demo.kintonePassword})
  Details           ${dataDirectory}/demo.json

Try it:
  curl -u '${demo.username}:${demo.token}' '${demo.serviceUrl}/${demo.publishedSets[0] ?? 'Customers'}?$top=3'

Press Ctrl+C to stop.`);
      const stop = (): void => {
        console.log('Stopping ...');
        demo.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/**
 * `tsunagi connection add|test|list|remove`: connections to sources. Settings are given
 * as `--set name=value` (repeated) and `--set-file name=path` (certificates); secret
 * settings may also come from TSUNAGI_SETTING_<NAME> (e.g. TSUNAGI_SETTING_PASSWORD,
 * TSUNAGI_SETTING_API_TOKENS) or, on a terminal, a prompt that does not echo. Secrets are
 * stored encrypted and never printed.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { SettingDescriptor } from '../../connectors/connector-definition.js';
import { isSecretSetting } from '../../control-plane/connection-settings-validator.js';
import { runConnectionTest } from '../../server/admin/connection-test-run.js';
import { canPrompt, promptHidden } from '../support/hidden-prompt.js';
import {
  findConnection,
  withControlPlane,
  withStoreOptions,
  type CliContext,
  type StoreOptions,
} from '../support/cli-control-plane.js';
import { note, printJson, printTable } from '../support/output.js';

interface AddOptions extends StoreOptions {
  readonly kind: string;
  readonly description?: string;
  readonly set: readonly string[];
  readonly setFile: readonly string[];
  readonly test?: boolean;
}

interface ListOptions extends StoreOptions {
  readonly json?: boolean;
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

function pair(text: string, option: string): [string, string] {
  const separator = text.indexOf('=');
  if (separator <= 0) throw new Error(`${option} takes name=value (got "${text}").`);
  return [text.slice(0, separator).trim(), text.slice(separator + 1)];
}

/** TSUNAGI_SETTING_ + the setting name in upper snake case (apiTokens → API_TOKENS). */
export function settingVariable(name: string): string {
  return `TSUNAGI_SETTING_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** A file setting: PEM text as is, anything else base64-encoded. */
function fileValue(path: string): string {
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8');
  return text.includes('-----BEGIN ') ? text : bytes.toString('base64');
}

function isActive(
  descriptor: SettingDescriptor,
  values: Readonly<Record<string, unknown>>,
  all: readonly SettingDescriptor[],
): boolean {
  const condition = descriptor.showWhen;
  if (condition === undefined) return true;
  const other = all.find((candidate) => candidate.name === condition.setting);
  const value = values[condition.setting] ?? other?.defaultValue;
  return typeof value === 'string' && condition.values.includes(value);
}

async function settingsFrom(
  context: CliContext,
  kind: string,
  options: AddOptions,
): Promise<Record<string, unknown>> {
  const definition = context.connectors.get(kind);
  const settings: Record<string, unknown> = {};
  for (const text of options.set) {
    const [name, value] = pair(text, '--set');
    settings[name] = value;
    const descriptor = definition.settings.find((candidate) => candidate.name === name);
    if (descriptor !== undefined && isSecretSetting(descriptor)) {
      note(
        `Note: a secret given with --set can be seen by other users of this machine (process list, shell history); prefer ${settingVariable(name)} or the prompt.`,
      );
    }
  }
  for (const text of options.setFile) {
    const [name, path] = pair(text, '--set-file');
    settings[name] = fileValue(path);
  }
  for (const descriptor of definition.settings.filter(isSecretSetting)) {
    if (settings[descriptor.name] !== undefined) continue;
    const fromEnvironment = process.env[settingVariable(descriptor.name)];
    if (fromEnvironment !== undefined && fromEnvironment !== '') {
      settings[descriptor.name] = fromEnvironment;
    } else if (
      descriptor.type === 'secret' &&
      descriptor.required &&
      isActive(descriptor, settings, definition.settings) &&
      canPrompt()
    ) {
      settings[descriptor.name] = await promptHidden(`${descriptor.label}: `);
    }
  }
  return settings;
}

async function testConnection(context: CliContext, connectionId: string): Promise<boolean> {
  const { controlPlane, actor, connectors } = context;
  const connection = await controlPlane.connections.get(actor, connectionId);
  const settings = await controlPlane.connections.prepareTest(actor, {
    connectionId,
    kind: connection.kind,
    settings: {},
  });
  const outcome = await runConnectionTest(() => connectors.get(connection.kind).create(settings), {
    timeoutMs: 30_000,
    log: { error: (details) => console.error(details) },
    recordSourceCall: () => undefined,
  });
  await controlPlane.connections.recordTestResult(actor, connectionId, outcome);
  for (const step of outcome.steps) {
    console.log(
      `${step.ok ? 'ok    ' : 'FAILED'}  ${step.name}${step.message === undefined ? '' : `: ${step.message}`}`,
    );
  }
  console.log(outcome.ok ? `${connection.name} works.` : `${connection.name} does not work.`);
  return outcome.ok;
}

export function registerConnectionCommand(program: Command): void {
  const connection = program
    .command('connection')
    .description('Manage connections to sources: add, test, list, remove.');

  withStoreOptions(
    connection
      .command('add <name>')
      .description('Add a connection to a source.')
      .requiredOption('--kind <kind>', 'the connector kind, e.g. kintone')
      .option('--description <text>', 'what the connection is for')
      .option('--set <name=value>', 'a setting (repeat for each)', collect, [])
      .option('--set-file <name=path>', 'a file setting, e.g. a client certificate', collect, [])
      .option('--test', 'test the connection once it is saved'),
  )
    .addHelpText(
      'after',
      `
Secret settings not given with --set are read from TSUNAGI_SETTING_<NAME> (password:
TSUNAGI_SETTING_PASSWORD, apiTokens: TSUNAGI_SETTING_API_TOKENS) or asked for on a
terminal. Kintone settings: url, guestSpaceId, authentication (password or apiToken),
username, password, apiTokens, apps, basicAuthUsername, basicAuthPassword,
clientCertificate, clientCertificatePassword, certificateAuthority, and more (see
docs/kintone-connector.md).

Examples:
  TSUNAGI_SETTING_PASSWORD=... tsunagi connection add Sales --kind kintone \\
    --set url=https://example.cybozu.com --set username=gateway --test
  tsunagi connection add Orders --kind kintone --set url=https://example.s.cybozu.com \\
    --set authentication=apiToken --set apps=12,15 --set-file clientCertificate=client.pfx`,
    )
    .action(async (name: string, options: AddOptions) => {
      await withControlPlane(options, async (context) => {
        const settings = await settingsFrom(context, options.kind, options);
        const created = await context.controlPlane.connections.create(context.actor, {
          name,
          kind: options.kind,
          ...(options.description === undefined ? {} : { description: options.description }),
          settings,
        });
        console.log(`Added the connection ${created.name} (${created.kind}, id ${created.id}).`);
        if (options.test === true && !(await testConnection(context, created.id))) {
          process.exitCode = 1;
        }
      });
    });

  withStoreOptions(
    connection
      .command('test <connection>')
      .description('Test a saved connection (by name or id) against its source.'),
  )
    .addHelpText(
      'after',
      '\nExit status 1 when the test fails.\n\nExample:\n  tsunagi connection test Sales',
    )
    .action(async (reference: string, options: StoreOptions) => {
      await withControlPlane(options, async (context) => {
        const target = await findConnection(context, reference);
        if (!(await testConnection(context, target.id))) process.exitCode = 1;
      });
    });

  withStoreOptions(
    connection
      .command('list')
      .description('List the connections (secrets masked).')
      .option('--json', 'print JSON'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  tsunagi connection list\n  tsunagi connection list --json',
    )
    .action(async (options: ListOptions) => {
      await withControlPlane(options, async ({ controlPlane, actor }) => {
        const connections = await controlPlane.connections.list(actor);
        if (options.json === true) {
          printJson(connections);
          return;
        }
        printTable(
          connections.map((view) => ({
            name: view.name,
            kind: view.kind,
            id: view.id,
            test:
              view.lastTest === null
                ? 'never'
                : view.lastTest.ok
                  ? `ok ${view.lastTest.at}`
                  : `failed ${view.lastTest.at}`,
          })),
          [
            ['name', 'NAME'],
            ['kind', 'KIND'],
            ['id', 'ID'],
            ['test', 'LAST TEST'],
          ],
        );
      });
    });

  withStoreOptions(
    connection
      .command('remove <connection>')
      .description('Delete a connection (by name or id) with its publications and permissions.'),
  )
    .addHelpText('after', '\nExample:\n  tsunagi connection remove Sales')
    .action(async (reference: string, options: StoreOptions) => {
      await withControlPlane(options, async (context) => {
        const target = await findConnection(context, reference);
        await context.controlPlane.connections.delete(context.actor, target.id);
        console.log(`Removed the connection ${target.name}.`);
      });
    });
}

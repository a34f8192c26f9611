// Every management command is registered with described options and examples in --help,
// and the small parsers behave.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { settingVariable } from './connection-command.js';
import { parsePermissions } from './grant-command.js';
import { registerCommands } from './index.js';

function program(): Command {
  const root = new Command('tsunagi')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  registerCommands(root);
  return root;
}

function leaves(command: Command, path: string[] = []): [string, Command][] {
  if (command.commands.length === 0) return [[path.join(' '), command]];
  return command.commands.flatMap((child) => leaves(child, [...path, child.name()]));
}

function help(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => void (text += chunk) });
  command.outputHelp();
  return text;
}

const management = [
  'serve',
  'init',
  'user add',
  'user list',
  'user disable',
  'user enable',
  'user remove',
  'token create',
  'token list',
  'token revoke',
  'connection add',
  'connection test',
  'connection list',
  'connection remove',
  'publish',
  'unpublish',
  'publications',
  'grant',
  'keys rotate',
];

describe('management commands', () => {
  const commands = new Map(leaves(program()));

  it('are all registered', () => {
    expect([...commands.keys()]).toEqual(expect.arrayContaining(management) as unknown);
  });

  it.each(management)('%s explains itself, its options and examples', (name) => {
    const command = commands.get(name);
    if (command === undefined) throw new Error(`${name} is missing`);
    expect(command.description()).not.toBe('');
    for (const option of command.options) expect(option.description, option.flags).not.toBe('');
    const text = help(command);
    expect(text).toContain('Example');
    if (name !== 'serve' && name !== 'init') {
      expect(text).toContain('--data-dir');
      expect(text).toContain('--store');
    }
  });

  it('offers --json on every list command', () => {
    for (const name of ['user list', 'token list', 'connection list', 'publications']) {
      expect(commands.get(name)?.options.map((option) => option.long)).toContain('--json');
    }
  });

  it.each([
    ['--port', 'abc'],
    ['--public-url', 'ftp://x'],
    ['--max-page-size', '0'],
    ['--log-level', 'loud'],
  ])('serve refuses %s %s', async (flag, value) => {
    await expect(program().parseAsync(['node', 'tsunagi', 'serve', flag, value])).rejects.toThrow();
  });
});

describe('command parsers', () => {
  it('reads permission lists', () => {
    expect(parsePermissions('select, Insert')).toEqual(['select', 'insert']);
    expect(parsePermissions('none')).toEqual([]);
    expect(() => parsePermissions(' , ')).toThrow('List permissions');
  });

  it('names the environment variable of a setting', () => {
    expect(settingVariable('password')).toBe('TSUNAGI_SETTING_PASSWORD');
    expect(settingVariable('apiTokens')).toBe('TSUNAGI_SETTING_API_TOKENS');
    expect(settingVariable('basicAuthPassword')).toBe('TSUNAGI_SETTING_BASIC_AUTH_PASSWORD');
  });
});

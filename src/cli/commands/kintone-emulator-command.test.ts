// The `kintone-emulator` sub-command is registered with its options and checks its arguments.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerKintoneEmulatorCommand } from './kintone-emulator-command.js';

function program(): Command {
  const root = new Command()
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  registerKintoneEmulatorCommand(root);
  return root;
}

describe('tsunagi kintone-emulator', () => {
  it('offers the documented options', () => {
    const command = program().commands.find((candidate) => candidate.name() === 'kintone-emulator');
    const flags = command?.options.map((option) => option.long);
    expect(flags).toEqual(
      expect.arrayContaining([
        '--port',
        '--seed',
        '--records',
        '--data',
        '--admin-user',
        '--admin-password',
        '--timezone',
        '--language',
        '--basic-auth',
        '--require-client-certificate',
        '--rate-limit-probability',
        '--drop-connection-probability',
        '--latency',
        '--concurrency-limit',
      ]) as unknown,
    );
  });

  it.each([
    ['--port', 'abc'],
    ['--language', 'fr'],
    ['--rate-limit-probability', '2'],
  ])('rejects %s %s', async (flag, value) => {
    await expect(
      program().parseAsync(['node', 'tsunagi', 'kintone-emulator', flag, value]),
    ).rejects.toThrow();
  });
});

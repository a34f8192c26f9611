/**
 * The list of sub-commands. Each module exports one `register…Command(program)` function;
 * adding a command is one import and one line here.
 */
import type { Command } from 'commander';
import { registerConnectionCommand } from './connection-command.js';
import { registerDemoCommand } from './demo-command.js';
import { registerGrantCommand } from './grant-command.js';
import { registerInitCommand } from './init-command.js';
import { registerKeysCommand } from './keys-command.js';
import { registerKintoneEmulatorCommand } from './kintone-emulator-command.js';
import { registerPublishCommands } from './publish-command.js';
import { registerServeCommand } from './serve-command.js';
import { consolePlugin } from '../../server/console/register-console.js';
import { registerTokenCommand } from './token-command.js';
import { registerUserCommand } from './user-command.js';

export function registerCommands(program: Command): void {
  registerServeCommand(program, [consolePlugin()]);
  registerInitCommand(program);
  registerUserCommand(program);
  registerTokenCommand(program);
  registerConnectionCommand(program);
  registerPublishCommands(program);
  registerGrantCommand(program);
  registerKeysCommand(program);
  registerDemoCommand(program);
  registerKintoneEmulatorCommand(program);
}

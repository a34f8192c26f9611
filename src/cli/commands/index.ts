/**
 * The list of sub-commands. Each module exports one `register…Command(program)` function;
 * adding a command is one import and one line here.
 */
import type { Command } from 'commander';
import { registerDemoCommand } from './demo-command.js';
import { registerKintoneEmulatorCommand } from './kintone-emulator-command.js';

export function registerCommands(program: Command): void {
  registerDemoCommand(program);
  registerKintoneEmulatorCommand(program);
}

/**
 * The list of sub-commands. Each module exports one `register…Command(program)` function;
 * adding a command is one import and one line here.
 */
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
  void program;
}

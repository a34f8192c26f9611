#!/usr/bin/env node
/**
 * The `tsunagi` command line: one sub-command per module under ./commands, each with its
 * own --help. This file only wires them together.
 */
import { Command } from 'commander';
import { registerCommands } from './commands/index.js';
import { packageVersion } from './package-version.js';
import { describeError } from './support/describe-error.js';

const program = new Command()
  .name('tsunagi')
  .description('Tsunagi: publish Kintone and other sources as live, writable OData v4 feeds.')
  .version(packageVersion(), '-v, --version')
  .showHelpAfterError('(run with --help for usage)');

registerCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(describeError(error));
  process.exitCode = 1;
});

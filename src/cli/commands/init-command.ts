/**
 * `tsunagi init`: creates the data directory, the store and the master key file (unless
 * TSUNAGI_SECRET_KEY is set), and the first administrator, whose e-mail address and
 * password come from the options, TSUNAGI_ADMIN_EMAIL / TSUNAGI_ADMIN_PASSWORD, or a
 * prompt (the password is not echoed).
 */
import type { Command } from 'commander';
import { canPrompt, promptNewPassword } from '../support/hidden-prompt.js';
import {
  withControlPlane,
  withStoreOptions,
  type StoreOptions,
} from '../support/cli-control-plane.js';
import { note } from '../support/output.js';

interface InitOptions extends StoreOptions {
  readonly email?: string;
  readonly password?: string;
  readonly displayName?: string;
}

async function readLine(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const reader = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await reader.question(question)).trim();
  } finally {
    reader.close();
  }
}

export function registerInitCommand(program: Command): void {
  withStoreOptions(
    program
      .command('init')
      .description(
        'Create the data directory, the store, the secret key file and the first administrator.',
      )
      .option('--email <address>', "the administrator's e-mail address (or TSUNAGI_ADMIN_EMAIL)")
      .option(
        '--password <password>',
        'their password, at least 12 characters (or TSUNAGI_ADMIN_PASSWORD; asked when neither is given)',
      )
      .option('--display-name <name>', 'the name shown in the console'),
  )
    .addHelpText(
      'after',
      `
The key file (secret.key, mode 0600) encrypts the stored credentials: back it up with the
store. With TSUNAGI_SECRET_KEY set (base64 of 32 bytes), no key file is written.

Examples:
  tsunagi init --email admin@example.com          (asks for the password)
  TSUNAGI_ADMIN_EMAIL=admin@example.com TSUNAGI_ADMIN_PASSWORD=... tsunagi init --data-dir /var/lib/tsunagi
  tsunagi init --store postgres://tsunagi@db/tsunagi --email admin@example.com`,
    )
    .action(async (options: InitOptions) => {
      let email = options.email ?? process.env['TSUNAGI_ADMIN_EMAIL'];
      if (email === undefined || email.trim() === '') {
        if (!canPrompt()) {
          throw new Error('Give the e-mail address with --email or TSUNAGI_ADMIN_EMAIL.');
        }
        email = await readLine("Administrator's e-mail address: ");
      }
      let password = options.password ?? process.env['TSUNAGI_ADMIN_PASSWORD'];
      if (password === undefined) {
        if (!canPrompt()) {
          throw new Error('Give the password with --password or TSUNAGI_ADMIN_PASSWORD.');
        }
        password = await promptNewPassword("Administrator's password");
      }
      await withControlPlane(
        options,
        async ({ controlPlane, started, dataDirectory }) => {
          const user = await controlPlane.users.initialize({
            email,
            password,
            ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
          });
          console.log(`Created the administrator ${user.email}.`);
          note(`Data directory: ${dataDirectory}`);
          if (started.secretKey.source === 'file') {
            note(
              `Secret key file: ${started.secretKey.file ?? ''} (back it up: without it the stored credentials cannot be read).`,
            );
          } else {
            note(
              'Secret key: from TSUNAGI_SECRET_KEY (keep it safe: it decrypts the stored credentials).',
            );
          }
          note('Start the gateway with: tsunagi serve');
        },
        { create: true },
      );
    });
}

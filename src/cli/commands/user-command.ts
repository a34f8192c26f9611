/**
 * `tsunagi user add|list|disable|enable|remove`: manage users on the machine that holds
 * the store. `add` invites (prints the invitation link) or, with a password, creates an
 * active user at once.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { assertPasswordAllowed } from '../../control-plane/password-policy.js';
import { roles, type Role } from '../../store/records.js';
import { canPrompt, promptNewPassword } from '../support/hidden-prompt.js';
import {
  findUser,
  withControlPlane,
  withStoreOptions,
  type StoreOptions,
} from '../support/cli-control-plane.js';
import { note, printJson, printTable } from '../support/output.js';

interface AddOptions extends StoreOptions {
  readonly role: Role;
  readonly displayName?: string;
  readonly password?: string;
  readonly askPassword?: boolean;
  readonly publicUrl?: string;
}

interface ListOptions extends StoreOptions {
  readonly json?: boolean;
}

export function registerUserCommand(program: Command): void {
  const user = program
    .command('user')
    .description('Manage users: add, list, disable, enable, remove.');

  withStoreOptions(
    user
      .command('add <email>')
      .description('Invite a user (prints the invitation link), or create them with a password.')
      .addOption(new Option('--role <role>', 'their role').choices([...roles]).default('queryUser'))
      .option('--display-name <name>', 'the name shown in the console')
      .option('--password <password>', 'create the user active with this password (no invitation)')
      .option('--ask-password', 'ask for the password instead (not echoed)')
      .addOption(
        new Option('--public-url <url>', 'the console address for the invitation link').env(
          'TSUNAGI_PUBLIC_URL',
        ),
      ),
  )
    .addHelpText(
      'after',
      `
Roles: administrator, connectionAdministrator (connections, permissions, publications),
queryUser (the feeds granted to them).

Examples:
  tsunagi user add alice@example.com --role connectionAdministrator --public-url https://tsunagi.example.com
  tsunagi user add robot@example.com --ask-password`,
    )
    .action(async (email: string, options: AddOptions) => {
      const password =
        options.password ??
        (options.askPassword === true
          ? canPrompt()
            ? await promptNewPassword('Password')
            : undefined
          : undefined);
      if (options.askPassword === true && password === undefined) {
        throw new Error('--ask-password needs a terminal; use --password in scripts.');
      }
      if (password !== undefined) assertPasswordAllowed(password, email.trim());
      await withControlPlane(options, async ({ controlPlane, actor }) => {
        const issued = await controlPlane.users.invite(actor, {
          email,
          role: options.role,
          ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
        });
        if (password !== undefined) {
          try {
            await controlPlane.users.acceptInvitation(issued.invitationToken, password);
          } catch (error) {
            await controlPlane.users.delete(actor, issued.user.id);
            throw error;
          }
          console.log(`Created ${issued.user.email} (${issued.user.role}), active.`);
          return;
        }
        const base = (options.publicUrl ?? '').replace(/\/+$/, '');
        console.log(`Invited ${issued.user.email} (${issued.user.role}).`);
        console.log(`Invitation link (valid until ${issued.expiresAt}):`);
        console.log(`${base}/invite/${issued.invitationToken}`);
        if (base === '') note('Prefix the link with the console address (--public-url).');
      });
    });

  withStoreOptions(
    user.command('list').description('List every user.').option('--json', 'print JSON'),
  )
    .addHelpText('after', '\nExamples:\n  tsunagi user list\n  tsunagi user list --json')
    .action(async (options: ListOptions) => {
      await withControlPlane(options, async ({ controlPlane, actor }) => {
        const users = await controlPlane.users.list(actor);
        if (options.json === true) {
          printJson(users);
          return;
        }
        printTable(users, [
          ['email', 'E-MAIL'],
          ['role', 'ROLE'],
          ['status', 'STATUS'],
          ['displayName', 'NAME'],
          ['lastSignInAt', 'LAST SIGN-IN'],
        ]);
      });
    });

  const change = (
    name: string,
    description: string,
    run: (
      context: Parameters<Parameters<typeof withControlPlane>[1]>[0],
      userId: string,
    ) => Promise<string>,
  ): void => {
    withStoreOptions(user.command(`${name} <user>`).description(description))
      .addHelpText(
        'after',
        `\nThe user is given by e-mail address or id.\n\nExample:\n  tsunagi user ${name} alice@example.com`,
      )
      .action(async (reference: string, options: StoreOptions) => {
        await withControlPlane(options, async (context) => {
          const target = await findUser(context, reference);
          console.log(await run(context, target.id));
        });
      });
  };
  change(
    'disable',
    'Disable a user: ends their sessions; their tokens stop working.',
    async (context, id) => {
      const updated = await context.controlPlane.users.disable(context.actor, id);
      return `${updated.email} is disabled.`;
    },
  );
  change('enable', 'Enable a disabled user again.', async (context, id) => {
    const updated = await context.controlPlane.users.enable(context.actor, id);
    return `${updated.email} is ${updated.status}.`;
  });
  change(
    'remove',
    'Delete a user with their tokens, sessions and permissions.',
    async (context, id) => {
      const target = await context.controlPlane.users.get(context.actor, id);
      await context.controlPlane.users.delete(context.actor, id);
      return `${target.email} is deleted.`;
    },
  );
}

/**
 * `tsunagi token create|list|revoke`: personal access tokens on the machine that holds the
 * store. `create` makes a token for a user (printed once, alone on standard output, so
 * that scripts can capture it); `list` never shows a token, only its hint.
 */
import { type Command, InvalidArgumentError } from 'commander';
import type { PersonalAccessTokenView } from '../../control-plane/personal-access-token-service.js';
import {
  actorOf,
  findUser,
  withControlPlane,
  withStoreOptions,
  type CliContext,
  type StoreOptions,
} from '../support/cli-control-plane.js';
import { note, printJson, printTable } from '../support/output.js';

interface CreateOptions extends StoreOptions {
  readonly user?: string;
  readonly name: string;
  readonly expiresInDays?: number;
  readonly expiry: boolean;
  readonly json?: boolean;
}

interface ListOptions extends StoreOptions {
  readonly user?: string;
  readonly json?: boolean;
}

function days(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('Give a whole number of days (at least 1).');
  }
  return parsed;
}

/** The user named, or the only active administrator. */
async function ownerOf(context: CliContext, reference: string | undefined) {
  if (reference !== undefined) return findUser(context, reference);
  const administrators = (await context.controlPlane.users.list(context.actor)).filter(
    (user) => user.role === 'administrator' && user.status === 'active',
  );
  const [only] = administrators;
  if (administrators.length !== 1 || only === undefined) {
    throw new Error('Say whose token it is with --user <e-mail address>.');
  }
  return only;
}

export function registerTokenCommand(program: Command): void {
  const token = program
    .command('token')
    .description('Manage personal access tokens: create, list, revoke.');

  withStoreOptions(
    token
      .command('create')
      .description('Create a personal access token for a user and print it (once).')
      .option('--user <email>', 'whose token (default: the only administrator)')
      .requiredOption('--name <name>', 'what the token is for, e.g. "Salesforce production"')
      .option('--expires-in-days <days>', 'lifetime in days (default 90)', days)
      .option('--no-expiry', 'never expires (when the administrators allow it)')
      .option('--json', 'print the token and its details as JSON'),
  )
    .addHelpText(
      'after',
      `
The token is printed once and cannot be shown again; only its hint (tsg_pat_ and 4
characters) is kept for lists. Use it as the password of HTTP Basic authentication with
the user's e-mail address, or as "Authorization: Bearer <token>".

Examples:
  tsunagi token create --user alice@example.com --name "Salesforce" --expires-in-days 365
  TOKEN=$(tsunagi token create --name ci)`,
    )
    .action(async (options: CreateOptions) => {
      await withControlPlane(options, async (context) => {
        const owner = await ownerOf(context, options.user);
        const created = await context.controlPlane.tokens.create(actorOf(owner), {
          name: options.name,
          expiresInDays: options.expiry ? (options.expiresInDays ?? 90) : null,
        });
        if (options.json === true) {
          printJson(created);
          return;
        }
        console.log(created.token);
        note(
          `Token "${created.details.name}" for ${owner.email}, expires ${created.details.expiresAt ?? 'never'}. It is shown only now.`,
        );
      });
    });

  withStoreOptions(
    token
      .command('list')
      .description("List tokens (never their secrets): one user's, or everyone's.")
      .option('--user <email>', 'only this user’s tokens')
      .option('--json', 'print JSON'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  tsunagi token list\n  tsunagi token list --user alice@example.com --json',
    )
    .action(async (options: ListOptions) => {
      await withControlPlane(options, async (context) => {
        const { controlPlane, actor } = context;
        const users =
          options.user === undefined
            ? await controlPlane.users.list(actor)
            : [await findUser(context, options.user)];
        const rows: (PersonalAccessTokenView & { readonly user: string })[] = [];
        for (const user of users) {
          for (const view of await controlPlane.tokens.list(actor, user.id)) {
            rows.push({ ...view, user: user.email });
          }
        }
        if (options.json === true) {
          printJson(rows);
          return;
        }
        printTable(rows, [
          ['id', 'ID'],
          ['user', 'USER'],
          ['name', 'NAME'],
          ['hint', 'HINT'],
          ['state', 'STATE'],
          ['expiresAt', 'EXPIRES'],
          ['lastUsedAt', 'LAST USED'],
        ]);
      });
    });

  withStoreOptions(
    token.command('revoke <id>').description('Revoke a token (by its id, see list).'),
  )
    .addHelpText('after', '\nExample:\n  tsunagi token revoke 0b0e5a2c-...')
    .action(async (id: string, options: StoreOptions) => {
      await withControlPlane(options, async ({ controlPlane, actor }) => {
        const revoked = await controlPlane.tokens.revoke(actor, id);
        console.log(`Revoked "${revoked.name}".`);
      });
    });
}

/**
 * `tsunagi grant <user> <connection> <permissions>`: sets a user's permissions on a
 * connection to exactly the ones listed (select, insert, update, delete; "none" removes
 * them all). Administrators have every permission without grants.
 */
import type { Command } from 'commander';
import type { Permission } from '../../store/records.js';
import {
  findConnection,
  findUser,
  withControlPlane,
  withStoreOptions,
  type StoreOptions,
} from '../support/cli-control-plane.js';

export function parsePermissions(text: string): Permission[] {
  const names = text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  if (names.length === 1 && names[0] === 'none') return [];
  if (names.length === 0)
    throw new Error('List permissions (select,insert,update,delete) or none.');
  return names as Permission[];
}

export function registerGrantCommand(program: Command): void {
  withStoreOptions(
    program
      .command('grant <user> <connection> <permissions>')
      .description(
        "Set a user's permissions on a connection to exactly these (comma-separated), or none.",
      ),
  )
    .addHelpText(
      'after',
      `
Permissions: select (read), insert, update, delete. The user is given by e-mail address or
id, the connection by name or id.

Examples:
  tsunagi grant alice@example.com Sales select
  tsunagi grant robot@example.com Sales select,insert,update
  tsunagi grant alice@example.com Sales none`,
    )
    .action(
      async (
        userReference: string,
        connectionReference: string,
        text: string,
        options: StoreOptions,
      ) => {
        await withControlPlane(options, async (context) => {
          const user = await findUser(context, userReference);
          const connection = await findConnection(context, connectionReference);
          const granted = await context.controlPlane.permissions.setPermissions(context.actor, {
            userId: user.id,
            connectionId: connection.id,
            permissions: parsePermissions(text),
          });
          console.log(
            `${user.email} now has ${granted.length === 0 ? 'no permission' : granted.join(', ')} on ${connection.name}.`,
          );
        });
      },
    );
}

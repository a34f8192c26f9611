/**
 * What the management commands share: the `--data-dir` / `--store` options (with
 * TSUNAGI_DATA_DIR / TSUNAGI_STORE_URL), opening the control plane on that store with the
 * master key (TSUNAGI_SECRET_KEY or the key file) and closing it afterwards, the CLI's
 * actor (an administrator: whoever runs the command on the machine owns the data), and
 * finding users and connections by e-mail address, name or id.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { systemActor, type Actor } from '../../control-plane/authorization.js';
import type { ConnectionView } from '../../control-plane/connection-service.js';
import type { ConnectorRegistry } from '../../control-plane/connector-registry.js';
import type { ControlPlane } from '../../control-plane/control-plane.js';
import { secretKeyEnvironmentVariable } from '../../control-plane/secret-key-source.js';
import {
  startControlPlane,
  type StartedControlPlane,
} from '../../control-plane/start-control-plane.js';
import type { UserView } from '../../control-plane/user-service.js';
import { createConnectorRegistry } from './connector-kinds.js';

export interface StoreOptions {
  readonly dataDir: string;
  readonly store?: string;
}

export const defaultDataDirectory = './.tsunagi';

/** Adds --data-dir and --store to a command. */
export function withStoreOptions(command: Command): Command {
  return command
    .addOption(
      new Option('-d, --data-dir <directory>', 'data directory: store file and key file')
        .env('TSUNAGI_DATA_DIR')
        .default(defaultDataDirectory),
    )
    .addOption(
      new Option(
        '--store <url>',
        'store: postgres://user@host/db[?schema=name] or sqlite:/path/file.db (default: tsunagi.db in the data directory)',
      ).env('TSUNAGI_STORE_URL'),
    );
}

export interface CliContext {
  readonly controlPlane: ControlPlane;
  readonly started: StartedControlPlane;
  readonly connectors: ConnectorRegistry;
  /** An administrator: the person at the machine. */
  readonly actor: Actor;
  readonly dataDirectory: string;
}

/**
 * Opens the control plane, runs `body` and closes it. Unless `create` is set, refuses a
 * data directory without a store and a store without users (run `tsunagi init` first).
 */
export async function withControlPlane<T>(
  options: StoreOptions,
  body: (context: CliContext) => Promise<T>,
  settings: { readonly create?: boolean } = {},
): Promise<T> {
  const dataDirectory = resolve(options.dataDir);
  const storeUrl = options.store?.trim() === '' ? undefined : options.store;
  if (
    settings.create !== true &&
    storeUrl === undefined &&
    !existsSync(join(dataDirectory, 'tsunagi.db'))
  ) {
    throw new Error(
      `There is no Tsunagi store in ${dataDirectory}. Run "tsunagi init" first, or pass --data-dir (TSUNAGI_DATA_DIR) or --store (TSUNAGI_STORE_URL).`,
    );
  }
  const connectors = await createConnectorRegistry();
  const started = await startControlPlane({
    dataDirectory,
    connectors,
    ...(storeUrl === undefined ? {} : { storeUrl }),
    ...(process.env[secretKeyEnvironmentVariable] === undefined
      ? {}
      : { secretKey: process.env[secretKeyEnvironmentVariable] }),
  });
  try {
    if (settings.create !== true && !(await started.controlPlane.users.isInitialized())) {
      throw new Error('This store has no administrator yet. Run "tsunagi init" first.');
    }
    return await body({
      controlPlane: started.controlPlane,
      started,
      connectors,
      actor: systemActor('tsunagi command line'),
      dataDirectory,
    });
  } finally {
    await started.close();
  }
}

/** A user by e-mail address (any case) or id. */
export async function findUser(context: CliContext, reference: string): Promise<UserView> {
  const wanted = reference.trim().toLowerCase();
  const user = (await context.controlPlane.users.list(context.actor)).find(
    (candidate) => candidate.id === reference || candidate.email.toLowerCase() === wanted,
  );
  if (user === undefined) throw new Error(`There is no user ${reference}.`);
  return user;
}

/** The actor of a user, for operations done in their name (creating their token). */
export function actorOf(user: UserView): Actor {
  return { userId: user.id, email: user.email, role: user.role, sourceAddress: null };
}

/** A connection by name (any case) or id. */
export async function findConnection(
  context: CliContext,
  reference: string,
): Promise<ConnectionView> {
  const wanted = reference.trim().toLowerCase();
  const connection = (await context.controlPlane.connections.list(context.actor)).find(
    (candidate) => candidate.id === reference || candidate.name.toLowerCase() === wanted,
  );
  if (connection === undefined) throw new Error(`There is no connection ${reference}.`);
  return connection;
}

/**
 * A control plane for tests: a fresh SQLite store in a temporary directory (or the store
 * given), a manual clock, cheap argon2 parameters, the fake connector kind, and an
 * initialised administrator. `addUser` creates a user of a role through the real
 * invitation flow. `useControlPlaneFixtures` gives a test file a `setUp` whose fixtures
 * are closed after each test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Role } from '../../store/records.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { Store } from '../../store/store.js';
import { actorFor, type Actor } from '../authorization.js';
import { ManualClock } from '../clock.js';
import { openControlPlane, type ControlPlane, type ControlPlaneOptions } from '../control-plane.js';
import { ConnectorRegistry } from '../connector-registry.js';
import { testPasswordHashing } from '../password-hasher.js';
import { generateSecretKey, type SecretKey } from '../secret-box.js';
import type { UserView } from '../user-service.js';
import { fakeConnectorDefinition } from './fake-connector-definition.js';

export const adminEmail = 'admin@example.com';
export const adminPassword = 'correct horse battery staple';

export interface TestUser {
  readonly user: UserView;
  readonly actor: Actor;
  readonly password: string;
}

export interface ControlPlaneFixture {
  readonly controlPlane: ControlPlane;
  readonly store: Store;
  readonly clock: ManualClock;
  readonly key: SecretKey;
  readonly admin: Actor;
  readonly dataDirectory: string;
  readonly addUser: (role: Role, email?: string) => Promise<TestUser>;
  readonly close: () => Promise<void>;
}

export interface ControlPlaneFixtureOptions {
  readonly store?: Store;
  readonly key?: SecretKey;
  readonly clock?: ManualClock;
  readonly initialize?: boolean;
  readonly overrides?: Partial<ControlPlaneOptions>;
}

let counter = 0;

/**
 * For the top level of a test file: returns `setUp`, which creates a fixture; every
 * fixture created during a test is closed after it.
 */
export function useControlPlaneFixtures(): (
  options?: ControlPlaneFixtureOptions,
) => Promise<ControlPlaneFixture> {
  const fixtures: ControlPlaneFixture[] = [];
  afterEach(async () => {
    for (const fixture of fixtures.splice(0)) await fixture.close();
  });
  return async (options = {}) => {
    const fixture = await createControlPlaneFixture(options);
    fixtures.push(fixture);
    return fixture;
  };
}

export async function createControlPlaneFixture(
  options: ControlPlaneFixtureOptions = {},
): Promise<ControlPlaneFixture> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'tsunagi-control-plane-'));
  const store =
    options.store ?? (await openSqliteStore({ file: join(dataDirectory, 'tsunagi.db') }));
  const clock = options.clock ?? new ManualClock();
  const key = options.key ?? generateSecretKey();
  const connectors = new ConnectorRegistry();
  connectors.register(fakeConnectorDefinition);
  const controlPlane = await openControlPlane({
    store,
    secretKeys: key,
    connectors,
    clock,
    passwordHashing: testPasswordHashing,
    ...options.overrides,
  });
  let admin: Actor = {
    userId: 'none',
    email: adminEmail,
    role: 'administrator',
    sourceAddress: null,
  };
  if (options.initialize !== false) {
    const created = await controlPlane.users.initialize({
      email: adminEmail,
      password: adminPassword,
    });
    admin = {
      userId: created.id,
      email: created.email,
      role: created.role,
      sourceAddress: '127.0.0.1',
    };
  }
  return {
    controlPlane,
    store,
    clock,
    key,
    admin,
    dataDirectory,
    async addUser(role, email) {
      counter += 1;
      const address = email ?? `user${counter}@example.com`;
      const password = `a long password ${counter}`;
      const issued = await controlPlane.users.invite(admin, { email: address, role });
      const user = await controlPlane.users.acceptInvitation(issued.invitationToken, password);
      const record = await store.users.findById(user.id);
      if (record === undefined) throw new Error('the invited user vanished');
      return { user, actor: actorFor(record, '192.0.2.10'), password };
    },
    async close() {
      await controlPlane.close();
      if (options.store === undefined) await store.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/**
 * The role × action matrix, checked through the real services: every operation is run by
 * an Administrator, a Connection administrator and a Query user, and must either succeed
 * or fail with TSG302, exactly as the table says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../store/records.js';
import type { Actor } from './authorization.js';
import { generateSecretKey } from './secret-box.js';
import {
  createControlPlaneFixture,
  type ControlPlaneFixture,
} from './test-support/control-plane-fixture.js';
import { fakeConnectionSettings as settings } from './test-support/fake-connector-definition.js';

type Operation = (fixture: ControlPlaneFixture, actor: Actor) => Promise<unknown>;

async function connection(fixture: ControlPlaneFixture): Promise<string> {
  const created = await fixture.controlPlane.connections.create(fixture.admin, {
    name: `Connection ${Math.random()}`,
    kind: 'fake',
    settings,
  });
  return created.id;
}

async function publication(fixture: ControlPlaneFixture): Promise<string> {
  const connectionId = await connection(fixture);
  const created = await fixture.controlPlane.publications.publish(fixture.admin, {
    connectionId,
    tableName: '1',
    entitySet: `Set${Math.floor(Math.random() * 1e9)}`,
  });
  return created.id;
}

const all: readonly Role[] = ['administrator', 'connectionAdministrator', 'queryUser'];
const managers: readonly Role[] = ['administrator', 'connectionAdministrator'];
const administrators: readonly Role[] = ['administrator'];

const matrix: readonly (readonly [string, readonly Role[], Operation])[] = [
  ['list users', managers, (f, a) => f.controlPlane.users.list(a)],
  [
    'read another user',
    managers,
    async (f, a) => f.controlPlane.users.get(a, (await f.addUser('queryUser')).user.id),
  ],
  ['read oneself', all, (f, a) => f.controlPlane.users.get(a, a.userId)],
  [
    'update own profile',
    all,
    (f, a) => f.controlPlane.users.updateProfile(a, { displayName: 'Me' }),
  ],
  [
    'invite a user',
    administrators,
    (f, a) =>
      f.controlPlane.users.invite(a, { email: `i${Math.random()}@example.com`, role: 'queryUser' }),
  ],
  [
    'resend an invitation',
    administrators,
    async (f, a) => {
      const issued = await f.controlPlane.users.invite(f.admin, {
        email: `r${Math.random()}@example.com`,
        role: 'queryUser',
      });
      return f.controlPlane.users.resendInvitation(a, issued.user.id);
    },
  ],
  [
    'change a role',
    administrators,
    async (f, a) =>
      f.controlPlane.users.changeRole(
        a,
        (await f.addUser('queryUser')).user.id,
        'connectionAdministrator',
      ),
  ],
  [
    'disable a user',
    administrators,
    async (f, a) => f.controlPlane.users.disable(a, (await f.addUser('queryUser')).user.id),
  ],
  [
    'enable a user',
    administrators,
    async (f, a) => {
      const target = await f.addUser('queryUser');
      await f.controlPlane.users.disable(f.admin, target.user.id);
      return f.controlPlane.users.enable(a, target.user.id);
    },
  ],
  [
    'edit another user',
    administrators,
    async (f, a) =>
      f.controlPlane.users.update(a, (await f.addUser('queryUser')).user.id, {
        displayName: 'Someone',
      }),
  ],
  [
    'delete a user',
    administrators,
    async (f, a) => f.controlPlane.users.delete(a, (await f.addUser('queryUser')).user.id),
  ],
  [
    'create an own token',
    all,
    (f, a) => f.controlPlane.tokens.create(a, { name: `T${Math.random()}`, expiresInDays: 30 }),
  ],
  ['list own tokens', all, (f, a) => f.controlPlane.tokens.list(a)],
  [
    "list another user's tokens",
    administrators,
    async (f, a) => f.controlPlane.tokens.list(a, (await f.addUser('queryUser')).user.id),
  ],
  [
    "revoke another user's token",
    administrators,
    async (f, a) => {
      const target = await f.addUser('queryUser');
      const { details } = await f.controlPlane.tokens.create(target.actor, {
        name: 'T',
        expiresInDays: 30,
      });
      return f.controlPlane.tokens.revoke(a, details.id);
    },
  ],
  ['list own sessions', all, (f, a) => f.controlPlane.sessions.list(a)],
  [
    'sign another user out everywhere',
    administrators,
    async (f, a) => f.controlPlane.sessions.revokeAll(a, (await f.addUser('queryUser')).user.id),
  ],
  ['list connections', managers, (f, a) => f.controlPlane.connections.list(a)],
  ['list visible connections', all, (f, a) => f.controlPlane.connections.listVisible(a)],
  [
    'open a connection for management',
    managers,
    async (f, a) => f.controlPlane.connections.getManageable(a, await connection(f)),
  ],
  [
    'read a connection',
    managers,
    async (f, a) => f.controlPlane.connections.get(a, await connection(f)),
  ],
  [
    'create a connection',
    managers,
    (f, a) =>
      f.controlPlane.connections.create(a, { name: `C${Math.random()}`, kind: 'fake', settings }),
  ],
  [
    'update a connection',
    managers,
    async (f, a) => f.controlPlane.connections.update(a, await connection(f), { description: 'x' }),
  ],
  [
    'prepare a connection test',
    managers,
    (f, a) => f.controlPlane.connections.prepareTest(a, { kind: 'fake', settings }),
  ],
  [
    'record a connection test',
    managers,
    async (f, a) =>
      f.controlPlane.connections.recordTestResult(a, await connection(f), { ok: true, steps: [] }),
  ],
  [
    'delete a connection',
    managers,
    async (f, a) => f.controlPlane.connections.delete(a, await connection(f)),
  ],
  [
    'set permissions',
    managers,
    async (f, a) =>
      f.controlPlane.permissions.setPermissions(a, {
        userId: (await f.addUser('queryUser')).user.id,
        connectionId: await connection(f),
        permissions: ['select'],
      }),
  ],
  [
    'list permissions of a connection',
    managers,
    async (f, a) => f.controlPlane.permissions.listForConnection(a, await connection(f)),
  ],
  [
    "list another user's permissions",
    managers,
    async (f, a) =>
      f.controlPlane.permissions.listForUser(a, (await f.addUser('queryUser')).user.id),
  ],
  ['list own permissions', all, (f, a) => f.controlPlane.permissions.listForUser(a)],
  [
    'list every user for a permission grid',
    managers,
    async (f, a) => f.controlPlane.permissions.listUsersForConnection(a, await connection(f)),
  ],
  [
    'publish a table',
    managers,
    async (f, a) =>
      f.controlPlane.publications.publish(a, {
        connectionId: await connection(f),
        tableName: '1',
        entitySet: `P${Math.floor(Math.random() * 1e9)}`,
      }),
  ],
  [
    'rename a publication',
    managers,
    async (f, a) =>
      f.controlPlane.publications.update(a, await publication(f), {
        entitySet: `R${Math.floor(Math.random() * 1e9)}`,
      }),
  ],
  [
    'unpublish',
    managers,
    async (f, a) => f.controlPlane.publications.unpublish(a, await publication(f)),
  ],
  ['list publications', managers, (f, a) => f.controlPlane.publications.list(a)],
  ['list readable publications', all, (f, a) => f.controlPlane.publications.listReadable(a)],
  ['list visible publications', all, (f, a) => f.controlPlane.publications.listVisible(a)],
  ['search own query log', all, (f, a) => f.controlPlane.queryLog.search(a)],
  ['read the audit log', administrators, (f, a) => f.controlPlane.auditLog.search(a)],
  ['read settings', administrators, (f, a) => f.controlPlane.settings.read(a)],
  [
    'change settings',
    administrators,
    (f, a) => f.controlPlane.settings.update(a, { queryLogRetentionDays: 14 }),
  ],
  [
    'rotate the secret key',
    administrators,
    (f, a) => f.controlPlane.secrets.rotate(a, generateSecretKey()),
  ],
];

describe.each(all)('role %s', (role) => {
  let fixture: ControlPlaneFixture;
  let actor: Actor;
  beforeAll(async () => {
    fixture = await createControlPlaneFixture();
    actor = role === 'administrator' ? fixture.admin : (await fixture.addUser(role)).actor;
  });
  afterAll(async () => {
    await fixture.close();
  });

  it.each(
    matrix.map(([name, allowed, operation]) => [name, allowed.includes(role), operation] as const),
  )('%s → allowed: %s', async (_name, allowed, operation) => {
    const outcome = await operation(fixture, actor).then(
      () => 'allowed',
      (error: unknown) => ((error as { code?: string }).code === 'TSG302' ? 'denied' : error),
    );
    expect(outcome).toBe(allowed ? 'allowed' : 'denied');
  });
});

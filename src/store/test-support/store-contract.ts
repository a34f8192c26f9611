/**
 * The store contract: one suite that every store implementation must pass, so that
 * SQLite and PostgreSQL behave the same. Each test gets a fresh, migrated store from
 * `makeStore`; `openAnother` opens a second instance on the same database.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isTsunagiError } from '../../errors/tsunagi-error.js';
import type { ChangeEvent } from '../change-event.js';
import { migrations } from '../migrations/migrations.js';
import type {
  ConnectionRecord,
  PersonalAccessTokenRecord,
  PublicationRecord,
  QueryLogEntryInput,
  SessionRecord,
  UserRecord,
} from '../records.js';
import type { Store } from '../store.js';

export interface StoreUnderTest {
  readonly store: Store;
  /** Opens another store instance on the same database (file or schema). */
  readonly openAnother: () => Promise<Store>;
}

const base = 1_767_225_600_000; // 2026-01-01T00:00:00Z, beyond 32-bit on purpose

export function userRecord(overrides: Partial<UserRecord> = {}): UserRecord {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    email: `${id.slice(0, 8)}@example.com`,
    displayName: 'Test User',
    role: 'queryUser',
    status: 'active',
    passwordHash: '$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA',
    createdAt: base,
    updatedAt: base,
    lastSignInAt: null,
    ...overrides,
  };
}

export function connectionRecord(overrides: Partial<ConnectionRecord> = {}): ConnectionRecord {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    name: `Connection ${id.slice(0, 8)}`,
    kind: 'fake',
    description: '',
    settings: { url: 'https://example.cybozu.com', port: 443, verify: true },
    secrets: { password: 'v1:key:iv:tag:ciphertext' },
    createdAt: base,
    createdBy: null,
    updatedAt: base,
    lastTest: null,
    ...overrides,
  };
}

function tokenRecord(
  userId: string,
  overrides: Partial<PersonalAccessTokenRecord> = {},
): PersonalAccessTokenRecord {
  return {
    id: randomUUID(),
    userId,
    name: 'Salesforce',
    tokenDigest: randomUUID().replaceAll('-', ''),
    hint: 'tsg_pat_abcd',
    createdAt: base,
    expiresAt: base + 86_400_000,
    lastUsedAt: null,
    lastUsedAddress: null,
    revokedAt: null,
    ...overrides,
  };
}

function sessionRecord(userId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: randomUUID(),
    userId,
    tokenDigest: randomUUID().replaceAll('-', ''),
    createdAt: base,
    lastSeenAt: base,
    expiresAt: base + 3_600_000,
    revokedAt: null,
    sourceAddress: '127.0.0.1',
    userAgent: 'vitest',
    ...overrides,
  };
}

function publicationRecord(
  connectionId: string,
  overrides: Partial<PublicationRecord> = {},
): PublicationRecord {
  return {
    id: randomUUID(),
    connectionId,
    tableName: '42',
    entitySet: 'Customers',
    propertyAliases: { 会社名: 'CompanyName' },
    createdAt: base,
    updatedAt: base,
    ...overrides,
  };
}

function queryLogEntry(overrides: Partial<QueryLogEntryInput> = {}): QueryLogEntryInput {
  return {
    at: base,
    userId: 'user-1',
    userEmail: 'one@example.com',
    tokenName: 'Salesforce',
    method: 'GET',
    url: '/api/odata/service/Customers?$top=10',
    entitySet: 'Customers',
    connectionId: 'connection-1',
    status: 200,
    rowCount: 10,
    durationMs: 12.5,
    sourceCalls: 1,
    sourceQuery: 'limit 10',
    requestId: 'req-1',
    ...overrides,
  };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(isTsunagiError(error) ? error.code : error).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, but the operation succeeded`);
}

export function describeStoreContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
): void {
  describe(`store contract: ${name}`, () => {
    const opened: Store[] = [];
    afterEach(async () => {
      while (opened.length > 0) await opened.pop()?.close();
    });
    async function fresh(): Promise<StoreUnderTest> {
      const underTest = await makeStore();
      opened.push(underTest.store);
      return {
        store: underTest.store,
        openAnother: async () => {
          const another = await underTest.openAnother();
          opened.push(another);
          return another;
        },
      };
    }

    describe('migrations', () => {
      it('applies every migration once and records it', async () => {
        const { store, openAnother } = await fresh();
        const all = migrations.map((migration) => migration.version);
        expect(await store.appliedMigrations()).toEqual(all);
        const again = await openAnother();
        expect(await again.appliedMigrations()).toEqual(all);
        await store.ping();
      });
    });

    describe('users', () => {
      it('inserts, finds by id and by e-mail case-insensitively, updates and lists', async () => {
        const { store } = await fresh();
        const alice = userRecord({ email: 'Alice@Example.com', role: 'administrator' });
        const bob = userRecord({ email: 'bob@example.com', passwordHash: null, status: 'invited' });
        await store.users.insert(alice);
        await store.users.insert(bob);
        expect(await store.users.findById(alice.id)).toEqual(alice);
        expect(await store.users.findByEmail('  alice@EXAMPLE.com ')).toEqual(alice);
        expect(await store.users.findByEmail('nobody@example.com')).toBeUndefined();
        const renamed = {
          ...alice,
          displayName: 'Alice A.',
          updatedAt: base + 1,
          lastSignInAt: base + 2,
        };
        expect(await store.users.update(renamed)).toBe(true);
        expect(await store.users.findById(alice.id)).toEqual(renamed);
        expect(await store.users.update(userRecord())).toBe(false);
        expect((await store.users.list()).map((user) => user.email)).toEqual([
          'Alice@Example.com',
          'bob@example.com',
        ]);
        expect(await store.users.count()).toBe(2);
      });

      it('refuses a second user with the same e-mail in another case (TSG502)', async () => {
        const { store } = await fresh();
        await store.users.insert(userRecord({ email: 'same@example.com' }));
        await expectCode(store.users.insert(userRecord({ email: 'SAME@example.com' })), 'TSG502');
      });

      it('lists active administrators only', async () => {
        const { store } = await fresh();
        const active = userRecord({ role: 'administrator' });
        await store.users.insert(active);
        await store.users.insert(userRecord({ role: 'administrator', status: 'disabled' }));
        await store.users.insert(userRecord({ role: 'connectionAdministrator' }));
        expect(await store.users.listActiveAdministratorIds()).toEqual([active.id]);
        const locked = await store.transaction((scope) =>
          scope.users.listActiveAdministratorIds({ lock: true }),
        );
        expect(locked).toEqual([active.id]);
      });

      it('deleting a user deletes their sessions, tokens, invitations and grants', async () => {
        const { store } = await fresh();
        const user = userRecord();
        const connection = connectionRecord();
        await store.users.insert(user);
        await store.connections.insert(connection);
        const session = sessionRecord(user.id);
        const token = tokenRecord(user.id);
        await store.sessions.insert(session);
        await store.tokens.insert(token);
        await store.invitations.insert({
          id: randomUUID(),
          userId: user.id,
          tokenDigest: 'invitation-digest',
          invitedBy: null,
          createdAt: base,
          expiresAt: base + 1000,
          consumedAt: null,
        });
        await store.permissions.replace(user.id, connection.id, ['select'], base, null);
        expect(await store.users.delete(user.id)).toBe(true);
        expect(await store.users.delete(user.id)).toBe(false);
        expect(await store.sessions.findById(session.id)).toBeUndefined();
        expect(await store.tokens.findById(token.id)).toBeUndefined();
        expect(await store.invitations.findByDigest('invitation-digest')).toBeUndefined();
        expect(await store.permissions.listForConnection(connection.id)).toEqual([]);
      });
    });

    describe('hostile text', () => {
      it('stores quotes, placeholders and SQL verbatim, as values, never as SQL', async () => {
        const { store } = await fresh();
        const hostile = [
          "Robert'); DROP TABLE users; --",
          'What? $1 ?? $2 :name @p',
          '"double" \\ backslash \\\' \u00e9 顧客 🚀',
        ];
        for (const [index, text] of hostile.entries()) {
          const user = userRecord({ email: `${index}'@example.com`, displayName: text });
          await store.users.insert(user);
          expect(await store.users.findByEmail(user.email)).toEqual(user);
          const connection = connectionRecord({
            name: text,
            settings: { [text]: text, nul: 'a\u0000b' },
          });
          await store.connections.insert(connection);
          expect(await store.connections.findByName(text)).toEqual(connection);
        }
        expect(await store.users.count()).toBe(3);
        expect(await store.users.findByEmail("' OR '1'='1")).toBeUndefined();
      });
    });

    describe('invitations', () => {
      it('finds by digest, consumes once, lists open ones', async () => {
        const { store } = await fresh();
        const user = userRecord({ status: 'invited', passwordHash: null });
        await store.users.insert(user);
        const open = {
          id: randomUUID(),
          userId: user.id,
          tokenDigest: 'digest-open',
          invitedBy: 'admin-id',
          createdAt: base,
          expiresAt: base + 1000,
          consumedAt: null,
        };
        const expired = {
          ...open,
          id: randomUUID(),
          tokenDigest: 'digest-expired',
          expiresAt: base + 10,
        };
        await store.invitations.insert(open);
        await store.invitations.insert(expired);
        expect(await store.invitations.findByDigest('digest-open')).toEqual(open);
        expect(
          (await store.invitations.listOpenForUser(user.id, base + 100)).map((i) => i.id),
        ).toEqual([open.id]);
        expect(await store.invitations.consume(open.id, base + 200)).toBe(true);
        expect(await store.invitations.consume(open.id, base + 300)).toBe(false);
        expect((await store.invitations.findByDigest('digest-open'))?.consumedAt).toBe(base + 200);
        expect(await store.invitations.listOpenForUser(user.id, base + 100)).toEqual([]);
        expect(await store.invitations.consumeAllForUser(user.id, base + 400)).toBe(1);
      });
    });

    describe('sessions', () => {
      it('inserts, finds, touches, revokes one or all, deletes expired ones', async () => {
        const { store } = await fresh();
        const user = userRecord();
        await store.users.insert(user);
        const first = sessionRecord(user.id);
        const second = sessionRecord(user.id, { createdAt: base + 1, expiresAt: base + 10 });
        await store.sessions.insert(first);
        await store.sessions.insert(second);
        expect(await store.sessions.findByDigest(first.tokenDigest)).toEqual(first);
        await store.sessions.touch(first.id, base + 50);
        expect((await store.sessions.findById(first.id))?.lastSeenAt).toBe(base + 50);
        expect(await store.sessions.revoke(first.id, base + 60)).toBe(true);
        expect(await store.sessions.revoke(first.id, base + 70)).toBe(false);
        expect(await store.sessions.revokeAllForUser(user.id, base + 80)).toBe(1);
        expect((await store.sessions.listForUser(user.id)).map((s) => s.revokedAt)).toEqual([
          base + 60,
          base + 80,
        ]);
        expect(await store.sessions.deleteExpired(base + 70)).toBe(2);
        expect(await store.sessions.listForUser(user.id)).toEqual([]);
      });
    });

    describe('personal access tokens', () => {
      it('finds by digest, records use, revokes, lists per user', async () => {
        const { store } = await fresh();
        const user = userRecord();
        await store.users.insert(user);
        const token = tokenRecord(user.id);
        const forever = tokenRecord(user.id, {
          name: 'Excel',
          expiresAt: null,
          createdAt: base + 1,
        });
        await store.tokens.insert(token);
        await store.tokens.insert(forever);
        expect(await store.tokens.findByDigest(token.tokenDigest)).toEqual(token);
        expect(await store.tokens.findByDigest('unknown')).toBeUndefined();
        await store.tokens.recordUse(token.id, base + 5, '10.0.0.1');
        const used = await store.tokens.findById(token.id);
        expect([used?.lastUsedAt, used?.lastUsedAddress]).toEqual([base + 5, '10.0.0.1']);
        expect(await store.tokens.revoke(token.id, base + 6)).toBe(true);
        expect(await store.tokens.revoke(token.id, base + 7)).toBe(false);
        expect(await store.tokens.revokeAllForUser(user.id, base + 8)).toBe(1);
        const listed = await store.tokens.listForUser(user.id);
        expect(listed.map((t) => [t.name, t.expiresAt, t.revokedAt])).toEqual([
          ['Salesforce', base + 86_400_000, base + 6],
          ['Excel', null, base + 8],
        ]);
      });

      it('refuses a duplicate digest (TSG502)', async () => {
        const { store } = await fresh();
        const user = userRecord();
        await store.users.insert(user);
        await store.tokens.insert(tokenRecord(user.id, { tokenDigest: 'same' }));
        await expectCode(
          store.tokens.insert(tokenRecord(user.id, { tokenDigest: 'same' })),
          'TSG502',
        );
      });
    });

    describe('connections', () => {
      it('round-trips settings of every type, finds by name case-insensitively, updates', async () => {
        const { store } = await fresh();
        const connection = connectionRecord({ name: 'Kintone Sales' });
        await store.connections.insert(connection);
        expect(await store.connections.findById(connection.id)).toEqual(connection);
        expect((await store.connections.findByName('kintone sales'))?.id).toBe(connection.id);
        const updated = {
          ...connection,
          name: 'Kintone Sales EU',
          settings: { url: 'https://eu.example.com', port: 8443, verify: false },
          secrets: {},
          updatedAt: base + 1,
        };
        expect(await store.connections.update(updated)).toBe(true);
        expect(await store.connections.findById(connection.id)).toEqual(updated);
        await expectCode(
          store.connections.insert(connectionRecord({ name: 'KINTONE SALES EU' })),
          'TSG502',
        );
      });

      it('records the last test, lists and replaces secrets, deletes with grants and publications', async () => {
        const { store } = await fresh();
        const user = userRecord();
        const connection = connectionRecord();
        await store.users.insert(user);
        await store.connections.insert(connection);
        const result = {
          at: base + 9,
          ok: false,
          steps: [
            { name: 'Reach the server', ok: true, durationMs: 12 },
            { name: 'Sign in', ok: false, message: 'Wrong password' },
          ],
        };
        expect(await store.connections.recordTest(connection.id, result)).toBe(true);
        expect((await store.connections.findById(connection.id))?.lastTest).toEqual(result);
        expect(await store.connections.listSecrets()).toEqual([
          { id: connection.id, secrets: connection.secrets },
        ]);
        await store.connections.replaceSecrets(connection.id, { password: 'v1:other' });
        expect((await store.connections.findById(connection.id))?.secrets).toEqual({
          password: 'v1:other',
        });
        await store.permissions.replace(user.id, connection.id, ['select'], base, null);
        await store.publications.insert(publicationRecord(connection.id));
        expect(await store.connections.delete(connection.id)).toBe(true);
        expect(await store.permissions.listForUser(user.id)).toEqual([]);
        expect(await store.publications.list()).toEqual([]);
        expect(await store.connections.list()).toEqual([]);
      });
    });

    describe('permissions', () => {
      it('replaces the set of a user on a connection', async () => {
        const { store } = await fresh();
        const user = userRecord();
        const other = userRecord();
        const connection = connectionRecord();
        await store.users.insert(user);
        await store.users.insert(other);
        await store.connections.insert(connection);
        await store.permissions.replace(
          user.id,
          connection.id,
          ['select', 'insert', 'select'],
          base,
          'admin',
        );
        await store.permissions.replace(other.id, connection.id, ['select'], base, null);
        await store.permissions.replace(
          user.id,
          connection.id,
          ['insert', 'delete'],
          base + 1,
          'admin',
        );
        const grants = await store.permissions.listForUser(user.id);
        expect(grants.map((grant) => [grant.permission, grant.grantedAt, grant.grantedBy])).toEqual(
          [
            ['delete', base + 1, 'admin'],
            ['insert', base, 'admin'],
          ],
        );
        expect((await store.permissions.listForConnection(connection.id)).length).toBe(3);
        await store.permissions.replace(user.id, connection.id, [], base + 2, null);
        expect(await store.permissions.listForUser(user.id)).toEqual([]);
      });

      it('refuses grants for a user or connection that does not exist (TSG501)', async () => {
        const { store } = await fresh();
        const connection = connectionRecord();
        await store.connections.insert(connection);
        await expectCode(
          store.permissions.replace('no-such-user', connection.id, ['select'], base, null),
          'TSG501',
        );
      });
    });

    describe('publications', () => {
      it('keeps entity-set names unique case-insensitively and tables unique per connection', async () => {
        const { store } = await fresh();
        const connection = connectionRecord();
        await store.connections.insert(connection);
        const customers = publicationRecord(connection.id);
        await store.publications.insert(customers);
        expect(await store.publications.findById(customers.id)).toEqual(customers);
        expect((await store.publications.findByEntitySet('CUSTOMERS'))?.id).toBe(customers.id);
        expect((await store.publications.findByTable(connection.id, '42'))?.id).toBe(customers.id);
        await expectCode(
          store.publications.insert(
            publicationRecord(connection.id, { tableName: '43', entitySet: 'customers' }),
          ),
          'TSG502',
        );
        await expectCode(
          store.publications.insert(publicationRecord(connection.id, { entitySet: 'Other' })),
          'TSG502',
        );
        const renamed = {
          ...customers,
          entitySet: 'Clients',
          propertyAliases: {},
          updatedAt: base + 1,
        };
        expect(await store.publications.update(renamed)).toBe(true);
        expect(await store.publications.findByEntitySet('customers')).toBeUndefined();
        await store.publications.insert(
          publicationRecord(connection.id, { tableName: '7', entitySet: 'Accounts' }),
        );
        expect((await store.publications.list()).map((p) => p.entitySet)).toEqual([
          'Accounts',
          'Clients',
        ]);
        expect((await store.publications.listForConnection(connection.id)).length).toBe(2);
        expect(await store.publications.delete(customers.id)).toBe(true);
        expect(await store.publications.delete(customers.id)).toBe(false);
      });
    });

    describe('query log', () => {
      it('appends in batches, filters, pages newest first and prunes', async () => {
        const { store } = await fresh();
        const entries: QueryLogEntryInput[] = [];
        for (let index = 0; index < 250; index += 1) {
          entries.push(
            queryLogEntry({
              at: base + index * 1000,
              userId: index % 2 === 0 ? 'user-even' : 'user-odd',
              entitySet: index % 5 === 0 ? 'Orders' : 'Customers',
              status: index % 10 === 0 ? 500 : 200,
              requestId: `req-${index}`,
            }),
          );
        }
        await store.queryLog.append(entries.slice(0, 100));
        await store.queryLog.append(entries.slice(100));
        await store.queryLog.append([]);
        const newest = await store.queryLog.search({ limit: 3 });
        expect(newest.map((entry) => entry.requestId)).toEqual(['req-249', 'req-248', 'req-247']);
        expect(newest[0]).toMatchObject({ ...entries[249], id: expect.any(Number) as number });
        const cursor = newest[2]?.id ?? 0;
        const next = await store.queryLog.search({ limit: 2, before: cursor });
        expect(next.map((entry) => entry.requestId)).toEqual(['req-246', 'req-245']);
        const failedOrders = await store.queryLog.search({
          limit: 100,
          entitySet: 'Orders',
          failedOnly: true,
          userId: 'user-even',
        });
        expect(failedOrders.map((entry) => entry.requestId)).toEqual([
          'req-240',
          'req-230',
          'req-220',
          'req-210',
          'req-200',
          'req-190',
          'req-180',
          'req-170',
          'req-160',
          'req-150',
          'req-140',
          'req-130',
          'req-120',
          'req-110',
          'req-100',
          'req-90',
          'req-80',
          'req-70',
          'req-60',
          'req-50',
          'req-40',
          'req-30',
          'req-20',
          'req-10',
          'req-0',
        ]);
        const window = await store.queryLog.search({
          limit: 100,
          from: base + 10_000,
          to: base + 13_000,
          status: 200,
        });
        expect(window.map((entry) => entry.requestId)).toEqual(['req-12', 'req-11']);
        expect(await store.queryLog.prune(base + 200_000)).toBe(200);
        expect((await store.queryLog.search({ limit: 1000 })).length).toBe(50);
      });
    });

    describe('audit log', () => {
      it('appends and searches by actor, action, target and time', async () => {
        const { store } = await fresh();
        const entry = {
          at: base,
          actorUserId: 'admin-1',
          actorEmail: 'admin@example.com',
          action: 'user.invited',
          targetKind: 'user',
          targetId: 'user-2',
          targetLabel: 'two@example.com',
          sourceAddress: '192.0.2.1',
          outcome: 'success' as const,
          details: { role: 'queryUser' },
        };
        await store.auditLog.append(entry);
        await store.auditLog.append({
          ...entry,
          at: base + 1,
          action: 'signIn.failed',
          outcome: 'failure',
          actorUserId: null,
          details: {},
        });
        await store.auditLog.append({
          ...entry,
          at: base + 2,
          action: 'connection.created',
          targetKind: 'connection',
          targetId: 'c-1',
        });
        expect((await store.auditLog.search({ limit: 10 })).map((e) => e.action)).toEqual([
          'connection.created',
          'signIn.failed',
          'user.invited',
        ]);
        expect(await store.auditLog.search({ limit: 10, action: 'user.invited' })).toEqual([
          { ...entry, id: expect.any(Number) as number },
        ]);
        expect(
          (
            await store.auditLog.search({
              limit: 10,
              actorUserId: 'admin-1',
              targetKind: 'connection',
              targetId: 'c-1',
            })
          ).length,
        ).toBe(1);
        expect(
          (await store.auditLog.search({ limit: 10, from: base + 1, to: base + 2 })).map(
            (e) => e.action,
          ),
        ).toEqual(['signIn.failed']);
        const [newest] = await store.auditLog.search({ limit: 1 });
        expect((await store.auditLog.search({ limit: 10, before: newest?.id ?? 0 })).length).toBe(
          2,
        );
      });
    });

    describe('settings and secret keys', () => {
      it('puts, replaces and lists settings', async () => {
        const { store } = await fresh();
        await store.settings.put({
          name: 'queryLogRetentionDays',
          value: '7',
          updatedAt: base,
          updatedBy: null,
        });
        await store.settings.put({
          name: 'queryLogRetentionDays',
          value: '30',
          updatedAt: base + 1,
          updatedBy: 'admin',
        });
        await store.settings.put({
          name: 'maximumPageSize',
          value: '1000',
          updatedAt: base,
          updatedBy: null,
        });
        expect(await store.settings.get('queryLogRetentionDays')).toEqual({
          name: 'queryLogRetentionDays',
          value: '30',
          updatedAt: base + 1,
          updatedBy: 'admin',
        });
        expect(await store.settings.get('missing')).toBeUndefined();
        expect((await store.settings.list()).map((s) => s.name)).toEqual([
          'maximumPageSize',
          'queryLogRetentionDays',
        ]);
      });

      it('records keys, the current one and retirements', async () => {
        const { store } = await fresh();
        expect(await store.secretKeys.current()).toBeUndefined();
        await store.secretKeys.insert({
          keyId: 'k1',
          createdAt: base,
          retiredAt: null,
          verifier: 'v1:k1:x',
        });
        expect((await store.secretKeys.current())?.keyId).toBe('k1');
        await store.transaction(async (scope) => {
          await scope.secretKeys.retire('k1', base + 1);
          await scope.secretKeys.insert({
            keyId: 'k2',
            createdAt: base + 1,
            retiredAt: null,
            verifier: 'v1:k2:x',
          });
        });
        expect((await store.secretKeys.current())?.keyId).toBe('k2');
        expect((await store.secretKeys.list()).map((k) => [k.keyId, k.retiredAt])).toEqual([
          ['k1', base + 1],
          ['k2', null],
        ]);
      });
    });

    describe('transactions and change events', () => {
      it('commits every write of the body together and then publishes its changes', async () => {
        const { store } = await fresh();
        const seen: ChangeEvent[] = [];
        store.onChange((event) => seen.push(event));
        const user = userRecord();
        const connection = connectionRecord();
        const result = await store.transaction(async (scope) => {
          await scope.users.insert(user);
          await scope.connections.insert(connection);
          scope.publishChange({ kind: 'user', id: user.id });
          expect(seen).toEqual([]);
          return 'done';
        });
        expect(result).toBe('done');
        expect(seen).toEqual([{ kind: 'user', id: user.id }]);
        expect(await store.users.findById(user.id)).toEqual(user);
        expect(await store.connections.findById(connection.id)).toEqual(connection);
      });

      it('rolls back every write and drops the changes when the body fails', async () => {
        const { store } = await fresh();
        const seen: ChangeEvent[] = [];
        store.onChange((event) => seen.push(event));
        const user = userRecord();
        await expect(
          store.transaction(async (scope) => {
            await scope.users.insert(user);
            scope.publishChange({ kind: 'user', id: user.id });
            throw new Error('stop');
          }),
        ).rejects.toThrow('stop');
        expect(await store.users.findById(user.id)).toBeUndefined();
        expect(seen).toEqual([]);
        // A failing statement also rolls back the earlier ones.
        const first = userRecord({ email: 'dup@example.com' });
        await expectCode(
          store.transaction(async (scope) => {
            await scope.users.insert(first);
            await scope.users.insert(userRecord({ email: 'DUP@example.com' }));
          }),
          'TSG502',
        );
        expect(await store.users.findById(first.id)).toBeUndefined();
      });

      it('keeps writes made outside a transaction out of it', async () => {
        const { store } = await fresh();
        const inside = userRecord();
        const outside = userRecord();
        let entered: () => void = () => undefined;
        const hasEntered = new Promise<void>((resolve) => {
          entered = resolve;
        });
        const transaction = store.transaction(async (scope) => {
          await scope.users.insert(inside);
          entered();
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error('roll back');
        });
        await hasEntered;
        // Another request, while the transaction is open.
        const outsideWrite = store.users.insert(outside);
        await expect(transaction).rejects.toThrow('roll back');
        await outsideWrite;
        expect(await store.users.findById(inside.id)).toBeUndefined();
        expect(await store.users.findById(outside.id)).toEqual(outside);
      });

      it('runs concurrent transactions without losing writes', async () => {
        const { store } = await fresh();
        await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            store.transaction(async (scope) => {
              await scope.settings.put({
                name: `s${index}`,
                value: String(index),
                updatedAt: base,
                updatedBy: null,
              });
              await new Promise((resolve) => setTimeout(resolve, 2));
              await scope.settings.put({
                name: `t${index}`,
                value: String(index),
                updatedAt: base,
                updatedBy: null,
              });
            }),
          ),
        );
        expect((await store.settings.list()).length).toBe(16);
      });

      it('fails fast when a transaction body uses the store instead of its scope', async () => {
        const { store } = await fresh();
        await expect(
          store.transaction(async (scope) => {
            await scope.users.count();
            await store.users.count();
          }),
        ).rejects.toThrow('transaction scope');
        expect(await store.users.count()).toBe(0);
      });

      it('tells local listeners about published changes, until they unsubscribe', async () => {
        const { store } = await fresh();
        const seen: ChangeEvent[] = [];
        const unsubscribe = store.onChange((event) => seen.push(event));
        await store.publishChange({ kind: 'permission', id: 'user-1' });
        unsubscribe();
        await store.publishChange({ kind: 'permission', id: 'user-2' });
        expect(seen).toEqual([{ kind: 'permission', id: 'user-1' }]);
      });
    });
  });
}

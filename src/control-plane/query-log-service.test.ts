import { describe, expect, it } from 'vitest';
import type { QueryLogEntryInput } from '../store/records.js';
import { day } from './clock.js';
import { useControlPlaneFixtures } from './test-support/control-plane-fixture.js';

const setUp = useControlPlaneFixtures();

function entry(
  at: number,
  userId: string,
  overrides: Partial<QueryLogEntryInput> = {},
): QueryLogEntryInput {
  return {
    at,
    userId,
    userEmail: `${userId}@example.com`,
    tokenName: 'Salesforce',
    method: 'GET',
    url: '/api/odata/service/Customers',
    entitySet: 'Customers',
    connectionId: null,
    status: 200,
    rowCount: 3,
    durationMs: 4.2,
    sourceCalls: 1,
    sourceQuery: 'order by $id desc limit 100',
    requestId: null,
    ...overrides,
  };
}

describe('query log service', () => {
  it('buffers entries and writes them in batches', async () => {
    const { controlPlane, store, clock } = await setUp({
      overrides: {
        queryLogBatching: { maximumBatch: 3, flushIntervalMs: 60_000, maximumBuffered: 5 },
      },
    });
    controlPlane.queryLog.record(entry(clock.now(), 'u1'));
    controlPlane.queryLog.record(entry(clock.now(), 'u1'));
    expect(await store.queryLog.search({ limit: 10 })).toEqual([]);
    controlPlane.queryLog.record(entry(clock.now(), 'u1'));
    await controlPlane.queryLog.flush();
    expect((await store.queryLog.search({ limit: 10 })).length).toBe(3);
    for (let index = 0; index < 7; index += 1)
      controlPlane.queryLog.record(entry(clock.now(), 'u2'));
    await controlPlane.queryLog.flush();
    expect((await store.queryLog.search({ limit: 20 })).length).toBe(10);
  });

  it('flushes on its own after the interval', async () => {
    const { controlPlane, store, clock } = await setUp({
      overrides: {
        queryLogBatching: { maximumBatch: 100, flushIntervalMs: 10, maximumBuffered: 1000 },
      },
    });
    controlPlane.queryLog.record(entry(clock.now(), 'u1'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await store.queryLog.search({ limit: 10 })).length).toBe(1);
  });

  it('shows users their own entries and administrators everyone, with filters and paging', async () => {
    const { controlPlane, admin, addUser, clock } = await setUp();
    const bob = await addUser('queryUser');
    const carol = await addUser('connectionAdministrator');
    const start = clock.now();
    for (let index = 0; index < 30; index += 1) {
      controlPlane.queryLog.record(
        entry(start + index * 1000, index % 3 === 0 ? carol.user.id : bob.user.id, {
          status: index % 5 === 0 ? 404 : 200,
          entitySet: index % 2 === 0 ? 'Customers' : 'Orders',
        }),
      );
    }
    const own = await controlPlane.queryLog.search(bob.actor, {
      userId: carol.user.id,
      limit: 100,
    });
    expect(own.entries.length).toBe(20);
    expect(own.entries.every((e) => e.userId === bob.user.id)).toBe(true);
    const carolsOwn = await controlPlane.queryLog.search(carol.actor, { limit: 100 });
    expect(carolsOwn.entries.length).toBe(10);
    const everything = await controlPlane.queryLog.search(admin, { limit: 100 });
    expect(everything.entries.length).toBe(30);
    expect(everything.entries[0]?.at).toBe(new Date(start + 29_000).toISOString());
    const carols = await controlPlane.queryLog.search(admin, {
      userId: carol.user.id,
      failedOnly: true,
      limit: 100,
    });
    expect(carols.entries.map((e) => e.status)).toEqual([404, 404]);
    const window = await controlPlane.queryLog.search(admin, {
      from: new Date(start + 10_000).toISOString(),
      to: start + 20_000,
      entitySet: 'Orders',
      limit: 100,
    });
    expect(window.entries.map((e) => e.at)).toEqual(
      [19, 17, 15, 13, 11].map((s) => new Date(start + s * 1000).toISOString()),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await controlPlane.queryLog.search(admin, {
        limit: 7,
        ...(cursor === undefined ? {} : { cursor }),
      });
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen.length).toBe(30);
    expect(new Set(seen).size).toBe(30);
    await expect(controlPlane.queryLog.search(admin, { limit: 0 })).rejects.toMatchObject({
      code: 'TSG500',
      target: 'limit',
    });
    await expect(controlPlane.queryLog.search(admin, { from: 'yesterday' })).rejects.toMatchObject({
      code: 'TSG500',
      target: 'from',
    });
    await expect(controlPlane.queryLog.search(admin, { cursor: 'abc' })).rejects.toMatchObject({
      code: 'TSG500',
      target: 'cursor',
    });
  });

  it('prunes entries older than the retention setting (7 days by default)', async () => {
    const { controlPlane, admin, clock, store } = await setUp();
    const now = clock.now();
    controlPlane.queryLog.record(entry(now - 8 * day, 'u1'));
    controlPlane.queryLog.record(entry(now - 6 * day, 'u1'));
    controlPlane.queryLog.record(entry(now - 2 * day, 'u1'));
    await controlPlane.queryLog.flush();
    expect(await controlPlane.queryLog.prune()).toBe(1);
    await controlPlane.settings.update(admin, { queryLogRetentionDays: 3 });
    expect(await controlPlane.queryLog.prune()).toBe(1);
    expect((await store.queryLog.search({ limit: 10 })).length).toBe(1);
  });
});

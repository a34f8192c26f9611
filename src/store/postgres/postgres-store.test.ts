import pg from 'pg';
import { expect, it } from 'vitest';
import type { ChangeEvent } from '../change-event.js';
import { migrations } from '../migrations/migrations.js';
import { describeStoreContract } from '../test-support/store-contract.js';
import { openStore } from '../open-store.js';
import { openPostgresStore, type PostgresStore } from './postgres-store.js';
import {
  describeWithPostgres,
  postgresTestUrl,
  probePostgres,
  useTemporarySchemas,
} from '../test-support/postgres-test-database.js';

const probe = await probePostgres();

describeWithPostgres(probe, 'PostgreSQL store', () => {
  const schemas = useTemporarySchemas();

  describeStoreContract('PostgreSQL', async () => {
    const schema = schemas.next();
    return {
      store: await openPostgresStore({ url: postgresTestUrl, schema, poolSize: 4 }),
      openAnother: () => openPostgresStore({ url: postgresTestUrl, schema, poolSize: 2 }),
    };
  });

  it('migrates once when several nodes start at the same time on a fresh schema', async () => {
    const schema = schemas.next();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () =>
        openPostgresStore({ url: postgresTestUrl, schema, poolSize: 2, listen: false }),
      ),
    );
    try {
      for (const store of stores) {
        expect(await store.appliedMigrations()).toEqual(migrations.map((m) => m.version));
      }
      const client = new pg.Client({ connectionString: postgresTestUrl });
      await client.connect();
      try {
        const result = await client.query<{ n: string }>(
          'SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = $1',
          [schema],
        );
        // Every table of the initial schema plus schema_migrations, each created once.
        expect(Number(result.rows[0]?.n)).toBe(12);
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('refuses a store migrated by a newer version (TSG508)', async () => {
    const schema = schemas.next();
    const store = await openPostgresStore({ url: postgresTestUrl, schema, listen: false });
    const client = new pg.Client({ connectionString: postgresTestUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "${schema}".schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)`,
      );
    } finally {
      await client.end();
      await store.close();
    }
    await expect(
      openPostgresStore({ url: postgresTestUrl, schema, listen: false }),
    ).rejects.toMatchObject({ code: 'TSG508', message: expect.stringContaining('999') as string });
  });

  it("delivers each node's change events to the other nodes once they commit", async () => {
    const schema = schemas.next();
    const first = await openPostgresStore({ url: postgresTestUrl, schema });
    const second = await openPostgresStore({ url: postgresTestUrl, schema });
    const seenByFirst: ChangeEvent[] = [];
    const seenBySecond: ChangeEvent[] = [];
    first.onChange((event) => seenByFirst.push(event));
    second.onChange((event) => seenBySecond.push(event));
    try {
      await first.publishChange({ kind: 'permission', id: 'user-1' });
      await second.transaction(async (scope) => {
        scope.publishChange({ kind: 'connection', id: 'connection-1' });
        await scope.settings.put({ name: 'x', value: '1', updatedAt: 0, updatedBy: null });
      });
      await expect(
        second.transaction((scope) => {
          scope.publishChange({ kind: 'user', id: 'rolled-back' });
          return Promise.reject(new Error('no'));
        }),
      ).rejects.toThrow('no');
      await waitFor(() => seenByFirst.length >= 2 && seenBySecond.length >= 2);
      expect(seenByFirst).toEqual([
        { kind: 'permission', id: 'user-1' },
        { kind: 'connection', id: 'connection-1' },
      ]);
      expect(seenBySecond).toEqual([
        { kind: 'permission', id: 'user-1' },
        { kind: 'connection', id: 'connection-1' },
      ]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('is chosen by a postgres:// store URL with ?schema=', async () => {
    const schema = schemas.next();
    const url = new URL(postgresTestUrl);
    url.searchParams.set('schema', schema);
    const store = (await openStore({
      url: url.toString(),
      dataDirectory: '/nonexistent',
    })) as PostgresStore;
    try {
      expect(store.kind).toBe('postgres');
      await store.ping();
    } finally {
      await store.close();
    }
  });
});

it('reports an unreachable server as TSG503 without its password', async () => {
  await expect(
    openPostgresStore({ url: 'postgres://someone:hunter2@127.0.0.1:1/none', listen: false }),
  ).rejects.toSatisfy((error: unknown) => {
    const message = error instanceof Error ? error.message : '';
    return (
      (error as { code?: string }).code === 'TSG503' &&
      message.includes('127.0.0.1:1') &&
      !message.includes('hunter2')
    );
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for change events');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Test support for suites that need the real PostgreSQL server: where it is
 * (TSUNAGI_TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test), a random
 * schema per store so that parallel runs never collide, and dropping those schemas at
 * the end. An unreachable server fails the suite; only TSUNAGI_SKIP_POSTGRES=1 (and never
 * under TSUNAGI_CI) turns that into a skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { describePostgresUrl, quoteIdentifier } from '../postgres/postgres-store.js';

export const postgresTestUrl =
  process.env.TSUNAGI_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type PostgresProbe =
  { readonly reachable: true } | { readonly reachable: false; readonly problem: string };

/** Tries to connect once (top-level await in the test file, before describing). */
export async function probePostgres(): Promise<PostgresProbe> {
  const client = new pg.Client({
    connectionString: postgresTestUrl,
    connectionTimeoutMillis: 5000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { reachable: true };
  } catch (error) {
    return { reachable: false, problem: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function randomSchemaName(): string {
  return `tsunagi_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchemas(schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: postgresTestUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (const schema of schemas) {
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    }
  } finally {
    await client.end();
  }
}

/** Schemas created by a test file; dropped after all its tests. */
export function useTemporarySchemas(): { next(): string } {
  const created: string[] = [];
  afterAll(async () => {
    await dropSchemas(created);
  });
  return {
    next() {
      const schema = randomSchemaName();
      created.push(schema);
      return schema;
    },
  };
}

/**
 * Describes `body` when PostgreSQL is reachable; otherwise a failing test that says why
 * (or a skipped one when TSUNAGI_SKIP_POSTGRES=1 outside CI).
 */
export function describeWithPostgres(probe: PostgresProbe, name: string, body: () => void): void {
  if (probe.reachable) {
    describe(name, body);
    return;
  }
  const skipAllowed =
    process.env.TSUNAGI_SKIP_POSTGRES === '1' && process.env.TSUNAGI_CI === undefined;
  if (skipAllowed) {
    describe.skip(name, body);
    return;
  }
  describe(name, () => {
    it('needs a reachable PostgreSQL server', () => {
      throw new Error(
        `${describePostgresUrl(postgresTestUrl)} is unreachable (${probe.problem}). Start it, set TSUNAGI_TEST_POSTGRES_URL, or (outside CI) set TSUNAGI_SKIP_POSTGRES=1 to skip these tests.`,
      );
    });
  });
}

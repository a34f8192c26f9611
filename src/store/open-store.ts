/**
 * Chooses and opens the store from configuration: a `postgres://` (or `postgresql://`)
 * URL selects PostgreSQL (`?schema=name` picks the schema); anything else is the embedded
 * SQLite file `tsunagi.db` in the data directory (or the `sqlite:` path given).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** TSUNAGI_STORE_URL: `postgres://...`, `sqlite:/path/file.db`, or undefined. */
  readonly url?: string;
  readonly dataDirectory: string;
}

export const defaultSqliteFileName = 'tsunagi.db';

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const url = options.url?.trim();
  if (url !== undefined && /^postgres(ql)?:\/\//i.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    return openPostgresStore({
      url: parsed.toString(),
      ...(schema === undefined ? {} : { schema }),
    });
  }
  if (url !== undefined && url.startsWith('sqlite:')) {
    return openSqliteStore({ file: url.slice('sqlite:'.length) });
  }
  mkdirSync(options.dataDirectory, { recursive: true, mode: 0o700 });
  return openSqliteStore({ file: join(options.dataDirectory, defaultSqliteFileName) });
}

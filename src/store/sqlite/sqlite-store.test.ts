import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../test-support/store-contract.js';
import { openSqliteStore } from './sqlite-store.js';
import { openStore } from '../open-store.js';

const directory = mkdtempSync(join(tmpdir(), 'tsunagi-sqlite-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});
let counter = 0;

describeStoreContract('SQLite', async () => {
  counter += 1;
  const file = join(directory, `store-${counter}.db`);
  return { store: await openSqliteStore({ file }), openAnother: () => openSqliteStore({ file }) };
});

describe('SQLite store', () => {
  it('creates tsunagi.db in the data directory, readable by the owner only, in WAL mode', async () => {
    const dataDirectory = join(directory, 'data');
    const store = await openStore({ dataDirectory });
    try {
      expect(store.kind).toBe('sqlite');
      const file = join(dataDirectory, 'tsunagi.db');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const journal = (await import('better-sqlite3')).default;
      const raw = new journal(file, { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      raw.close();
    } finally {
      await store.close();
    }
  });
});

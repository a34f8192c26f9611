import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeSecretKey, generateSecretKey } from './secret-box.js';
import { loadSecretKey, writeSecretKeyFile } from './secret-key-source.js';

const directories: string[] = [];
function directory(): string {
  const created = mkdtempSync(join(tmpdir(), 'tsunagi-key-'));
  directories.push(created);
  return created;
}
afterEach(() => {
  for (const created of directories.splice(0)) rmSync(created, { recursive: true, force: true });
});

describe('secret key source', () => {
  it('prefers TSUNAGI_SECRET_KEY', () => {
    const key = generateSecretKey();
    const loaded = loadSecretKey({
      environmentValue: encodeSecretKey(key),
      dataDirectory: directory(),
    });
    expect(loaded.source).toBe('environment');
    expect(loaded.key.id).toBe(key.id);
  });

  it('refuses a malformed TSUNAGI_SECRET_KEY without echoing it', () => {
    expect(() =>
      loadSecretKey({ environmentValue: 'c2hvcnQ=', dataDirectory: directory() }),
    ).toThrow(
      expect.objectContaining({
        code: 'TSG505',
        message: expect.not.stringContaining('c2hvcnQ') as string,
      }) as Error,
    );
  });

  it('creates the key file with mode 0600 on first start and reads it afterwards', () => {
    const dataDirectory = directory();
    const first = loadSecretKey({ dataDirectory });
    expect(first).toMatchObject({ source: 'file', created: true });
    const file = join(dataDirectory, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadSecretKey({ dataDirectory, environmentValue: '' });
    expect(second).toMatchObject({ source: 'file', created: false });
    expect(second.key.id).toBe(first.key.id);
  });

  it('refuses a key file that other users can read', () => {
    const dataDirectory = directory();
    const file = join(dataDirectory, 'secret.key');
    writeFileSync(file, encodeSecretKey(generateSecretKey()));
    chmodSync(file, 0o644);
    expect(() => loadSecretKey({ dataDirectory })).toThrow(
      expect.objectContaining({ code: 'TSG505' }) as Error,
    );
  });

  it('replaces the key file after a rotation, keeping mode 0600', () => {
    const dataDirectory = directory();
    const file = loadSecretKey({ dataDirectory }).file ?? '';
    const next = generateSecretKey();
    writeSecretKeyFile(file, next);
    expect(readFileSync(file, 'utf8').trim()).toBe(encodeSecretKey(next));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecretKey({ dataDirectory }).key.id).toBe(next.id);
  });
});

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from './connector-registry.js';
import { testPasswordHashing } from './password-hasher.js';
import { encodeSecretKey, generateSecretKey } from './secret-box.js';
import { startControlPlane } from './start-control-plane.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

describe('starting the control plane from configuration', () => {
  it('creates the store and the key file on first start, reuses them, and refuses another key', async () => {
    const dataDirectory = join(mkdtempSync(join(tmpdir(), 'tsunagi-start-')), 'data');
    directories.push(dataDirectory);
    const connectors = new ConnectorRegistry();
    const first = await startControlPlane({
      dataDirectory,
      connectors,
      passwordHashing: testPasswordHashing,
    });
    expect(first.secretKey).toMatchObject({ source: 'file', created: true });
    expect(first.store.kind).toBe('sqlite');
    await first.controlPlane.users.initialize({
      email: 'admin@example.com',
      password: 'correct horse battery staple',
    });
    await first.close();
    expect(statSync(join(dataDirectory, 'secret.key')).mode & 0o777).toBe(0o600);

    const second = await startControlPlane({
      dataDirectory,
      connectors,
      passwordHashing: testPasswordHashing,
    });
    expect(second.secretKey).toMatchObject({ source: 'file', created: false });
    expect(await second.controlPlane.users.isInitialized()).toBe(true);
    await second.close();

    const wrong = generateSecretKey();
    await expect(
      startControlPlane({ dataDirectory, connectors, secretKey: encodeSecretKey(wrong) }),
    ).rejects.toMatchObject({
      code: 'TSG504',
      message: expect.stringContaining(`key id ${wrong.id}`) as string,
    });
  });
});

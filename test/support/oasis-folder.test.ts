import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findOasisFolder } from './oasis-folder.js';

describe('findOasisFolder', () => {
  const saved = process.env.TSUNAGI_ODATA_ABNF_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.TSUNAGI_ODATA_ABNF_DIR;
    else process.env.TSUNAGI_ODATA_ABNF_DIR = saved;
  });

  it('prefers the folder named by TSUNAGI_ODATA_ABNF_DIR', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tsunagi-oasis-'));
    try {
      process.env.TSUNAGI_ODATA_ABNF_DIR = folder;
      expect(findOasisFolder()).toBe(folder);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('falls back to the shared folders when the variable names nothing that exists', () => {
    process.env.TSUNAGI_ODATA_ABNF_DIR = join(tmpdir(), 'tsunagi-no-such-folder');
    const found = findOasisFolder();
    expect(found).not.toBe(process.env.TSUNAGI_ODATA_ABNF_DIR);
    if (found !== undefined) expect(found).toMatch(/shared[\\/]oasis-odata$/);
  });
});

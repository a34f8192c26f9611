// The emulator is a product of its own: no module of it may import from the gateway.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const emulatorRoot = dirname(fileURLToPath(import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

it('imports only its own modules and packages', () => {
  const escapes: string[] = [];
  for (const file of sourceFiles(emulatorRoot)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), match[1] ?? '');
      if (!target.startsWith(emulatorRoot)) escapes.push(`${file}: ${match[1]}`);
    }
  }
  expect(escapes).toEqual([]);
});

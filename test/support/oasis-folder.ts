/**
 * Finds the folder of OASIS OData reference files (ABNF test cases, CSDL schemas and
 * examples) that conformance tests read; they are not part of the repository. Looked for,
 * in order: the directory named by TSUNAGI_ODATA_ABNF_DIR, `../shared/oasis-odata` next to
 * the repository, `/work/shared/oasis-odata`. Undefined when none exists: tests that need
 * the files then skip, saying why.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function findOasisFolder(): string | undefined {
  const fromEnvironment = process.env.TSUNAGI_ODATA_ABNF_DIR;
  const candidates = [
    ...(fromEnvironment === undefined || fromEnvironment === '' ? [] : [resolve(fromEnvironment)]),
    resolve(repositoryRoot, '../shared/oasis-odata'),
    '/work/shared/oasis-odata',
  ];
  return candidates.find(isDirectory);
}

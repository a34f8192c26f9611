/**
 * Builds the web console (`vite build console`) when `console/dist` is missing or older
 * than any of its sources, so that `npm test` needs no separate build step. A build takes
 * about a second.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const consoleDist = join(repositoryRoot, 'console', 'dist');

function newestChange(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

export async function ensureConsoleBuilt(): Promise<void> {
  const consoleRoot = join(repositoryRoot, 'console');
  const built = join(consoleDist, 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts']
    .map((name) => join(consoleRoot, name))
    .filter((path) => existsSync(path));
  const newestSource = Math.max(...sources.map(newestChange));
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource) return;
  const vite = join(repositoryRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  await run(process.execPath, [vite, 'build', 'console', '--logLevel', 'warn'], {
    cwd: repositoryRoot,
    timeout: 120_000,
  });
}

/**
 * Generates an SAP Cloud SDK OData v4 client (`@sap-cloud-sdk/generator`) from a live
 * gateway's `$metadata`, into a temporary folder under the git-ignored `.tsunagi/` of the
 * repository (the generated TypeScript imports `@sap-cloud-sdk/odata-v4` from the
 * repository's node_modules, and vitest compiles it on import).
 *
 * The metadata is fetched with `OData-MaxVersion: 4.0`: the generator reads only
 * `Version="4.0"` documents as OData v4 (it takes anything else, 4.01 included, for v2).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from '@sap-cloud-sdk/generator';

const repositoryRoot = resolve(import.meta.dirname, '..', '..');

export interface GeneratedSapClient {
  /** The generated service module (`index.ts`), to import. */
  readonly modulePath: string;
  /** The files the generator wrote, relative to the service folder. */
  readonly files: readonly string[];
  remove(): void;
}

export async function generateSapClient(
  serviceUrl: string,
  authorization: string,
): Promise<GeneratedSapClient> {
  const response = await fetch(`${serviceUrl}/$metadata`, {
    headers: { Authorization: authorization, 'OData-MaxVersion': '4.0', Accept: 'application/xml' },
  });
  const metadata = await response.text();
  if (response.status !== 200 || !metadata.includes('Version="4.0"'))
    throw new Error(`$metadata for the generator: ${response.status} ${metadata.slice(0, 200)}`);

  const parent = join(repositoryRoot, '.tsunagi', 'test-clients');
  mkdirSync(parent, { recursive: true });
  const directory = mkdtempSync(join(parent, 'sap-cloud-sdk-'));
  const input = join(directory, 'metadata');
  mkdirSync(input);
  writeFileSync(join(input, 'tsunagi.edmx'), metadata);
  const output = join(directory, 'generated');
  await generate({
    input,
    outputDir: output,
    skipValidation: true,
    generateESM: true,
    overwrite: true,
    transpile: false,
    packageJson: false,
    readme: false,
    verbose: false,
  });
  const files = readdirSync(join(output, 'tsunagi')).sort();
  return {
    modulePath: join(output, 'tsunagi', 'index.ts'),
    files,
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}

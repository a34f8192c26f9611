/**
 * Validates CSDL documents against the OASIS schemas in the reference folder (see
 * oasis-folder.ts): CSDL XML with `xmllint --schema edmx.xsd` (Debian package
 * libxml2-utils), CSDL JSON with Ajv against csdl.schema.json.
 *
 * edmx.xsd imports edm.xsd by namespace. To be sure the import resolves to the edm.xsd
 * next to it (and never to the network), the validator uses a copy of edmx.xsd in a
 * temporary directory whose import points at that file by absolute path; xmllint runs
 * with --nonet.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

export interface SchemaValidationResult {
  readonly valid: boolean;
  /** The validator's messages, for assertion failures. */
  readonly errors: string;
}

/** Whether xmllint can be run on this machine. */
export function hasXmllint(): boolean {
  const result = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return result.error === undefined && result.status === 0;
}

export class CsdlSchemaValidators {
  private readonly temporaryDirectory: string;
  private readonly edmxSchemaPath: string;
  private readonly validateJson: ValidateFunction;

  constructor(oasisFolder: string) {
    this.temporaryDirectory = mkdtempSync(join(tmpdir(), 'tsunagi-csdl-'));
    const edmSchemaUrl = pathToFileURL(join(oasisFolder, 'edm.xsd')).href;
    const edmxSchema = readFileSync(join(oasisFolder, 'edmx.xsd'), 'utf8');
    const importPattern =
      /(<xs:import\s+namespace="http:\/\/docs\.oasis-open\.org\/odata\/ns\/edm"\s+schemaLocation=")[^"]*(")/;
    if (!importPattern.test(edmxSchema)) {
      throw new Error(`edmx.xsd in ${oasisFolder} does not import edm.xsd as expected`);
    }
    this.edmxSchemaPath = join(this.temporaryDirectory, 'edmx.xsd');
    writeFileSync(this.edmxSchemaPath, edmxSchema.replace(importPattern, `$1${edmSchemaUrl}$2`));

    const jsonSchema = JSON.parse(
      readFileSync(join(oasisFolder, 'csdl.schema.json'), 'utf8'),
    ) as Record<string, unknown>;
    this.validateJson = new Ajv({ strict: false, allErrors: true }).compile(jsonSchema);
  }

  validateXml(document: string): SchemaValidationResult {
    const result = spawnSync(
      'xmllint',
      ['--noout', '--nonet', '--schema', this.edmxSchemaPath, '-'],
      { input: document, encoding: 'utf8' },
    );
    if (result.error !== undefined) throw result.error;
    return { valid: result.status === 0, errors: result.stderr };
  }

  validateJsonText(document: string): SchemaValidationResult {
    const valid = this.validateJson(JSON.parse(document));
    return { valid, errors: JSON.stringify(this.validateJson.errors ?? [], null, 2) };
  }

  dispose(): void {
    rmSync(this.temporaryDirectory, { recursive: true, force: true });
  }
}

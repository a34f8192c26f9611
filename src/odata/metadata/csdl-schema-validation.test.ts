// Checks the generated $metadata documents against the OASIS schemas themselves: CSDL XML
// against edmx.xsd/edm.xsd (xmllint), CSDL JSON against csdl.schema.json (Ajv). The OASIS
// examples and deliberately broken documents come first, to prove the checks can fail.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsdlSchemaValidators, hasXmllint } from '../../../test/support/csdl-schema-validators.js';
import { findOasisFolder } from '../../../test/support/oasis-folder.js';
import type { ServiceModel } from '../edm/service-model.js';
import {
  capabilities,
  entitySet,
  entityType,
  property,
  richMetadataModel,
  serviceModel,
  tinyMetadataModel,
} from '../test-support/metadata-test-model.js';
import type { ODataVersion } from './metadata-options.js';
import { renderCsdlJson } from './render-csdl-json.js';
import { renderCsdlXml } from './render-csdl-xml.js';

const oasisFolder = findOasisFolder();
const xmllintAvailable = hasXmllint();
const inContinuousIntegration = process.env.TSUNAGI_CI === '1';

if (oasisFolder === undefined) {
  console.warn(
    'Skipping CSDL schema validation: the OASIS OData folder was not found (set TSUNAGI_ODATA_ABNF_DIR, or put it at ../shared/oasis-odata).',
  );
} else if (!xmllintAvailable && !inContinuousIntegration) {
  console.warn(
    'Skipping CSDL XML schema validation: xmllint is not installed (Debian package libxml2-utils).',
  );
}

const validators = oasisFolder === undefined ? undefined : new CsdlSchemaValidators(oasisFolder);
afterAll(() => validators?.dispose());

/** An OASIS example document ('' when the folder is missing: those tests are skipped). */
function oasisExample(name: string): string {
  return oasisFolder === undefined ? '' : readFileSync(join(oasisFolder, name), 'utf8');
}

/** The generated documents to check: every model shape, in both versions. */
function generatedCases(): [string, ODataVersion, ServiceModel][] {
  const readOnly = serviceModel(
    [
      entitySet(
        'Logs',
        entityType({
          name: 'Log',
          key: ['At', 'Sequence'],
          properties: [
            property('At', 'Edm.DateTimeOffset', { nullable: false, precision: 7 }),
            property('Sequence', 'Edm.Int64', { nullable: false }),
            property('Payload', 'Edm.Binary', { maxLength: 4096 }),
            property('Elapsed', 'Edm.Duration'),
            property('Time', 'Edm.TimeOfDay', { precision: 0 }),
            property('Level', 'Edm.Byte', { defaultValue: 3 }),
          ],
        }),
        {
          capabilities: capabilities({
            insertable: false,
            updatable: false,
            deletable: false,
            topSupported: false,
          }),
        },
      ),
    ],
    'Org.Example.Logs',
    'Logging',
  );
  const cases: [string, ServiceModel][] = [
    ['tiny', tinyMetadataModel()],
    ['rich', richMetadataModel()],
    ['read-only, Minimal conformance', readOnly],
    ['empty', serviceModel([])],
  ];
  return cases.flatMap(([name, model]) => [
    [name, '4.0', model],
    [name, '4.01', model],
  ]);
}

describe.runIf(validators !== undefined && (xmllintAvailable || inContinuousIntegration))(
  'CSDL XML against edmx.xsd',
  () => {
    it('has xmllint (CI installs libxml2-utils)', () => {
      expect(xmllintAvailable).toBe(true);
    });

    it('accepts the OASIS example csdl-16.1.xml', () => {
      const result = validators?.validateXml(oasisExample('csdl-16.1.xml'));
      expect(result?.errors).toBe('- validates\n');
      expect(result?.valid).toBe(true);
    });

    const rich = renderCsdlXml(richMetadataModel(), { version: '4.0' });
    const tiny = renderCsdlXml(tinyMetadataModel(), { version: '4.0' });
    it.each([
      ['an unknown element', oasisExample('csdl-16.1.xml').replace('<Key>', '<Bogus/><Key>')],
      ['no Version', oasisExample('csdl-16.1.xml').replace(' Version="4.0"', '')],
      ['version 4.02', rich.replace('Version="4.0"', 'Version="4.02"')],
      ['a non-boolean Nullable', rich.replace('Nullable="false"', 'Nullable="no"')],
      ['a negative MaxLength', rich.replace('MaxLength="100"', 'MaxLength="-1"')],
      [
        'an empty entity container',
        tiny.slice(0, tiny.indexOf('        <EntitySet')) +
          tiny.slice(tiny.indexOf('      </EntityContainer>')),
      ],
      ['a name that is not an identifier', rich.replace('Name="Customers"', 'Name="My Customers"')],
      ['a document that is not well-formed', rich.replace('</Schema>', '')],
    ])('rejects a document with %s', (_case, document) => {
      expect([rich, tiny, oasisExample('csdl-16.1.xml')]).not.toContain(document);
      expect(validators?.validateXml(document).valid).toBe(false);
    });

    it.each(generatedCases())('accepts the %s model as %s', (_name, version, model) => {
      const result = validators?.validateXml(renderCsdlXml(model, { version }));
      expect(result?.errors).toBe('- validates\n');
      expect(result?.valid).toBe(true);
    });
  },
);

describe.runIf(validators !== undefined)('CSDL JSON against csdl.schema.json', () => {
  it('accepts the OASIS example csdl-16.1.json', () => {
    const result = validators?.validateJsonText(oasisExample('csdl-16.1.json'));
    expect(result?.errors).toBe('[]');
    expect(result?.valid).toBe(true);
  });

  const rich = renderCsdlJson(richMetadataModel(), { version: '4.01' });
  it.each([
    [
      'a key that is not a list',
      oasisExample('csdl-16.1.json').replace(/"\$Key": \[\s*"ID"\s*\]/, '"$Key": "ID"'),
    ],
    ['version 4.02', rich.replace('"$Version":"4.01"', '"$Version":"4.02"')],
    ['an unknown member', rich.replace('"$MaxLength":100', '"$MaxLength":100,"$Bogus":1')],
    ['a text MaxLength', rich.replace('"$MaxLength":100', '"$MaxLength":"100"')],
    [
      'an entity set without $Type',
      rich.replace('"$Collection":true,"$Type":"Tsunagi.Customer",', '"$Collection":true,'),
    ],
  ])('rejects a document with %s', (_case, document) => {
    expect([rich, oasisExample('csdl-16.1.json')]).not.toContain(document);
    expect(validators?.validateJsonText(document).valid).toBe(false);
  });

  it.each(generatedCases())('accepts the %s model as %s', (_name, version, model) => {
    const result = validators?.validateJsonText(renderCsdlJson(model, { version }));
    expect(result?.errors).toBe('[]');
    expect(result?.valid).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import {
  negotiateJson,
  negotiateMetadataFormat,
  negotiateRaw,
  negotiateVersion,
} from './content-negotiation.js';
import { parsePrefer } from './prefer-header.js';

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof TsunagiError ? `${error.code}/${error.status}` : 'other';
  }
}

describe('version negotiation', () => {
  it.each([
    [undefined, undefined, '4.01'],
    ['4.0', undefined, '4.0'],
    ['4.01', undefined, '4.01'],
    ['4.02', undefined, '4.01'],
    ['5.0', '4.0', '4.01'],
  ] as const)('OData-MaxVersion %s, OData-Version %s → %s', (maxVersion, version, expected) => {
    expect(negotiateVersion({ maxVersion, version })).toBe(expected);
  });

  it.each([
    ['3.0', undefined],
    ['x', undefined],
    [undefined, '3.0'],
    [undefined, '4.02'],
  ] as const)('refuses OData-MaxVersion %s / OData-Version %s with 400', (maxVersion, version) => {
    expect(errorCode(() => negotiateVersion({ maxVersion, version }))).toBe('TSG121/400');
  });
});

describe('JSON negotiation', () => {
  it.each([
    [undefined, undefined, 'minimal', false],
    ['*/*', undefined, 'minimal', false],
    ['application/json', undefined, 'minimal', false],
    ['application/json;odata.metadata=full', undefined, 'full', false],
    ['application/json;odata.metadata=none;IEEE754Compatible=true', undefined, 'none', true],
    ['application/json;metadata=full', undefined, 'full', false],
    ['application/xml;q=0.9, application/json;q=0.8', undefined, 'minimal', false],
    ['application/atom+xml', 'json', 'minimal', false],
    [undefined, 'application/json;odata.metadata=full', 'full', false],
    [
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      undefined,
      'minimal',
      false,
    ],
  ] as const)('Accept %s, $format %s → %s', (accept, format, metadata, ieee) => {
    expect(negotiateJson(accept, format)).toEqual({ metadata, ieee754Compatible: ieee });
  });

  it.each([
    ['application/atom+xml', undefined],
    ['application/xml', undefined],
    ['text/csv', undefined],
    [undefined, 'atom'],
    [undefined, 'xml'],
    ['application/json;odata.metadata=lots', undefined],
  ] as const)('answers 406 for Accept %s / $format %s', (accept, format) => {
    expect(errorCode(() => negotiateJson(accept, format))).toBe('TSG120/406');
  });
});

describe('$metadata negotiation', () => {
  it.each([
    [undefined, undefined, 'xml'],
    ['application/xml', undefined, 'xml'],
    ['application/json', undefined, 'json'],
    ['*/*', undefined, 'xml'],
    ['application/json', 'xml', 'xml'],
    [undefined, 'json', 'json'],
    ['text/html,application/xml;q=0.9,*/*;q=0.8', undefined, 'xml'],
  ] as const)('Accept %s, $format %s → %s', (accept, format, expected) => {
    expect(negotiateMetadataFormat(accept, format)).toBe(expected);
  });

  it('answers 406 for a format $metadata does not have', () => {
    expect(errorCode(() => negotiateMetadataFormat('text/csv', undefined))).toBe('TSG120/406');
    expect(errorCode(() => negotiateMetadataFormat(undefined, 'atom'))).toBe('TSG120/406');
  });

  it('checks raw values against Accept', () => {
    expect(errorCode(() => negotiateRaw('text/plain', 'text/plain'))).toBeUndefined();
    expect(errorCode(() => negotiateRaw('application/json', 'text/plain'))).toBe('TSG120/406');
  });
});

describe('Prefer header', () => {
  it('reads the preferences OData uses and ignores the rest', () => {
    expect(parsePrefer('odata.maxpagesize=50, return=minimal, foo=bar')).toEqual({
      maxPageSize: 50,
      return: 'minimal',
      continueOnError: false,
      includeAnnotations: undefined,
    });
    expect(
      parsePrefer(['maxpagesize=10', 'odata.continue-on-error', 'odata.include-annotations="*"']),
    ).toEqual({
      maxPageSize: 10,
      return: undefined,
      continueOnError: true,
      includeAnnotations: '*',
    });
    expect(parsePrefer('odata.maxpagesize=0').maxPageSize).toBeUndefined();
    expect(parsePrefer(undefined).maxPageSize).toBeUndefined();
  });
});

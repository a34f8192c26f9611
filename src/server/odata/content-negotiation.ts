/**
 * Content and version negotiation for OData requests: which OData version the response
 * speaks (OData-MaxVersion / OData-Version), and which representation it takes from the
 * Accept header or the $format option (which wins over Accept). Answers 406 (TSG120) when
 * no acceptable representation exists and 400 (TSG121) for an unsupported version.
 */
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { MetadataLevel, ODataVersion } from '../../odata/serialize/representation.js';
import { parseAccept, parseMediaType, rangeMatches, type MediaRange } from './media-type.js';

export interface VersionHeaders {
  readonly maxVersion: string | undefined;
  readonly version: string | undefined;
}

function parseVersion(text: string): number | undefined {
  const match = /^\s*(\d+)\.(\d+)\s*$/.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * 100 + Number(match[2]);
}

/** The version of the response: the highest supported one not above OData-MaxVersion. */
export function negotiateVersion(headers: VersionHeaders): ODataVersion {
  if (headers.version !== undefined) {
    const version = parseVersion(headers.version);
    if (version !== 400 && version !== 401) {
      throw new TsunagiError(
        'TSG121',
        `OData-Version ${headers.version} is not supported; this service speaks 4.0 and 4.01.`,
        { target: 'OData-Version' },
      );
    }
  }
  if (headers.maxVersion === undefined) return '4.01';
  const maxVersion = parseVersion(headers.maxVersion);
  if (maxVersion === undefined || maxVersion < 400) {
    throw new TsunagiError(
      'TSG121',
      `OData-MaxVersion ${headers.maxVersion} is below 4.0; this service speaks 4.0 and 4.01.`,
      { target: 'OData-MaxVersion' },
    );
  }
  return maxVersion >= 401 ? '4.01' : '4.0';
}

export interface JsonFormat {
  readonly metadata: MetadataLevel;
  readonly ieee754Compatible: boolean;
}

function notAcceptable(what: string, offered: string): TsunagiError {
  return new TsunagiError(
    'TSG120',
    `${what} cannot be served as ${offered}. This resource is available as ${'application/json'}.`,
    {
      target: 'Accept',
    },
  );
}

function jsonFormatFrom(range: MediaRange, target: string): JsonFormat {
  const metadataText =
    range.parameters.get('odata.metadata') ?? range.parameters.get('metadata') ?? 'minimal';
  const metadata = metadataText.toLowerCase();
  if (metadata !== 'minimal' && metadata !== 'full' && metadata !== 'none') {
    throw new TsunagiError(
      'TSG120',
      `odata.metadata=${metadataText} is not a metadata level (minimal, full, none).`,
      {
        target,
      },
    );
  }
  const ieee = (range.parameters.get('ieee754compatible') ?? 'false').toLowerCase();
  return { metadata, ieee754Compatible: ieee === 'true' };
}

function formatOptionRange(format: string): MediaRange | undefined {
  const lower = format.trim().toLowerCase();
  if (lower === 'json') return parseMediaType('application/json');
  if (lower === 'xml') return parseMediaType('application/xml');
  if (lower === 'atom') return parseMediaType('application/atom+xml');
  return parseMediaType(format);
}

/** The JSON format of a data response (entities, collections, service document). */
export function negotiateJson(accept: string | undefined, format: string | undefined): JsonFormat {
  if (format !== undefined) {
    const range = formatOptionRange(format);
    if (range === undefined || !rangeMatches(range, 'application', 'json')) {
      throw new TsunagiError(
        'TSG120',
        `$format=${format} is not supported here; use $format=json.`,
        {
          target: '$format',
        },
      );
    }
    return jsonFormatFrom(range, '$format');
  }
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return { metadata: 'minimal', ieee754Compatible: false };
  for (const range of ranges) {
    if (rangeMatches(range, 'application', 'json')) return jsonFormatFrom(range, 'Accept');
  }
  throw notAcceptable('Data', accept ?? '');
}

/** The representation of $metadata: CSDL XML (the default) or CSDL JSON. */
export function negotiateMetadataFormat(
  accept: string | undefined,
  format: string | undefined,
): 'xml' | 'json' {
  if (format !== undefined) {
    const range = formatOptionRange(format);
    if (range !== undefined && rangeMatches(range, 'application', 'xml')) return 'xml';
    if (range !== undefined && rangeMatches(range, 'application', 'json')) return 'json';
    throw new TsunagiError(
      'TSG120',
      `$format=${format} is not supported for $metadata; use xml or json.`,
      {
        target: '$format',
      },
    );
  }
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return 'xml';
  for (const range of ranges) {
    if (range.type === '*' || (range.type === 'application' && range.subtype === '*')) return 'xml';
    if (rangeMatches(range, 'application', 'xml') || rangeMatches(range, 'text', 'xml'))
      return 'xml';
    if (rangeMatches(range, 'application', 'json')) return 'json';
  }
  throw new TsunagiError(
    'TSG120',
    `$metadata cannot be served as ${accept ?? ''}; it is available as application/xml and application/json.`,
    {
      target: 'Accept',
    },
  );
}

/** For raw values ($value, $count): text/plain (or octet-stream for binary) must be acceptable. */
export function negotiateRaw(accept: string | undefined, contentType: string): void {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return;
  const [type = '', subtype = ''] = contentType.split(';')[0]?.split('/') ?? [];
  if (ranges.some((range) => rangeMatches(range, type, subtype))) return;
  throw new TsunagiError(
    'TSG120',
    `This value is served as ${contentType}, which the Accept header excludes.`,
    {
      target: 'Accept',
    },
  );
}

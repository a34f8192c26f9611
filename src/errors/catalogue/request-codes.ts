/**
 * TSG1xx: errors of the request stage. The URL, the query options, the headers or the
 * body framing cannot be understood, or a configured limit is exceeded. Nothing has
 * touched the catalog or a source yet.
 */
import { defineCodes } from './catalogue-entry.js';

export const requestCodes = defineCodes({
  TSG100: {
    status: 400,
    title: 'Malformed request URL',
    description:
      'The resource path or the query string is not valid OData syntax. The message says where parsing stopped.',
  },
  TSG101: {
    status: 400,
    title: 'Invalid $filter expression',
    description:
      'The $filter option is not a valid expression. The message gives the offset at which parsing failed.',
  },
  TSG102: {
    status: 400,
    title: 'Invalid query option',
    description:
      'A system query option has a value of the wrong form (for example $top=-1 or $count=maybe), appears twice, or is unknown.',
  },
  TSG103: {
    status: 400,
    title: 'Invalid literal',
    description:
      'A literal value (date, GUID, number, duration, binary ...) is not in the form the OData ABNF requires.',
  },
  TSG104: {
    status: 400,
    title: 'Invalid $search expression',
    description:
      'The $search option is not a valid search expression (unbalanced quotes or parentheses, dangling operator).',
  },
  TSG105: {
    status: 400,
    title: 'Invalid $skiptoken',
    description:
      'The $skiptoken was not issued by this service, was altered, or belongs to another query. Follow @odata.nextLink exactly as returned.',
  },
  TSG106: {
    status: 400,
    title: 'Unresolved parameter alias',
    description:
      'An expression refers to a parameter alias (@name) that the query string does not define.',
  },
  TSG110: {
    status: 414,
    title: 'Request URL too long',
    description: 'The request URL exceeds the configured maximum length (limits.maxUrlLength).',
  },
  TSG111: {
    status: 400,
    title: 'Expression too complex',
    description:
      'An expression nests deeper or has more nodes than the configured limits (limits.maxExpressionDepth, limits.maxExpressionNodes).',
  },
  TSG112: {
    status: 400,
    title: '$top too large',
    description: 'The requested $top exceeds the configured ceiling (limits.maxTop).',
  },
  TSG113: {
    status: 400,
    title: 'Too many $expand levels',
    description:
      'The $expand option nests deeper than the configured limit (limits.maxExpandDepth).',
  },
  TSG114: {
    status: 400,
    title: 'Too many $search terms',
    description:
      'The $search option has more terms than the configured limit (limits.maxSearchTerms).',
  },
  TSG115: {
    status: 413,
    title: 'Request body too large',
    description: 'The request body exceeds the configured maximum size (limits.maxBodyBytes).',
  },
  TSG120: {
    status: 406,
    title: 'Not acceptable',
    description:
      'Neither the Accept header nor $format names a representation this resource can be served in (JSON for data, XML or JSON for $metadata).',
  },
  TSG121: {
    status: 400,
    title: 'Unsupported OData version',
    description:
      'OData-MaxVersion is below 4.0, or OData-Version names a version this service does not speak (4.0 and 4.01 are supported).',
  },
  TSG122: {
    status: 405,
    title: 'Method not allowed',
    description: 'The HTTP method cannot be applied to the addressed resource.',
  },
  TSG123: {
    status: 415,
    title: 'Unsupported media type',
    description:
      'The request body is not in a media type the resource accepts (application/json for entities).',
  },
  TSG124: {
    status: 400,
    title: 'Malformed request body',
    description:
      'The request body is not well-formed JSON, or its encoding (Content-Encoding) cannot be decoded.',
  },
});

/**
 * Entry point of the binding stage: `bindRequest` parses a request URL (the path after
 * the service root and the raw query string, both still percent-encoded) and binds it
 * against the service model into the BoundRequest the planner consumes. It throws
 * TsunagiError (TSG1xx for syntax and limits, TSG2xx for names and types).
 *
 * Which options a resource takes: a collection all of them; `/$count` binds them all but
 * keeps only $filter and $search (the count ignores paging and ordering, as the protocol
 * says); a single entity $select and $expand; a property, the service document,
 * $metadata and $batch only $format. $format and $skiptoken are passed through as given.
 */
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { ServiceModel } from '../edm/service-model.js';
import type { BoundRequest, BoundResource, CollectionOptions } from '../semantic/query.js';
import type { ParserLimits } from '../syntax/parser-limits.js';
import { parseRequest, type RequestSyntax } from '../syntax/parse-request.js';
import {
  systemOptionFields,
  type OptionSyntax,
  type QueryOptionsSyntax,
  type SystemOptionField,
} from '../syntax/query-option-syntax.js';
import {
  aliasScope,
  bindCollectionOptions,
  defaultCollectionOptions,
} from './query-options-binder.js';
import { bindResourcePath } from './resource-path-binder.js';

export function bindRequest(
  input: { readonly path: string; readonly query: string },
  model: ServiceModel,
  options?: Partial<ParserLimits>,
): BoundRequest {
  return bindRequestSyntax(parseRequest(input, options), model);
}

/** Binds an already parsed request. */
export function bindRequestSyntax(syntax: RequestSyntax, model: ServiceModel): BoundRequest {
  const query = syntax.query;
  const aliases = aliasScope(query.aliases);
  const resource = bindResourcePath(syntax.path, model, aliases);
  const context = { model, aliases, nestedIn: undefined };
  let options: CollectionOptions;
  switch (resource.kind) {
    case 'collection':
      options = bindCollectionOptions(query, resource.set, context);
      break;
    case 'count': {
      const bound = bindCollectionOptions(query, resource.collection.set, context);
      options = Object.freeze({
        ...defaultCollectionOptions,
        filter: bound.filter,
        search: bound.search,
      });
      break;
    }
    case 'entity':
      rejectOptions(query, resource, ['select', 'expand', 'format']);
      options = bindCollectionOptions(query, resource.entity.set, context);
      break;
    case 'property':
    case 'serviceDocument':
    case 'metadata':
    case 'batch':
      rejectOptions(query, resource, ['format']);
      options = defaultCollectionOptions;
      break;
  }
  return Object.freeze({
    resource,
    options,
    format: Object.freeze({ format: query.format?.value, skipToken: query.skipToken?.value }),
  });
}

const resourceNames: Readonly<Record<BoundResource['kind'], string>> = {
  serviceDocument: 'the service document',
  metadata: '$metadata',
  batch: '$batch',
  collection: 'a collection',
  entity: 'a single entity',
  count: '/$count',
  property: 'a property',
};

function rejectOptions(
  query: QueryOptionsSyntax,
  resource: BoundResource,
  allowed: readonly SystemOptionField[],
): void {
  for (const field of systemOptionFields) {
    if (allowed.includes(field)) continue;
    const option: OptionSyntax<unknown> | undefined = query[field];
    if (option === undefined) continue;
    throw new TsunagiError(
      'TSG102',
      `Invalid query option at position ${option.nameOffset} in the query string: ${option.canonicalName} cannot be applied to ${resourceNames[resource.kind]}.`,
      {
        target: option.canonicalName,
        innerError: { position: option.nameOffset, offset: option.nameOffset },
      },
    );
  }
}

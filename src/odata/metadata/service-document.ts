/**
 * The JSON service document served at the service root: the context URL of the metadata
 * document and one entry per entity set, in the same (sorted) order as $metadata. Entry
 * URLs are relative to the service root.
 */
import type { ServiceModel } from '../edm/service-model.js';
import { sortedEntitySets } from './metadata-document.js';

export interface ServiceDocumentEntry {
  readonly name: string;
  readonly kind: 'EntitySet';
  readonly url: string;
}

export interface ServiceDocument {
  readonly '@odata.context': string;
  readonly value: readonly ServiceDocumentEntry[];
}

/**
 * `serviceRoot` is the absolute URL of the service root, e.g.
 * `https://gateway.example.com/api/odata/service` (a trailing slash is ignored).
 */
export function renderServiceDocument(model: ServiceModel, serviceRoot: string): ServiceDocument {
  const root = serviceRoot.replace(/\/+$/, '');
  return {
    '@odata.context': `${root}/$metadata`,
    value: sortedEntitySets(model).map((set) => ({
      name: set.name,
      kind: 'EntitySet',
      url: encodeURIComponent(set.name),
    })),
  };
}

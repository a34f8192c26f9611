/**
 * Builds the context URL (`@odata.context`) of a response: `<root>/$metadata#Set`,
 * `#Set(A,B,Nav(C))` when $select or $expand shape the entities, `#Set/$entity` for one
 * entity, `#Set(5)/Name` for a property.
 */
import type { CollectionOptions } from '../semantic/query.js';
import type { ODataVersion } from './representation.js';

function shapeList(options: CollectionOptions, version: ODataVersion): string {
  const parts: string[] = [];
  if (options.select !== undefined) parts.push(...options.select.map((property) => property.name));
  for (const item of options.expand) {
    if (item.countOnly) continue;
    const nested = shapeList(item.options, version);
    if (nested !== '' || version === '4.01') parts.push(`${item.navigation.name}(${nested})`);
  }
  return parts.join(',');
}

export function collectionContextUrl(
  serviceRoot: string,
  setName: string,
  options: CollectionOptions,
  version: ODataVersion,
): string {
  const shape =
    options.select === undefined && options.expand.length === 0 ? '' : shapeList(options, version);
  return `${serviceRoot}/$metadata#${setName}${shape === '' ? '' : `(${shape})`}`;
}

export function entityContextUrl(
  serviceRoot: string,
  setName: string,
  options: CollectionOptions,
  version: ODataVersion,
): string {
  const shape =
    options.select === undefined && options.expand.length === 0 ? '' : shapeList(options, version);
  return `${serviceRoot}/$metadata#${setName}${shape === '' ? '' : `(${shape})`}/$entity`;
}

export function propertyContextUrl(
  serviceRoot: string,
  setName: string,
  keyPredicate: string,
  propertyName: string,
): string {
  return `${serviceRoot}/$metadata#${setName}${keyPredicate}/${propertyName}`;
}

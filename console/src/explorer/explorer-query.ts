/**
 * The data explorer's view as URL state (`/explorer?set=Orders&filter=...&orderby=...`)
 * and the OData URL that produces it: `$filter`, `$search`, `$orderby`, `$top`, `$skip`
 * and `$count=true` on the entity set, built with proper percent-encoding.
 */
import { serviceRootPath } from '../api/odata-client';

export interface ExplorerQuery {
  readonly set: string;
  readonly filter: string;
  readonly search: string;
  /** `Name asc` or `Name desc`, or '' for the source's order. */
  readonly orderBy: string;
  readonly top: number;
  readonly skip: number;
}

export const pageSizes: readonly number[] = [10, 25, 50, 100];

export function readExplorerQuery(parameters: URLSearchParams): ExplorerQuery {
  const top = Number(parameters.get('top'));
  const skip = Number(parameters.get('skip'));
  return {
    set: parameters.get('set') ?? '',
    filter: parameters.get('filter') ?? '',
    search: parameters.get('search') ?? '',
    orderBy: parameters.get('orderby') ?? '',
    top: pageSizes.includes(top) ? top : 25,
    skip: Number.isSafeInteger(skip) && skip > 0 ? skip : 0,
  };
}

export function explorerPath(query: ExplorerQuery): string {
  const parameters = new URLSearchParams();
  if (query.set !== '') parameters.set('set', query.set);
  if (query.filter !== '') parameters.set('filter', query.filter);
  if (query.search !== '') parameters.set('search', query.search);
  if (query.orderBy !== '') parameters.set('orderby', query.orderBy);
  if (query.top !== 25) parameters.set('top', String(query.top));
  if (query.skip > 0) parameters.set('skip', String(query.skip));
  const text = parameters.toString();
  return text === '' ? '/explorer' : `/explorer?${text}`;
}

/** Percent-encodes a query option value the way OData expects (spaces as %20). */
function encodeOption(value: string): string {
  return encodeURIComponent(value)
    .replace(/%2C/g, ',')
    .replace(/%24/g, '$')
    .replace(/%3A/g, ':')
    .replace(/%2F/g, '/');
}

/** The OData URL (path and query, same origin) of the view. */
export function odataUrl(query: ExplorerQuery): string {
  const options: string[] = [];
  if (query.filter.trim() !== '') options.push(`$filter=${encodeOption(query.filter.trim())}`);
  if (query.search.trim() !== '') options.push(`$search=${encodeOption(query.search.trim())}`);
  if (query.orderBy !== '') options.push(`$orderby=${encodeOption(query.orderBy)}`);
  options.push(`$top=${query.top}`);
  if (query.skip > 0) options.push(`$skip=${query.skip}`);
  options.push('$count=true');
  return `${serviceRootPath}/${encodeURIComponent(query.set)}?${options.join('&')}`;
}

/** Next sort state of a column: ascending, then descending, then none. */
export function nextOrder(current: string, column: string): string {
  if (current === `${column} asc`) return `${column} desc`;
  if (current === `${column} desc`) return '';
  return `${column} asc`;
}

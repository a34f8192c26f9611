/**
 * A read as Salesforce Connect sends it, and its URL. The system query options come in
 * the order of Salesforce's documented examples (`$select`, `$count`, `$filter` or
 * `$search`, `$orderby`, `$top`, `$skip`), percent-encoded except for the characters that
 * keep OData readable (`$ , ( ) ' :`).
 */
import type { SalesforceAdapter } from './salesforce-adapter.js';

export interface SalesforceQuery {
  /** The entity set (the external object). */
  readonly set: string;
  readonly select?: readonly string[];
  readonly filter?: string;
  readonly search?: string;
  readonly orderBy?: string;
  readonly top?: number;
  readonly skip?: number;
  /** The data source's "Request Row Counts" option (4.0 adapter; 4.01 always counts). */
  readonly requestRowCounts?: boolean;
}

export function encodeOptionValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%24/g, '$');
}

/** The path and query string after the service root, e.g. `/DEALS?$select=…&$count=true&$top=26`. */
export function salesforceUrl(adapter: SalesforceAdapter, query: SalesforceQuery): string {
  const options: [string, string][] = [];
  if (query.select !== undefined) options.push(['$select', query.select.join(',')]);
  options.push(['$count', adapter.countOption(query.requestRowCounts ?? true)]);
  if (query.filter !== undefined) options.push(['$filter', query.filter]);
  if (query.search !== undefined) options.push(['$search', query.search]);
  if (query.orderBy !== undefined) options.push(['$orderby', query.orderBy]);
  if (query.top !== undefined) options.push(['$top', String(query.top)]);
  if (query.skip !== undefined) options.push(['$skip', String(query.skip)]);
  return `/${query.set}?${options.map(([name, value]) => `${name}=${encodeOptionValue(value)}`).join('&')}`;
}

/** An OData string literal: single quotes doubled. */
export function stringLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The two Salesforce Connect adapters the replay runs every request with, and what they
 * change in a request: "Salesforce Connect: OData 4.0" asks for OData 4.0 and sends
 * `$count=true` only when the data source has "Request Row Counts" on (`$count=false`
 * otherwise); "OData 4.01" always sends `$count=true`. Both ask for JSON.
 */

export interface SalesforceAdapter {
  /** The external data source type an administrator picks. */
  readonly name: string;
  /** The OData version the gateway must answer in (`OData-Version` of every response). */
  readonly version: '4.0' | '4.01';
  /** Request headers of every call. */
  readonly headers: Readonly<Record<string, string>>;
  /** The `$count` value sent for a query, given the data source's "Request Row Counts" option. */
  countOption(requestRowCounts: boolean): 'true' | 'false';
}

export const odata40: SalesforceAdapter = {
  name: 'Salesforce Connect: OData 4.0',
  version: '4.0',
  headers: { Accept: 'application/json', 'OData-Version': '4.0', 'OData-MaxVersion': '4.0' },
  countOption: (requestRowCounts) => (requestRowCounts ? 'true' : 'false'),
};

export const odata401: SalesforceAdapter = {
  name: 'Salesforce Connect: OData 4.01',
  version: '4.01',
  headers: { Accept: 'application/json', 'OData-Version': '4.01', 'OData-MaxVersion': '4.01' },
  countOption: () => 'true',
};

export const salesforceAdapters: readonly SalesforceAdapter[] = [odata40, odata401];

/** What a query's response must hold as `@odata.count`: absent when `$count=false`. */
export function expectsCount(adapter: SalesforceAdapter, requestRowCounts: boolean): boolean {
  return adapter.countOption(requestRowCounts) === 'true';
}

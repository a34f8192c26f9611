/**
 * Settings of the OData endpoint, with their defaults.
 */
export interface ODataSettings {
  /** Path of the service root, e.g. "/api/odata/service". */
  readonly basePath: string;
  /** Largest page the server returns before a next link (0 disables server-driven paging). */
  readonly maxPageSize: number;
  /** Secret that signs $skiptokens; every node behind a load balancer must share it. */
  readonly pagingSecret: string;
  /** Public base URL (scheme://host[:port]) when behind a proxy; else taken from the request. */
  readonly publicUrl: string | undefined;
  /** Overall time for one request, source calls and retries included. */
  readonly requestTimeoutMs: number;
  /** Longest request URL accepted (414 beyond). */
  readonly maxUrlLength: number;
  /** Largest request body accepted, after decompression (413 beyond). Salesforce's own limit is 8 MB. */
  readonly maxBodyBytes: number;
  /** Most requests one $batch may hold. */
  readonly maxBatchRequests: number;
  /**
   * `salesforce` (default): publish only what Salesforce Connect can map (see
   * catalog/salesforce-compatibility.ts); `standard`: every type the sources have.
   */
  readonly compatibility: 'salesforce' | 'standard';
  /**
   * Largest response of a paged collection, in bytes: a page stops before it and the rest
   * follows through the next link (Salesforce refuses responses over 8 MB).
   */
  readonly maxResponseBytes: number;
  /** Require an `X-CSRF-Token` (fetched with `X-CSRF-Token: Fetch` on a GET) on every change. */
  readonly csrfProtection: boolean;
}

export const defaultODataSettings: Omit<ODataSettings, 'pagingSecret'> = {
  basePath: '/api/odata/service',
  maxPageSize: 1000,
  publicUrl: undefined,
  requestTimeoutMs: 120_000,
  maxUrlLength: 16_384,
  maxBodyBytes: 8 * 1024 * 1024,
  maxBatchRequests: 100,
  compatibility: 'salesforce',
  maxResponseBytes: 7 * 1024 * 1024,
  csrfProtection: false,
};

/**
 * What the OData routes need from the rest of the gateway for one request: the service
 * as the caller may see it (a catalog snapshot, restricted to the sets they may read),
 * a permission check per entity set and action, and a place to report the finished
 * request (query log, metrics). The control plane implements the provider; tests use a
 * static one over a catalog.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SourceCall } from '../../connectors/connector.js';
import type { CatalogSnapshot } from '../../catalog/catalog.js';
import type { EntitySetModel } from '../../odata/edm/service-model.js';

export type EntitySetAction = 'read' | 'insert' | 'update' | 'delete';

export interface ODataService {
  readonly snapshot: CatalogSnapshot;
  /** Who the caller is (a user id), for per-caller tokens such as CSRF tokens. */
  readonly principal?: string;
  /** Throws TsunagiError TSG302 (403) naming the missing permission. */
  authorize(set: EntitySetModel, action: EntitySetAction): void;
  /** Called once per finished request. */
  recordRequest?(entry: ODataRequestRecord): void;
}

export interface ODataRequestInfo {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly remoteAddress: string | undefined;
}

export interface ODataServiceProvider {
  /** Authenticates the caller; throws TsunagiError 401/403/429 when they may not proceed. */
  serviceFor(request: ODataRequestInfo): Promise<ODataService>;
}

export interface ODataRequestRecord {
  readonly method: string;
  readonly url: string;
  readonly entitySet: string | undefined;
  readonly status: number;
  readonly rows: number | undefined;
  readonly durationMs: number;
  readonly sourceCalls: readonly SourceCall[];
  readonly sourceQuery: string | undefined;
  readonly errorCode: string | undefined;
}

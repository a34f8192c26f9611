/**
 * One OData request as the dispatcher sees it, whether it came over HTTP or as a part of a
 * $batch: method, resource path (after the service root, still percent-encoded), raw query
 * string, headers with lower-case names, and the body bytes.
 */
export interface ODataCall {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer | undefined;
}

/** Splits a URL (path and optional query) into the call's path and query. */
export function splitUrl(url: string): { path: string; query: string } {
  const queryStart = url.indexOf('?');
  return queryStart < 0
    ? { path: url, query: '' }
    : { path: url.slice(0, queryStart), query: url.slice(queryStart + 1) };
}

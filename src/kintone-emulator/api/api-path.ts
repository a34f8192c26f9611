/**
 * Splits a REST API path into the guest space (for `/k/guest/{gid}/v1/…`) and the api name
 * (`records`, `preview/app/form/fields` …) that the route table is keyed by.
 */

export interface ApiPath {
  readonly guestSpaceId: string | undefined;
  readonly api: string;
}

const apiPathPattern = /^\/k\/(?:guest\/(\d+)\/)?v1\/([A-Za-z0-9/]+)\.json$/;

export function parseApiPath(path: string): ApiPath | undefined {
  const match = apiPathPattern.exec(path);
  if (match === null) return undefined;
  return { guestSpaceId: match[1], api: match[2] ?? '' };
}

/**
 * Reads the OData feed the way any client does (the data explorer uses it): a GET with a
 * personal access token as Bearer credentials, JSON answers, errors as `ApiError`.
 */
import { ApiError, errorFromResponse, networkError } from './api-error';

export const serviceRootPath = '/api/odata/service';

export interface ODataPage {
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  readonly count: number | undefined;
  readonly nextLink: string | undefined;
}

export interface ExplainDocument {
  readonly entitySet: string;
  readonly source: {
    readonly table: string;
    readonly query: string;
    readonly filter: string | null;
    readonly applies: Readonly<Record<string, boolean>>;
  };
  readonly gateway: {
    readonly filter: string | null;
    readonly search: string | null;
    readonly orderBy: string | null;
    readonly skip: number;
    readonly top: number | null;
  };
  readonly count: string;
  readonly page: {
    readonly take: number | null;
    readonly rowsBefore: number;
    readonly probesForMore: boolean;
  };
}

async function getJson(url: string, token: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
        'OData-MaxVersion': '4.01',
      },
      credentials: 'omit',
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (response.status === 401) {
      throw new ApiError(
        401,
        error.code,
        'The token was refused: it may have expired or been revoked. Use another token.',
      );
    }
    throw error;
  }
  return response.json();
}

export async function readPage(
  url: string,
  token: string,
  signal?: AbortSignal,
): Promise<ODataPage> {
  const body = (await getJson(url, token, signal)) as Record<string, unknown>;
  const value = body['value'];
  const count = body['@odata.count'] ?? body['@count'];
  const nextLink = body['@odata.nextLink'] ?? body['@nextLink'];
  return {
    rows: Array.isArray(value) ? (value as Record<string, unknown>[]) : [],
    count: typeof count === 'number' ? count : undefined,
    nextLink: typeof nextLink === 'string' ? nextLink : undefined,
  };
}

export async function readExplain(
  url: string,
  token: string,
  signal?: AbortSignal,
): Promise<ExplainDocument> {
  const separator = url.includes('?') ? '&' : '?';
  return (await getJson(`${url}${separator}explain=plan`, token, signal)) as ExplainDocument;
}

export interface MetadataProperty {
  readonly name: string;
  readonly type: string;
}

export interface MetadataEntitySet {
  readonly name: string;
  readonly key: readonly string[];
  readonly properties: readonly MetadataProperty[];
}

/** The entity sets the token may read, with their properties (from CSDL JSON `$metadata`). */
export async function readEntitySets(
  token: string,
  signal?: AbortSignal,
): Promise<MetadataEntitySet[]> {
  const document = (await getJson(
    `${serviceRootPath}/$metadata?$format=json`,
    token,
    signal,
  )) as Record<string, unknown>;
  const types = new Map<string, Record<string, unknown>>();
  let container: Record<string, unknown> | undefined;
  for (const [namespace, schema] of Object.entries(document)) {
    if (namespace.startsWith('$') || typeof schema !== 'object' || schema === null) continue;
    for (const [name, element] of Object.entries(schema as Record<string, unknown>)) {
      if (typeof element !== 'object' || element === null) continue;
      const record = element as Record<string, unknown>;
      if (record['$Kind'] === 'EntityType') types.set(`${namespace}.${name}`, record);
      if (record['$Kind'] === 'EntityContainer') container = record;
    }
  }
  const sets: MetadataEntitySet[] = [];
  for (const [name, element] of Object.entries(container ?? {})) {
    if (typeof element !== 'object' || element === null) continue;
    const record = element as Record<string, unknown>;
    if (record['$Collection'] !== true || typeof record['$Type'] !== 'string') continue;
    const type = types.get(record['$Type']) ?? {};
    const key = Array.isArray(type['$Key']) ? (type['$Key'] as unknown[]).map(String) : [];
    const properties: MetadataProperty[] = [];
    for (const [property, definition] of Object.entries(type)) {
      if (property.startsWith('$') || typeof definition !== 'object' || definition === null)
        continue;
      const facet = definition as Record<string, unknown>;
      if (facet['$Kind'] === 'NavigationProperty') continue;
      const base = typeof facet['$Type'] === 'string' ? facet['$Type'] : 'Edm.String';
      properties.push({
        name: property,
        type: facet['$Collection'] === true ? `Collection(${base})` : base,
      });
    }
    sets.push({ name, key, properties });
  }
  return sets.sort((left, right) => left.name.localeCompare(right.name));
}

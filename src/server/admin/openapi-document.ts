/**
 * Generates the OpenAPI 3.1 document of the admin API from the route definitions (the
 * same objects that register the routes and validate requests): paths and operations,
 * path and query parameters, request bodies, responses with their schemas, the error
 * responses each operation can give, security schemes (session cookie with X-CSRF-Token,
 * Bearer token, Basic e-mail:token) and the named schemas as components.
 */
import type { AdminRoute } from './admin-route.js';
import { pathParameters } from './admin-route.js';
import { errorSchema } from './admin-schemas.js';
import { collectComponents, type JsonSchema, type Schema } from './json-schema.js';

const errorResponses: Readonly<Record<number, readonly [string, string]>> = {
  400: ['BadRequest', 'The request is not valid (TSG500 with one detail per field, TSG124 ...).'],
  401: [
    'Unauthorized',
    'Not signed in: TSG300 (nothing sent), TSG301 (bad token; WWW-Authenticate only for requests with an Authorization header), TSG304 (session ended).',
  ],
  403: [
    'Forbidden',
    'TSG302 (the role or permission does not allow it; the message names it), TSG305 (missing or wrong X-CSRF-Token), or another rule of the operation.',
  ],
  404: ['NotFound', 'TSG501: the resource does not exist.'],
  409: ['Conflict', 'TSG502 and the like: the change conflicts with the current state.'],
  413: ['PayloadTooLarge', 'TSG115: the body is too large.'],
  415: ['UnsupportedMediaType', 'TSG123: bodies must be application/json.'],
  429: ['TooManyRequests', 'TSG303: too many failed attempts; see Retry-After.'],
  503: ['Unavailable', 'The source or the store cannot be reached.'],
};

function errorStatuses(route: AdminRoute): number[] {
  const statuses = new Set<number>([400]);
  if (route.body !== undefined) {
    statuses.add(413);
    statuses.add(415);
  }
  if (route.access !== 'anyone') {
    statuses.add(401);
    statuses.add(403);
    if (route.access === 'signedIn') statuses.add(429);
  }
  if (pathParameters(route.path).length > 0) statuses.add(404);
  for (const status of route.errors ?? []) statuses.add(status);
  return [...statuses].sort((left, right) => left - right);
}

function security(route: AdminRoute): Record<string, string[]>[] {
  const writes = route.method !== 'GET';
  const session: Record<string, string[]> = writes
    ? { sessionCookie: [], csrfToken: [] }
    : { sessionCookie: [] };
  switch (route.access) {
    case 'anyone':
      return [];
    case 'session':
      return [session];
    case 'signedIn':
      return [session, { bearerToken: [] }, { basicToken: [] }];
  }
}

function queryParameters(query: Schema<unknown> | undefined): Record<string, unknown>[] {
  if (query === undefined) return [];
  const properties = (query.json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((query.json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema,
    ...(typeof schema['description'] === 'string' ? { description: schema['description'] } : {}),
  }));
}

function operation(route: AdminRoute): Record<string, unknown> {
  const responses: Record<string, unknown> = {
    [String(route.response.status)]: {
      description: route.response.description,
      ...(route.response.schema === undefined
        ? {}
        : { content: { 'application/json': { schema: route.response.schema.json } } }),
    },
  };
  for (const status of errorStatuses(route)) {
    const [name] = errorResponses[status] ?? ['BadRequest'];
    responses[String(status)] = { $ref: `#/components/responses/${name}` };
  }
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    description: `Who: ${route.who}${route.description === undefined ? '' : `\n\n${route.description}`}`,
    parameters: [
      ...pathParameters(route.path).map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string', maxLength: 512 },
      })),
      ...queryParameters(route.query),
    ],
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: route.body.json } },
          },
        }),
    responses,
    security: security(route),
  };
}

export function buildOpenApiDocument(
  routes: readonly AdminRoute[],
  options: { readonly version: string; readonly basePath: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase()] = operation(route);
  }
  const schemas: Schema<unknown>[] = [errorSchema];
  for (const route of routes) {
    for (const schema of [route.body, route.query, route.response.schema]) {
      if (schema !== undefined) schemas.push(schema);
    }
  }
  const tags = [...new Set(routes.map((route) => route.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tsunagi admin API',
      version: options.version,
      description:
        'Manage users, tokens, connections, permissions and publications of a Tsunagi gateway. Sign in with POST /session (cookie + X-CSRF-Token) or send a personal access token (Bearer, or Basic e-mail:token). Field names follow the control-plane services; see docs/admin-api.md.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: options.basePath }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(collectComponents(schemas)),
      responses: Object.fromEntries(
        Object.values(errorResponses).map(([name, description]) => [
          name,
          {
            description,
            content: { 'application/json': { schema: errorSchema.json } },
          },
        ]),
      ),
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'tsunagi_session',
          description: 'Set by POST /session (HttpOnly, SameSite=Lax).',
        },
        csrfToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description:
            'The csrfToken of the session; required with the cookie on POST, PUT, PATCH and DELETE.',
        },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal access token (tsg_pat_…).',
        },
        basicToken: {
          type: 'http',
          scheme: 'basic',
          description: 'Your e-mail address as user name and a personal access token as password.',
        },
      },
    },
  };
}

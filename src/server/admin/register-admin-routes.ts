/**
 * The admin API (`/api/admin/v1`), as one encapsulated Fastify plugin: its own JSON body
 * parsing (only application/json, size-limited, prototype keys refused), authentication
 * per route (session cookie + CSRF token, or a personal access token), validation of every
 * path parameter, query parameter and body against the route's schema (TSG500 with one
 * detail per field), the handlers of every resource group, error bodies like the OData
 * endpoint's, 404 / 405 for unknown paths and methods, and `GET /openapi.json` generated
 * from the same definitions. `Cache-Control: no-store` on every answer.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldProblem } from '../../control-plane/validation.js';
import { throwIfProblems } from '../../control-plane/validation.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { GatewayParts } from '../../gateway/start-gateway.js';
import { authenticateCaller, sourceAddressOf, type Caller } from './admin-authentication.js';
import { sendAdminError } from './admin-errors.js';
import { adminRoute, fastifyPath, pathParameters, type AdminRoute } from './admin-route.js';
import { connectionRoutes } from './connection-routes.js';
import { freeObject } from './json-schema.js';
import { logRoutes } from './log-routes.js';
import { meRoutes } from './me-routes.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { publicationRoutes } from './publication-routes.js';
import { sessionRoutes } from './session-routes.js';
import { clearedSessionCookie, sessionCookie } from './session-cookie.js';
import { settingsRoutes } from './settings-routes.js';
import { userRoutes } from './user-routes.js';

export const adminApiBasePath = '/api/admin/v1';

export interface AdminApiOptions {
  /** Check every response against its documented schema; a mismatch is a 500 (tests). */
  readonly checkResponses?: boolean;
  /** Largest request body in bytes (default 4 MiB: two certificate files fit). */
  readonly maxBodyBytes?: number;
}

const maximumParameterLength = 512;

function apiVersion(): string {
  try {
    const packageJson = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as { version?: string };
    return packageJson.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

let openApiDocument: Record<string, unknown> | undefined;

const openApiRoute = adminRoute({
  method: 'GET',
  path: '/openapi.json',
  operationId: 'getOpenApiDocument',
  tag: 'Meta',
  summary: 'This document',
  who: 'Anyone.',
  access: 'anyone',
  response: {
    status: 200,
    description: 'The OpenAPI 3.1 document of the admin API.',
    schema: freeObject(),
  },
  handle() {
    openApiDocument ??= buildOpenApiDocument(adminRoutes, {
      version: apiVersion(),
      basePath: adminApiBasePath,
    });
    return openApiDocument;
  },
});

/** Every operation of the admin API, in the order of the OpenAPI document. */
export const adminRoutes: readonly AdminRoute[] = [
  ...sessionRoutes,
  ...meRoutes,
  ...userRoutes,
  ...connectionRoutes,
  ...publicationRoutes,
  ...logRoutes,
  ...settingsRoutes,
  openApiRoute,
];

/** The OpenAPI 3.1 document of the admin API. */
export function adminOpenApiDocument(): Record<string, unknown> {
  return buildOpenApiDocument(adminRoutes, { version: apiVersion(), basePath: adminApiBasePath });
}

function pathPattern(path: string): RegExp {
  const escaped = path
    .split(/\{[A-Za-z]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}$`);
}

const routePatterns = adminRoutes.map((route) => ({ route, pattern: pathPattern(route.path) }));

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function handlerFor(route: AdminRoute, parts: GatewayParts, options: AdminApiOptions) {
  const parameterNames = pathParameters(route.path);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const caller: Caller | undefined =
      route.access === 'anyone'
        ? undefined
        : await authenticateCaller(request, parts.controlPlane, route.access);
    const parameters = (request.params ?? {}) as Record<string, string | undefined>;
    for (const name of parameterNames) {
      const value = parameters[name] ?? '';
      if (value === '' || value.length > maximumParameterLength) {
        throw new TsunagiError('TSG501', `There is no resource with that ${name}.`, {
          target: name,
        });
      }
    }
    const problems: FieldProblem[] = [];
    let query: unknown = {};
    if (route.query !== undefined) {
      query = route.query.check(request.query ?? {}, '', problems, 'query');
    } else {
      for (const name of Object.keys(request.query ?? {})) {
        problems.push({ field: name, message: `There is no query parameter ${name}.` });
      }
    }
    let body: unknown = undefined;
    if (route.body !== undefined) {
      body = route.body.check(request.body, '', problems, 'body');
    } else if (request.body !== undefined && !isEmptyObject(request.body)) {
      problems.push({ field: 'body', message: 'This request takes no body.' });
    }
    throwIfProblems(problems);

    const publicBase = (parts.odata.publicUrl ?? `${request.protocol}://${request.host}`).replace(
      /\/+$/,
      '',
    );
    const secure = request.protocol === 'https' || publicBase.startsWith('https:');
    const sourceAddress = sourceAddressOf(request);
    const result: unknown = await route.handle({
      request,
      reply,
      parts,
      body,
      query,
      param: (name) => parameters[name] ?? '',
      caller,
      get actor() {
        if (caller === undefined) throw new Error(`${route.operationId} has no signed-in caller.`);
        return caller.actor;
      },
      sourceAddress,
      publicBase,
      async startSession(userId) {
        const userAgent = request.headers['user-agent'];
        const created = await parts.controlPlane.sessions.create(
          { id: userId },
          { sourceAddress, userAgent: userAgent ?? null },
        );
        void reply.header(
          'Set-Cookie',
          sessionCookie(created.sessionToken, new Date(created.session.expiresAt), { secure }),
        );
        return created.csrfToken;
      },
      clearSession() {
        void reply.header('Set-Cookie', clearedSessionCookie({ secure }));
      },
    });
    if (route.response.status === 204) return reply.status(204).send();
    if (options.checkResponses === true && route.response.schema !== undefined) {
      const mismatches: FieldProblem[] = [];
      route.response.schema.check(JSON.parse(JSON.stringify(result)), '', mismatches, 'response');
      if (mismatches.length > 0) {
        throw new Error(
          `The response of ${route.operationId} does not match its documented schema: ${mismatches
            .map((problem) => `${problem.field}: ${problem.message}`)
            .join('; ')}`,
        );
      }
    }
    return reply.status(route.response.status).send(result);
  };
}

/** Registers the admin API under /api/admin/v1 (call as a gateway plugin). */
export function registerAdminRoutes(
  app: FastifyInstance,
  parts: GatewayParts,
  options: AdminApiOptions = {},
): void {
  void app.register(
    (scope, _pluginOptions, done) => {
      scope.removeAllContentTypeParsers();
      const parseJson = scope.getDefaultJsonParser('error', 'error');
      scope.addContentTypeParser(
        'application/json',
        { parseAs: 'string', bodyLimit: options.maxBodyBytes ?? 4 * 1024 * 1024 },
        (request, text, parsed) => {
          if (typeof text !== 'string' || text.trim() === '') {
            parsed(null, undefined);
            return;
          }
          void parseJson(request, text, (error, value) => {
            if (error === null) {
              parsed(null, value);
            } else {
              parsed(
                new TsunagiError('TSG124', `The request body is not valid JSON: ${error.message}`, {
                  target: 'body',
                }),
                undefined,
              );
            }
          });
        },
      );
      scope.setErrorHandler((error, request, reply) => {
        sendAdminError(request, reply, error);
      });
      scope.setNotFoundHandler((request, reply) => {
        const path = (request.raw.url ?? '').split('?')[0]?.slice(adminApiBasePath.length) ?? '';
        const allowed = routePatterns
          .filter(({ pattern }) => pattern.test(path))
          .map(({ route }) => route.method);
        sendAdminError(
          request,
          reply,
          allowed.length > 0
            ? new TsunagiError(
                'TSG122',
                `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}.`,
                { headers: { Allow: allowed.join(', ') } },
              )
            : new TsunagiError('TSG501', `There is no admin API resource at ${path}.`, {
                target: path,
              }),
        );
      });
      scope.addHook('onSend', async (_request, reply, payload) => {
        void reply.header('Cache-Control', 'no-store');
        return payload;
      });
      for (const route of adminRoutes) {
        scope.route({
          method: route.method,
          url: fastifyPath(route.path),
          config: { routeKind: 'admin' },
          handler: handlerFor(route, parts, options),
        });
      }
      done();
    },
    { prefix: adminApiBasePath },
  );
}

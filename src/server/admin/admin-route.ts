/**
 * How an admin API operation is defined: method, path (OpenAPI style, `/users/{id}`), who
 * may call it, the schemas of its body, query and response, the errors it documents, and
 * a handler that calls the services. One definition drives the Fastify route, the request
 * validation and the OpenAPI document, so that the three cannot drift apart.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../control-plane/authorization.js';
import type { GatewayParts } from '../../gateway/start-gateway.js';
import type { Access, Caller } from './admin-authentication.js';
import type { Schema } from './json-schema.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AdminCall<Body, Query> {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly parts: GatewayParts;
  /** The validated body (routes without a body schema: undefined). */
  readonly body: Body;
  /** The validated query parameters (routes without a query schema: {}). */
  readonly query: Query;
  /** A path parameter by name. */
  param(name: string): string;
  /** Undefined on routes open to anyone. */
  readonly caller: Caller | undefined;
  /** The caller's actor; only on routes that need a signed-in caller. */
  readonly actor: Actor;
  readonly sourceAddress: string | null;
  /** scheme://host[:port] the console is reached at (public URL or the request's). */
  readonly publicBase: string;
  /** Starts a console session for the user (sets the cookie); returns its CSRF token. */
  startSession(userId: string): Promise<string>;
  /** Removes the session cookie from the browser. */
  clearSession(): void;
}

export interface AdminResponse {
  readonly status: 200 | 201 | 204;
  readonly description: string;
  /** Absent for 204. */
  readonly schema?: Schema<unknown>;
}

export interface AdminRoute<Body = unknown, Query = unknown> {
  readonly method: HttpMethod;
  /** Relative to /api/admin/v1, OpenAPI style: `/users/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  /** Who may call it, in words (roles are checked by the services). */
  readonly who: string;
  readonly description?: string;
  readonly access: Access;
  readonly body?: Schema<Body>;
  readonly query?: Schema<Query>;
  readonly response: AdminResponse;
  /** Statuses this operation answers besides 400 and those implied by access and path. */
  readonly errors?: readonly (403 | 404 | 409 | 429 | 503)[];
  /** Returns the response body (or a promise of it); nothing for 204. */
  handle(call: AdminCall<Body, Query>): unknown;
}

/** Identity function that infers the body and query types from the schemas. */
export function adminRoute<Body = undefined, Query = Record<string, never>>(
  definition: AdminRoute<Body, Query>,
): AdminRoute<Body, Query> {
  return definition;
}

/** `/users/{id}` → `/users/:id`. */
export function fastifyPath(path: string): string {
  return path.replace(/\{([A-Za-z]+)\}/g, ':$1');
}

/** The names of the path parameters, in order. */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => match[1] ?? '');
}

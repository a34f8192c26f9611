/**
 * A real gateway for admin API tests: `startGateway` on a temporary data directory
 * (SQLite, or the PostgreSQL URL given), cheap argon2, the admin API with response
 * checking, the in-memory, fake and Kintone connector kinds, and a first administrator
 * signed in. `AdminClient` speaks HTTP to it as the console (cookie + CSRF token), a
 * script (token) or nobody.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { kintoneConnectorDefinition } from '../../../connectors/kintone/kintone-connector-definition.js';
import { ConnectorRegistry } from '../../../control-plane/connector-registry.js';
import { testPasswordHashing } from '../../../control-plane/password-hasher.js';
import { fakeConnectorDefinition } from '../../../control-plane/test-support/fake-connector-definition.js';
import { startGateway, type RunningGateway } from '../../../gateway/start-gateway.js';
import type { Role } from '../../../store/records.js';
import { adminApiBasePath, registerAdminRoutes } from '../register-admin-routes.js';
import { readSessionCookie } from '../session-cookie.js';
import { memoryConnectorDefinition } from './memory-connector-definition.js';

export const firstAdministrator = {
  email: 'admin@example.com',
  password: 'correct horse battery staple',
};

export type Credentials =
  | { readonly kind: 'none' }
  | { readonly kind: 'session'; readonly cookie: string; readonly csrfToken: string }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly userName: string; readonly token: string };

export interface ApiResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Sent as is (with the content type given in headers, default application/json). */
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** false: leave out X-CSRF-Token even with a session; a string: send this one. */
  readonly csrf?: false | string;
}

/** What tests read from JSON bodies. */
export type Json = Readonly<Record<string, unknown>>;

export class AdminClient {
  constructor(
    readonly baseUrl: string,
    readonly credentials: Credentials = { kind: 'none' },
  ) {}

  headersFor(options: RequestOptions = {}, method = 'GET'): Record<string, string> {
    const headers: Record<string, string> = {};
    const credentials = this.credentials;
    switch (credentials.kind) {
      case 'none':
        break;
      case 'session':
        headers['cookie'] = `tsunagi_session=${credentials.cookie}`;
        if (method !== 'GET' && options.csrf !== false) {
          headers['x-csrf-token'] = options.csrf ?? credentials.csrfToken;
        }
        break;
      case 'bearer':
        headers['authorization'] = `Bearer ${credentials.token}`;
        break;
      case 'basic':
        headers['authorization'] = `Basic ${Buffer.from(
          `${credentials.userName}:${credentials.token}`,
        ).toString('base64')}`;
        break;
    }
    if (options.body !== undefined || options.rawBody !== undefined) {
      headers['content-type'] = 'application/json';
    }
    return { ...headers, ...options.headers };
  }

  /** A request to a path under /api/admin/v1 (or an absolute path starting with //). */
  async request<T = Json>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const url = path.startsWith('//')
      ? `${this.baseUrl}${path.slice(1)}`
      : `${this.baseUrl}${adminApiBasePath}${path}`;
    const response = await fetch(url, {
      method,
      headers: this.headersFor(options, method),
      ...(options.rawBody !== undefined
        ? { body: options.rawBody }
        : options.body === undefined
          ? {}
          : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    let body: unknown = undefined;
    if (text !== '' && (response.headers.get('content-type') ?? '').includes('json')) {
      body = JSON.parse(text);
    }
    return { status: response.status, headers: response.headers, body: body as T, text };
  }

  get<T = Json>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }
  post<T = Json>(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, { ...options, ...(body === undefined ? {} : { body }) });
  }
  patch<T = Json>(path: string, body: unknown, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  put<T = Json>(path: string, body: unknown, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T = Json>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, options);
  }

  /** A GET on the OData service (path relative to the service root). */
  async odata(path: string): Promise<ApiResponse<Json>> {
    return this.request('GET', `//api/odata/service${path}`);
  }

  with(credentials: Credentials): AdminClient {
    return new AdminClient(this.baseUrl, credentials);
  }
}

/** Throws with the body when the status is not the expected one. */
export function expectStatus<T>(response: ApiResponse<T>, status: number): ApiResponse<T> {
  if (response.status !== status) {
    throw new Error(`Expected ${status}, got ${response.status}: ${response.text}`);
  }
  return response;
}

export function sessionFrom(response: ApiResponse<unknown>): Credentials {
  const cookie = readSessionCookie(
    response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0] ?? '')
      .join('; '),
  );
  const csrfToken = (response.body as { csrfToken?: string } | undefined)?.csrfToken;
  if (cookie === undefined || csrfToken === undefined) {
    throw new Error(`No session in the response: ${response.text}`);
  }
  return { kind: 'session', cookie, csrfToken };
}

export interface TestAccount {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  /** Signed in to the console. */
  readonly session: AdminClient;
  /** The account's personal access token, and a client that sends it as Bearer. */
  readonly token: string;
  readonly tokenClient: AdminClient;
}

export interface AdminTestGateway {
  readonly gateway: RunningGateway;
  readonly baseUrl: string;
  readonly dataDirectory: string;
  readonly anonymous: AdminClient;
  readonly admin: TestAccount;
  readonly addAccount: (role: Role, email?: string) => Promise<TestAccount>;
  close(): Promise<void>;
}

let accountCounter = 0;

export async function startAdminTestGateway(
  options: {
    readonly storeUrl?: string;
    readonly logger?: FastifyBaseLogger;
    readonly dataDirectory?: string;
    /** false: no first administrator (to test /setup); `admin` then throws. */
    readonly initialize?: boolean;
    readonly publicUrl?: string;
    readonly trustProxy?: boolean;
    /** Registered before the admin API (e.g. an onRoute hook). */
    readonly beforeAdmin?: (app: FastifyInstance) => void;
  } = {},
): Promise<AdminTestGateway> {
  const dataDirectory = options.dataDirectory ?? mkdtempSync(join(tmpdir(), 'tsunagi-admin-api-'));
  const connectors = new ConnectorRegistry();
  connectors.register(memoryConnectorDefinition);
  connectors.register(fakeConnectorDefinition);
  connectors.register(kintoneConnectorDefinition);
  const gateway = await startGateway({
    dataDirectory,
    ...(options.storeUrl === undefined ? {} : { storeUrl: options.storeUrl }),
    host: '127.0.0.1',
    port: 0,
    connectors,
    logger: options.logger ?? false,
    passwordHashing: testPasswordHashing,
    metrics: { processMetrics: false },
    ...(options.initialize === false ? {} : { initialAdministrator: firstAdministrator }),
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    plugins: [
      (app) => options.beforeAdmin?.(app),
      (app, parts) => registerAdminRoutes(app, parts, { checkResponses: true }),
    ],
  });
  const anonymous = new AdminClient(gateway.url);

  async function account(
    role: Role,
    email: string,
    password: string,
    id: string,
  ): Promise<TestAccount> {
    const signedIn = expectStatus(await anonymous.post('/session', { email, password }), 200);
    const session = anonymous.with(sessionFrom(signedIn));
    const created = expectStatus(
      await session.post<{ token: string }>('/me/tokens', {
        name: `test token ${++accountCounter}`,
        expiresInDays: 30,
      }),
      201,
    );
    const token = created.body.token;
    return {
      id,
      email,
      password,
      role,
      session,
      token,
      tokenClient: anonymous.with({ kind: 'bearer', token }),
    };
  }

  let admin: TestAccount | undefined;
  if (options.initialize !== false) {
    const adminUser = await gateway.controlPlane.store.users.findByEmail(firstAdministrator.email);
    if (adminUser === undefined) throw new Error('The first administrator was not created.');
    admin = await account(
      'administrator',
      firstAdministrator.email,
      firstAdministrator.password,
      adminUser.id,
    );
  }
  const requireAdmin = (): TestAccount => {
    if (admin === undefined) throw new Error('This test gateway has no administrator.');
    return admin;
  };

  return {
    gateway,
    baseUrl: gateway.url,
    dataDirectory,
    anonymous,
    get admin() {
      return requireAdmin();
    },
    async addAccount(role, email) {
      accountCounter += 1;
      const address = email ?? `user${accountCounter}-${Date.now()}@example.com`;
      const password = `a long password number ${accountCounter}`;
      const invited = expectStatus(
        await requireAdmin().tokenClient.post<{ user: { id: string }; invitationUrl: string }>(
          '/users',
          {
            email: address,
            role,
          },
        ),
        201,
      );
      const invitationToken = invited.body.invitationUrl.split('/').pop() ?? '';
      expectStatus(
        await anonymous.post(`/invitations/${invitationToken}/accept`, { password }),
        200,
      );
      return account(role, address, password, invited.body.user.id);
    },
    async close() {
      await gateway.close();
      if (options.dataDirectory === undefined) {
        rmSync(dataDirectory, { recursive: true, force: true });
      }
    },
  };
}

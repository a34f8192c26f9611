/**
 * One replay session: the demo (Kintone emulator with the demo seed + a gateway with the
 * Kintone connections published) on a temporary data directory, and the HTTP calls
 * Salesforce Connect would make to it, with the data source's credentials (Password
 * Authentication: HTTP Basic with the user's e-mail and a personal access token).
 * It also reads every row of a set once through the feed (the reference the tests filter
 * themselves), and publishes extra apps loaded into the emulator (big and wide apps).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo, type DemoOptions, type RunningDemo } from '../../../src/demo/start-demo.js';
import type { SeedDocument } from '../../../src/kintone-emulator/index.js';
import { parseCsdlXml, type CsdlDocument } from './csdl-xml.js';
import type { Entity } from './reference-rows.js';
import { odata40, odata401, type SalesforceAdapter } from './salesforce-adapter.js';

export interface ReplayRequest {
  readonly method?: 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** After the service root (`/DEALS?$top=26`), or an absolute URL (a next link). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON value (sent as application/json), or raw bytes with their own headers. */
  readonly json?: unknown;
  readonly body?: Buffer;
}

export interface ReplayResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Size of the body as received, in bytes. */
  readonly bytes: number;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  readonly body: Record<string, unknown> | undefined;
}

export interface SalesforceReplay {
  readonly demo: RunningDemo;
  readonly serviceUrl: string;
  /** `Authorization` header of the data source (Named Principal). */
  readonly authorization: string;
  send(adapter: SalesforceAdapter, request: ReplayRequest): Promise<ReplayResponse>;
  /** `$metadata` as the OData 4.0 adapter reads it, parsed (cached). */
  metadata(): Promise<CsdlDocument>;
  /** Every entity of a set, read once through the feed (cached until `forget`). */
  readAll(set: string): Promise<Entity[]>;
  forget(set: string): void;
  /** Loads apps into the emulator and publishes them the way an administrator would. */
  addApps(seed: SeedDocument, entitySets: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

function parseBody(text: string, contentType: string | null): Record<string, unknown> | undefined {
  if (text === '' || contentType === null || !contentType.startsWith('application/json'))
    return undefined;
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

export async function startSalesforceReplay(
  options: { readonly records?: number; readonly odata?: DemoOptions['odata'] } = {},
): Promise<SalesforceReplay> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'tsunagi-salesforce-'));
  let demo: RunningDemo;
  try {
    demo = await startDemo({
      port: 0,
      dataDirectory,
      records: options.records ?? 120,
      logger: false,
      ...(options.odata === undefined ? {} : { odata: options.odata }),
    });
  } catch (error) {
    rmSync(dataDirectory, { recursive: true, force: true });
    throw error;
  }
  const authorization = `Basic ${Buffer.from(`${demo.username}:${demo.token}`).toString('base64')}`;
  const cache = new Map<string, Promise<Entity[]>>();
  let metadata: Promise<CsdlDocument> | undefined;

  const send = async (
    adapter: SalesforceAdapter,
    request: ReplayRequest,
  ): Promise<ReplayResponse> => {
    const headers: Record<string, string> = {
      ...adapter.headers,
      Authorization: authorization,
      ...(request.json === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...request.headers,
    };
    const url = /^https?:/.test(request.path) ? request.path : `${demo.serviceUrl}${request.path}`;
    const response = await fetch(url, {
      method: request.method ?? 'GET',
      headers,
      ...(request.json !== undefined
        ? { body: JSON.stringify(request.json) }
        : request.body !== undefined
          ? { body: request.body }
          : {}),
    });
    const raw = Buffer.from(await response.arrayBuffer());
    const text = raw.toString('utf8');
    return {
      status: response.status,
      headers: response.headers,
      text,
      bytes: raw.length,
      body: parseBody(text, response.headers.get('content-type')),
    };
  };

  const readAll = async (set: string): Promise<Entity[]> => {
    const entities: Entity[] = [];
    let next: string | undefined = `/${set}`;
    while (next !== undefined) {
      const response = await send(odata401, {
        path: next,
        headers: { Prefer: 'odata.maxpagesize=2000' },
      });
      if (response.status !== 200 || response.body === undefined)
        throw new Error(`reading ${set} failed: ${response.status} ${response.text.slice(0, 300)}`);
      entities.push(...(response.body['value'] as Entity[]));
      const link = response.body['@odata.nextLink'];
      next = typeof link === 'string' ? link : undefined;
    }
    return entities;
  };

  return {
    demo,
    serviceUrl: demo.serviceUrl,
    authorization,
    send,
    metadata() {
      metadata ??= send(odata40, {
        path: '/$metadata',
        headers: { Accept: 'application/xml' },
      }).then((response) => parseCsdlXml(response.text));
      return metadata;
    },
    readAll(set) {
      let entities = cache.get(set);
      if (entities === undefined) {
        entities = readAll(set);
        cache.set(set, entities);
      }
      return entities;
    },
    forget(set) {
      cache.delete(set);
    },
    async addApps(seed, entitySets) {
      const result = demo.emulator.loadSeed(seed);
      const { controlPlane } = demo.gateway;
      const user = await controlPlane.store.users.findByEmail(demo.username);
      if (user === undefined) throw new Error('the demo administrator is missing');
      const actor = { userId: user.id, email: user.email, role: user.role, sourceAddress: null };
      const connection = (await controlPlane.connections.list(actor)).find(
        (candidate) => candidate.name === 'Kintone demo',
      );
      if (connection === undefined) throw new Error('the demo connection is missing');
      for (const [index, app] of result.apps.entries()) {
        const entitySet = entitySets[index];
        if (entitySet === undefined) continue;
        await controlPlane.publications.publish(actor, {
          connectionId: connection.id,
          tableName: String(app.id),
          entitySet,
        });
      }
      metadata = undefined;
    },
    async close() {
      try {
        await demo.close();
      } finally {
        rmSync(dataDirectory, { recursive: true, force: true });
      }
    },
  };
}

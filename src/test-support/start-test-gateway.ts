/**
 * Starts a real gateway HTTP server on 127.0.0.1 (random port) over given connectors and
 * publications, with the open service provider, for tests and benchmarks.
 */
import type { FastifyInstance } from 'fastify';
import { Catalog } from '../catalog/catalog.js';
import type { Publication } from '../catalog/publication.js';
import type { Connector } from '../connectors/connector.js';
import { createServer } from '../server/create-server.js';
import type { ODataRequestRecord } from '../server/odata/odata-service.js';
import { defaultODataSettings, type ODataSettings } from '../server/odata/odata-settings.js';
import { openServiceProvider } from './open-service-provider.js';
import type { TlsFiles } from '../server/tls-server.js';

export interface TestGateway {
  readonly app: FastifyInstance;
  readonly baseUrl: string;
  readonly serviceUrl: string;
  readonly catalog: Catalog;
  readonly records: ODataRequestRecord[];
  close(): Promise<void>;
}

export async function startTestGateway(input: {
  readonly connectors: Readonly<Record<string, Connector>>;
  readonly publications: readonly Publication[];
  readonly settings?: Partial<ODataSettings>;
  readonly tls?: TlsFiles;
}): Promise<TestGateway> {
  const catalog = new Catalog(
    {
      listPublications: () => Promise.resolve(input.publications),
      connector: (connectionId) => {
        const connector = input.connectors[connectionId];
        return connector === undefined
          ? Promise.reject(new Error(`no connection ${connectionId}`))
          : Promise.resolve(connector);
      },
    },
    { namespace: 'Tsunagi', containerName: 'Service' },
  );
  const records: ODataRequestRecord[] = [];
  const settings: ODataSettings = {
    ...defaultODataSettings,
    pagingSecret: 'test-paging-secret',
    ...input.settings,
  };
  const app = await createServer({
    odata: settings,
    provider: openServiceProvider(catalog, records),
    logger: false,
    readiness: async () => ({ ready: (await catalog.current()).problems.length === 0, checks: {} }),
    ...(input.tls === undefined ? {} : { tls: input.tls }),
  });
  const listened = await app.listen({ host: '127.0.0.1', port: 0 });
  const address = input.tls === undefined ? listened : listened.replace(/^http:/, 'https:');
  return {
    app,
    baseUrl: address,
    serviceUrl: `${address}${settings.basePath}`,
    catalog,
    records,
    close: () => app.close(),
  };
}

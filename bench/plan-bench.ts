/**
 * Benchmark of the gateway's request pipeline before any I/O: parse + bind + plan of
 * typical Salesforce Connect URLs against the sample Customers/Orders tables (the planner
 * asks the connector for its pushdown decision, which is pure), in microseconds per
 * request.
 */
import { Catalog } from '../src/catalog/catalog.js';
import { MemoryConnector } from '../src/connectors/memory/memory-connector.js';
import { sampleTables } from '../src/connectors/memory/sample-tables.js';
import { bindRequest } from '../src/odata/bind/bind-request.js';
import { planRead } from '../src/odata/plan/plan-read.js';

export interface PlanBenchmarkResult {
  readonly url: string;
  readonly microsecondsPerRequest: number;
}

const urls: readonly string[] = [
  // List view: $select of 5 fields, $filter on two, $orderby, one row more than a page, $count.
  "/Customers?$select=Id,Name,City,Country,Revenue&$filter=Country%20eq%20'JP'%20and%20Revenue%20gt%2010000&$orderby=Name%20asc&$top=26&$count=true",
  // Search: an or of contains() over the text fields.
  "/Customers?$select=Id,Name,City&$count=true&$filter=contains(Name,'Acme')%20eq%20true%20or%20contains(City,'Acme')%20eq%20true&$top=25",
  // Detail page by key, and by $filter on the key.
  '/Customers(12)?$select=Id,Name,City,Country,Revenue,Since',
  '/Customers?$filter=Id%20eq%2012&$select=Id,Name',
  // Client-driven paging.
  '/Orders?$select=OrderId,Amount,OrderedAt,Status&$orderby=OrderedAt%20desc&$top=201&$skip=400',
];

export async function benchmarkPlan(millisecondsPerUrl = 300): Promise<PlanBenchmarkResult[]> {
  const connector = new MemoryConnector(sampleTables(10));
  const catalog = new Catalog(
    {
      listPublications: () =>
        Promise.resolve([
          { connectionId: 'memory', tableId: 'customers', alias: 'Customers' },
          { connectionId: 'memory', tableId: 'orders', alias: 'Orders' },
        ]),
      connector: () => Promise.resolve(connector),
    },
    { namespace: 'Tsunagi', containerName: 'Service' },
  );
  const snapshot = await catalog.current();
  const results: PlanBenchmarkResult[] = [];
  for (const url of urls) {
    const question = url.indexOf('?');
    const input = { path: url.slice(0, question), query: url.slice(question + 1) };
    const run = async (): Promise<void> => {
      const bound = bindRequest(input, snapshot.model);
      const resource = bound.resource;
      if (resource.kind === 'collection' || resource.kind === 'entity') {
        const set = resource.kind === 'collection' ? resource.set : resource.entity.set;
        const { table } = await snapshot.resolveSource(set);
        planRead({
          set,
          table,
          connector,
          options: bound.options,
          constraint: undefined,
          pageSize: 1000,
          position: undefined,
        });
      }
    };
    for (let warmUp = 0; warmUp < 2000; warmUp++) await run();
    let count = 0;
    const started = performance.now();
    while (performance.now() - started < millisecondsPerUrl) {
      for (let index = 0; index < 100; index++) await run();
      count += 100;
    }
    results.push({ url, microsecondsPerRequest: ((performance.now() - started) * 1000) / count });
  }
  return results;
}

/**
 * Benchmark of the request stage: how long parsing and binding one request URL takes
 * (`bindRequest`, which includes the syntax stage), for URLs of the kinds Salesforce
 * Connect and other clients send, against the sample shop model. The bench runner calls
 * `benchmarkParse()`; each URL runs for roughly `millisecondsPerUrl` after a warm-up.
 */
import { bindRequest } from '../src/odata/bind/bind-request.js';
import { sampleModel } from '../src/odata/test-support/sample-model.js';

export interface ParseBenchmarkResult {
  readonly url: string;
  readonly microsecondsPerRequest: number;
}

const urls: readonly string[] = [
  // Salesforce Connect list view: $select of 5 fields, $filter on two, $orderby, $top, $count.
  "/Customers?$select=Id,Name,Email,City,Score&$filter=Name%20eq%20'Acme%20Corp'%20and%20Score%20gt%205&$orderby=Name%20asc&$top=26&$count=true",
  // Salesforce Connect record lookup by key.
  '/Customers(12345)?$select=Id,Name,Email,City,Score',
  // Navigation with a filter and paging.
  "/Customers(7)/Orders?$filter=OrderDate%20ge%202024-01-01%20and%20Status%20ne%20'Cancelled'&$orderby=OrderDate%20desc&$top=50&$skip=100",
  // Expand with nested options.
  '/Orders?$expand=Items($select=LineNo,Quantity,UnitPrice;$filter=Quantity%20gt%201;$expand=Product($select=Name)),Customer($select=Name)&$top=10',
  // A wider filter: functions, lambda, in.
  "/Customers?$filter=(contains(tolower(Name),'acme')%20or%20startswith(Email,'info'))%20and%20City%20in%20('Tokyo','Osaka','Kyoto')%20and%20Orders/any(o:o/Total%20gt%201000)&$search=blue%20OR%20green",
];

export function benchmarkParse(millisecondsPerUrl = 200): ParseBenchmarkResult[] {
  return urls.map((url) => ({ url, microsecondsPerRequest: measure(url, millisecondsPerUrl) }));
}

function measure(url: string, milliseconds: number): number {
  const question = url.indexOf('?');
  const input = {
    path: question === -1 ? url : url.slice(0, question),
    query: question === -1 ? '' : url.slice(question + 1),
  };
  for (let warmUp = 0; warmUp < 2_000; warmUp++) bindRequest(input, sampleModel);
  const budget = BigInt(milliseconds) * 1_000_000n;
  const start = process.hrtime.bigint();
  let iterations = 0;
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let batch = 0; batch < 100; batch++) bindRequest(input, sampleModel);
    iterations += 100;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / 1_000 / iterations;
}

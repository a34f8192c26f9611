// Salesforce list views replayed against the demo, with both adapters: $select, $count,
// $top=26/201/301, $orderby on one and several fields, and client-driven paging with $skip.
// Every expected page is computed by the test from the rows read once without a filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientDrivenPaging, listViewRequests } from './requests/list-views.js';
import { entityTypeOf } from './support/csdl-xml.js';
import { expectCollection } from './support/expect-odata-response.js';
import { expectedRead, keyText } from './support/reference-rows.js';
import { expectsCount, salesforceAdapters } from './support/salesforce-adapter.js';
import { salesforceUrl } from './support/salesforce-query.js';
import { startSalesforceReplay, type SalesforceReplay } from './support/salesforce-replay.js';

let replay: SalesforceReplay;

beforeAll(async () => {
  replay = await startSalesforceReplay({ records: 420 });
});

afterAll(async () => {
  await replay.close();
});

async function keyOf(set: string): Promise<readonly string[]> {
  return entityTypeOf(await replay.metadata(), set).key;
}

describe.each(salesforceAdapters)('list views with $name', (adapter) => {
  it.each(listViewRequests)('$screen', async (request) => {
    const all = await replay.readAll(request.set);
    const expected = expectedRead(all, await keyOf(request.set), request);
    if (request.top !== undefined) expect(expected.count).toBeGreaterThan(0);
    const response = await replay.send(adapter, { path: salesforceUrl(adapter, request) });
    expectCollection(response, {
      adapter,
      serviceUrl: replay.serviceUrl,
      set: request.set,
      ...(request.select === undefined ? {} : { select: request.select }),
      rows: expected.rows,
      count: expectsCount(adapter, request.requestRowCounts ?? true) ? expected.count : undefined,
    });
  });

  it.each(clientDrivenPaging)('$screen', async ({ query, pageSize }) => {
    const all = await replay.readAll(query.set);
    const key = await keyOf(query.set);
    const seen = new Map<string, number>();
    for (let skip = 0; ; skip += pageSize) {
      const page = { ...query, top: pageSize + 1, ...(skip === 0 ? {} : { skip }) };
      const expected = expectedRead(all, key, page);
      const response = await replay.send(adapter, { path: salesforceUrl(adapter, page) });
      expectCollection(response, {
        adapter,
        serviceUrl: replay.serviceUrl,
        set: query.set,
        ...(query.select === undefined ? {} : { select: query.select }),
        rows: expected.rows,
        count: expectsCount(adapter, true) ? all.length : undefined,
      });
      const shown = expected.rows.slice(0, pageSize);
      for (const entity of shown) {
        const text = keyText(entity, key);
        seen.set(text, (seen.get(text) ?? 0) + 1);
      }
      if (expected.rows.length <= pageSize) break;
    }
    expect(seen.size).toBe(all.length);
    expect([...seen.values()].every((times) => times === 1)).toBe(true);
  });
});

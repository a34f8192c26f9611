// Salesforce list-view filters replayed against the demo, with both adapters. The expected
// rows of each filter are computed by the test from every row read once without a filter,
// and compared exactly (Salesforce drops rows that do not carry the values it filtered on).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterGroups } from './requests/list-view-filters.js';
import { entityTypeOf } from './support/csdl-xml.js';
import { expectCollection } from './support/expect-odata-response.js';
import { expectedRead } from './support/reference-rows.js';
import { salesforceAdapters } from './support/salesforce-adapter.js';
import { salesforceUrl } from './support/salesforce-query.js';
import { startSalesforceReplay, type SalesforceReplay } from './support/salesforce-replay.js';

let replay: SalesforceReplay;

beforeAll(async () => {
  replay = await startSalesforceReplay({ records: 600 });
});

afterAll(async () => {
  await replay.close();
});

describe.each(salesforceAdapters)('list-view filters with $name', (adapter) => {
  describe.each(filterGroups)('$name', ({ cases }) => {
    it.each(cases)('$screen: $filter', async (filterCase) => {
      const all = await replay.readAll(filterCase.set);
      const key = entityTypeOf(await replay.metadata(), filterCase.set).key;
      const query = { ...filterCase, top: 201 };
      const expected = expectedRead(all, key, query);
      if (filterCase.empty === true) expect(expected.count).toBe(0);
      else expect(expected.count).toBeGreaterThan(0);
      const response = await replay.send(adapter, { path: salesforceUrl(adapter, query) });
      expectCollection(response, {
        adapter,
        serviceUrl: replay.serviceUrl,
        set: filterCase.set,
        select: filterCase.select,
        rows: expected.rows,
        count: expected.count,
      });
    });
  });
});

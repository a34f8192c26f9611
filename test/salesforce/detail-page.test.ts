// The detail page, lookups and related lists replayed against the demo, with both
// adapters: one record by key segment and by $filter on the key, checked in full.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFilterReads, keySegmentReads, relatedListRead } from './requests/detail-page.js';
import { entityTypeOf } from './support/csdl-xml.js';
import {
  contextUrl,
  expectCollection,
  expectODataError,
  expectODataHeaders,
} from './support/expect-odata-response.js';
import { compare, expectedRead, project, type Entity } from './support/reference-rows.js';
import { salesforceAdapters } from './support/salesforce-adapter.js';
import { salesforceUrl } from './support/salesforce-query.js';
import { startSalesforceReplay, type SalesforceReplay } from './support/salesforce-replay.js';

let replay: SalesforceReplay;

beforeAll(async () => {
  replay = await startSalesforceReplay({ records: 100 });
});

afterAll(async () => {
  await replay.close();
});

async function entityWithKey(set: string, key: Readonly<Record<string, number>>): Promise<Entity> {
  const found = (await replay.readAll(set)).filter((entity) =>
    Object.entries(key).every(([name, value]) => entity[name] === value),
  );
  expect(found).toHaveLength(1);
  return found[0] ?? {};
}

describe.each(salesforceAdapters)('detail page and lookups with $name', (adapter) => {
  it.each(keySegmentReads)('$screen: /$set$segment', async (read) => {
    const entity = await entityWithKey(read.set, read.key);
    const query = read.select === undefined ? '' : `?$select=${read.select.join(',')}`;
    const response = await replay.send(adapter, { path: `/${read.set}${read.segment}${query}` });
    expect(response.status).toBe(200);
    expectODataHeaders(response, adapter);
    expect(response.headers.get('etag')).toBe(entity['@odata.etag']);
    expect(response.body).toStrictEqual({
      '@odata.context': contextUrl(replay.serviceUrl, read.set, read.select, true),
      ...project(entity, read.select),
    });
  });

  it('answers a record that is gone with 404 and an OData error', async () => {
    const response = await replay.send(adapter, { path: '/CUSTOMERS(999999)' });
    expectODataError(response, adapter, {
      status: 404,
      code: 'TSG201',
      message: /No entity of 'CUSTOMERS' has the key/,
    });
  });

  it.each(keyFilterReads)('$screen: $filter', async (read) => {
    const entities = await Promise.all(read.keys.map((key) => entityWithKey(read.set, key)));
    const query = { set: read.set, select: read.select, filter: read.filter };
    const response = await replay.send(adapter, { path: salesforceUrl(adapter, query) });
    expectCollection(response, {
      adapter,
      serviceUrl: replay.serviceUrl,
      set: read.set,
      select: read.select,
      rows: entities.map((entity) => project(entity, read.select)),
      count: entities.length,
    });
  });

  it(`${relatedListRead.screen}: ${relatedListRead.filter}`, async () => {
    const all = await replay.readAll(relatedListRead.set);
    const key = entityTypeOf(await replay.metadata(), relatedListRead.set).key;
    const query = { ...relatedListRead, top: 26 };
    const expected = expectedRead(all, key, {
      ...query,
      matches: (entity) => compare.eq(entity, 'ParentRecordId', 5),
    });
    expect(expected.count).toBeGreaterThan(0);
    const response = await replay.send(adapter, { path: salesforceUrl(adapter, query) });
    expectCollection(response, {
      adapter,
      serviceUrl: replay.serviceUrl,
      set: relatedListRead.set,
      select: relatedListRead.select,
      rows: expected.rows,
      count: expected.count,
    });
  });
});

// Writable External Objects replayed against the demo, with both adapters: create with
// every writable field, edit sending every field (read-only ones unchanged), delete, the
// errors Salesforce shows (validation details naming the field, stale ETag → 412), a
// gzip-compressed body, and CSRF tokens on a gateway that requires them.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customerEdit,
  invalidCreates,
  newCustomer,
  newDeal,
} from './requests/writable-external-objects.js';
import { entityTypeOf } from './support/csdl-xml.js';
import {
  contextUrl,
  expectEntitiesFitType,
  expectODataError,
  expectODataHeaders,
} from './support/expect-odata-response.js';
import type { Entity } from './support/reference-rows.js';
import { salesforceAdapters, type SalesforceAdapter } from './support/salesforce-adapter.js';
import {
  startSalesforceReplay,
  type ReplayResponse,
  type SalesforceReplay,
} from './support/salesforce-replay.js';

let replay: SalesforceReplay;

beforeAll(async () => {
  replay = await startSalesforceReplay({ records: 40 });
});

afterAll(async () => {
  await replay.close();
});

const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The record as the detail page reads it, without its annotations: what an edit sends back. */
async function editForm(adapter: SalesforceAdapter, path: string): Promise<Entity> {
  const response = await replay.send(adapter, { path });
  expect(response.status).toBe(200);
  const { ['@odata.context']: _context, ['@odata.etag']: _etag, ...fields } = response.body ?? {};
  return fields;
}

/** Checks a created or returned entity in full; returns its body. */
async function expectEntityResponse(
  response: ReplayResponse,
  adapter: SalesforceAdapter,
  set: string,
  status: 200 | 201,
  values: Entity,
): Promise<Record<string, unknown>> {
  expect(response.status, response.text.slice(0, 500)).toBe(status);
  expectODataHeaders(response, adapter);
  const body = response.body ?? {};
  expect(body['@odata.context']).toBe(contextUrl(replay.serviceUrl, set, undefined, true));
  expect(body['@odata.etag']).toBe(response.headers.get('etag'));
  const { ['@odata.context']: _context, ['@odata.etag']: _etag, ...entity } = body;
  expectEntitiesFitType([entity], entityTypeOf(await replay.metadata(), set));
  expect(entity).toMatchObject(values);
  return body;
}

describe.each(salesforceAdapters)('Writable External Objects with $name', (adapter) => {
  const suffix = adapter.version.replace('.', '');
  const customer = { ...newCustomer, customer_id: `${newCustomer.customer_id}-${suffix}` };
  let recordId = 0;

  it('creates a customer with every writable field: 201, Location, ETag and the entity', async () => {
    const response = await replay.send(adapter, {
      method: 'POST',
      path: '/CUSTOMERS',
      json: customer,
    });
    const body = await expectEntityResponse(response, adapter, 'CUSTOMERS', 201, {
      ...customer,
      Revision: 1,
      Created_by: 'Administrator',
      Updated_by: 'Administrator',
    });
    recordId = body['RecordId'] as number;
    expect(Number.isSafeInteger(recordId)).toBe(true);
    expect(body['Record_number']).toBe(`CUSTOMERS-${recordId}`);
    expect(body['Created_datetime']).toMatch(dateTime);
    expect(body['Updated_datetime']).toBe(body['Created_datetime']);
    expect(response.headers.get('location')).toBe(`${replay.serviceUrl}/CUSTOMERS(${recordId})`);
    expect(response.headers.get('etag')).toBe('W/"1"');

    const detail = await replay.send(adapter, { path: `/CUSTOMERS(${recordId})` });
    expect(detail.body).toStrictEqual({
      ...body,
      '@odata.context': contextUrl(replay.serviceUrl, 'CUSTOMERS', undefined, true),
    });
  });

  it('saves an edit that sends every field, read-only ones unchanged: 204 and the new ETag', async () => {
    const form = await editForm(adapter, `/CUSTOMERS(${recordId})`);
    expect(Object.keys(form)).toContain('Record_number');
    const response = await replay.send(adapter, {
      method: 'PATCH',
      path: `/CUSTOMERS(${recordId})`,
      json: { ...form, ...customerEdit },
    });
    expect(response.status, response.text).toBe(204);
    expect(response.text).toBe('');
    expect(response.headers.get('odata-version')).toBe(adapter.version);
    expect(response.headers.get('etag')).toBe('W/"2"');
    const after = await editForm(adapter, `/CUSTOMERS(${recordId})`);
    expect(after).toStrictEqual({
      ...form,
      ...customerEdit,
      Revision: 2,
      Updated_datetime: after['Updated_datetime'],
    });
  });

  it('returns the entity after an edit when Prefer: return=representation asks', async () => {
    const form = await editForm(adapter, `/CUSTOMERS(${recordId})`);
    const response = await replay.send(adapter, {
      method: 'PATCH',
      path: `/CUSTOMERS(${recordId})`,
      headers: { Prefer: 'return=representation' },
      json: { ...form, city: 'Kobe' },
    });
    expect(response.headers.get('preference-applied')).toBe('return=representation');
    await expectEntityResponse(response, adapter, 'CUSTOMERS', 200, {
      ...form,
      city: 'Kobe',
      Revision: 3,
      Updated_datetime: expect.stringMatching(dateTime) as unknown,
    });
  });

  it('refuses an edit with a stale ETag: 412 with the current ETag', async () => {
    const response = await replay.send(adapter, {
      method: 'PATCH',
      path: `/CUSTOMERS(${recordId})`,
      headers: { 'If-Match': 'W/"1"' },
      json: { city: 'Sendai' },
    });
    expectODataError(response, adapter, {
      status: 412,
      code: 'TSG601',
      target: 'If-Match',
      message: /changed since it was read/,
    });
    expect(response.headers.get('etag')).toBe('W/"3"');
  });

  it('refuses an edit of a record changed in Kintone since the page was opened: 412', async () => {
    const form = await editForm(adapter, `/CUSTOMERS(${recordId})`);
    const elsewhere = await replay.send(adapter, {
      method: 'PATCH',
      path: `/CUSTOMERS(${recordId})`,
      json: { contact_name: 'Changed in Kintone' },
    });
    expect(elsewhere.status).toBe(204);
    const response = await replay.send(adapter, {
      method: 'PATCH',
      path: `/CUSTOMERS(${recordId})`,
      json: { ...form, city: 'Sendai' },
    });
    expectODataError(response, adapter, {
      status: 412,
      code: 'TSG601',
      target: 'Revision',
      message: /changed since it was read/,
    });
    const current = await editForm(adapter, `/CUSTOMERS(${recordId})`);
    expect(current['contact_name']).toBe('Changed in Kintone');
    expect(current['city']).toBe('Kobe');
  });

  it('creates a deal whose lookup fills the customer’s company and city', async () => {
    const customers = await replay.readAll('CUSTOMERS');
    const looked = customers.find((entity) => entity['customer_id'] === newDeal.customer);
    const response = await replay.send(adapter, {
      method: 'POST',
      path: '/DEALS',
      json: { ...newDeal, deal_name: `${newDeal.deal_name} ${suffix}` },
    });
    const body = await expectEntityResponse(response, adapter, 'DEALS', 201, {
      ...newDeal,
      deal_name: `${newDeal.deal_name} ${suffix}`,
      customer_company: looked?.['company_name'],
      customer_city: looked?.['city'],
    });
    const deal = body['RecordId'] as number;

    // Edit: change the lookup; the old, read-only copies are sent back unchanged.
    const form = await editForm(adapter, `/DEALS(${deal})`);
    const other = customers.find((entity) => entity['customer_id'] === 'CUST-00005');
    const edited = await replay.send(adapter, {
      method: 'PATCH',
      path: `/DEALS(${deal})`,
      json: { ...form, customer: 'CUST-00005' },
    });
    expect(edited.status, edited.text).toBe(204);
    const after = await editForm(adapter, `/DEALS(${deal})`);
    expect(after['customer_company']).toBe(other?.['company_name']);
    expect(after['customer_city']).toBe(other?.['city']);

    expect((await replay.send(adapter, { method: 'DELETE', path: `/DEALS(${deal})` })).status).toBe(
      204,
    );
  });

  it('edits a line item (a subtable row) sending every field', async () => {
    const path = '/DEALS_line_items(ParentRecordId=2,RowId=' + String(await firstRowOf(2)) + ')';
    const form = await editForm(adapter, path);
    const quantity = (form['quantity'] as number) + 1;
    const response = await replay.send(adapter, {
      method: 'PATCH',
      path,
      json: { ...form, quantity },
    });
    expect(response.status, response.text).toBe(204);
    const after = await editForm(adapter, path);
    expect(after['quantity']).toBe(quantity);
    expect(after['subtotal']).toBe(quantity * (form['unit_price'] as number));
  });

  it.each(invalidCreates)('shows the error of an invalid save: $screen', async (invalid) => {
    const response = await replay.send(adapter, {
      method: 'POST',
      path: '/CUSTOMERS',
      json: invalid.body,
    });
    const error = expectODataError(response, adapter, { status: 400, code: 'TSG600' });
    const details = error['details'] as { target: string; message: string }[];
    expect(details.map((detail) => detail.target).sort()).toEqual([...invalid.fields].sort());
    for (const detail of details) expect(detail.message).toContain(detail.target);
    expect(String(error['message'])).toContain('CUSTOMERS');
  });

  it('deletes the record: 204, then the detail page finds nothing', async () => {
    const response = await replay.send(adapter, {
      method: 'DELETE',
      path: `/CUSTOMERS(${recordId})`,
    });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(response.headers.get('odata-version')).toBe(adapter.version);
    const gone = await replay.send(adapter, { path: `/CUSTOMERS(${recordId})` });
    expectODataError(gone, adapter, { status: 404, code: 'TSG201' });
    const again = await replay.send(adapter, { method: 'DELETE', path: `/CUSTOMERS(${recordId})` });
    expectODataError(again, adapter, { status: 404, code: 'TSG201' });
  });

  it('accepts a gzip-compressed body (request compression on the data source)', async () => {
    const body = { ...customer, customer_id: `CUST-SF-GZ-${suffix}`, company_name: 'Gzip Ltd' };
    const response = await replay.send(adapter, {
      method: 'POST',
      path: '/CUSTOMERS',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(Buffer.from(JSON.stringify(body))),
    });
    const created = await expectEntityResponse(response, adapter, 'CUSTOMERS', 201, body);
    const deleted = await replay.send(adapter, {
      method: 'DELETE',
      path: `/CUSTOMERS(${String(created['RecordId'])})`,
    });
    expect(deleted.status).toBe(204);
  });
});

async function firstRowOf(parent: number): Promise<number> {
  const rows = await replay.readAll('DEALS_line_items');
  const row = rows.find((entity) => entity['ParentRecordId'] === parent);
  if (row === undefined) throw new Error(`deal ${parent} has no line items`);
  return row['RowId'] as number;
}

describe('CSRF protection on the data source (a gateway with csrfProtection: true)', () => {
  let protectedReplay: SalesforceReplay;

  beforeAll(async () => {
    protectedReplay = await startSalesforceReplay({
      records: 20,
      odata: { csrfProtection: true },
    });
  });

  afterAll(async () => {
    await protectedReplay.close();
  });

  it.each(salesforceAdapters)('$name: fetches a token, then writes with it', async (adapter) => {
    const suffix = adapter.version.replace('.', '');
    const body = { customer_id: `CUST-CSRF-${suffix}`, company_name: 'CSRF Ltd' };

    const refused = await protectedReplay.send(adapter, {
      method: 'POST',
      path: '/CUSTOMERS',
      json: body,
    });
    expectODataError(refused, adapter, { status: 403, code: 'TSG604', target: 'X-CSRF-Token' });
    expect(refused.headers.get('x-csrf-token')).toBe('Required');

    const forged = await protectedReplay.send(adapter, {
      method: 'POST',
      path: '/CUSTOMERS',
      headers: { 'X-CSRF-Token': 'zzzzzzzz.AAAAAAAAAAAAAAAAAAAAAAAA' },
      json: body,
    });
    expectODataError(forged, adapter, { status: 403, code: 'TSG604' });

    const fetched = await protectedReplay.send(adapter, {
      path: '/',
      headers: { 'X-CSRF-Token': 'Fetch' },
    });
    expect(fetched.status).toBe(200);
    const token = fetched.headers.get('x-csrf-token') ?? '';
    expect(token).toMatch(/^[0-9a-z]+\.[\w-]+$/);

    const created = await protectedReplay.send(adapter, {
      method: 'POST',
      path: '/CUSTOMERS',
      headers: { 'X-CSRF-Token': token },
      json: body,
    });
    expect(created.status, created.text).toBe(201);
    const recordId = String(created.body?.['RecordId']);
    const edited = await protectedReplay.send(adapter, {
      method: 'PATCH',
      path: `/CUSTOMERS(${recordId})`,
      headers: { 'X-CSRF-Token': token },
      json: { city: 'Nara' },
    });
    expect(edited.status).toBe(204);
    const deleted = await protectedReplay.send(adapter, {
      method: 'DELETE',
      path: `/CUSTOMERS(${recordId})`,
      headers: { 'X-CSRF-Token': token },
    });
    expect(deleted.status).toBe(204);
  });
});

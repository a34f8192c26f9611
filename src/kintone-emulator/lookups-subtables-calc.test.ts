// Lookups (facts sheet §10.7), subtable write rules (§4.3) and CALC fields (§10.8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  startTestEmulator,
  type TestEmulator,
} from './test-support/emulator-test-kit.js';

let kit: TestEmulator;
let customers: number;
let orders: number;

type ReadRecord = Record<string, { type: string; value: unknown }>;
interface Row {
  id: string;
  value: ReadRecord;
}

beforeAll(async () => {
  kit = await startTestEmulator();
  customers = await createTestApp(kit.client, 'Customers', {
    customer_id: {
      type: 'SINGLE_LINE_TEXT',
      code: 'customer_id',
      label: 'Customer ID',
      unique: true,
    },
    company: { type: 'SINGLE_LINE_TEXT', code: 'company', label: 'Company' },
    employees: { type: 'NUMBER', code: 'employees', label: 'Employees' },
  });
  await kit.client.record.addRecords({
    app: customers,
    records: [
      { customer_id: { value: 'C1' }, company: { value: 'Alpha' }, employees: { value: '10' } },
      { customer_id: { value: 'C2' }, company: { value: 'Beta' }, employees: { value: '20' } },
    ],
  });
  orders = await createTestApp(kit.client, 'Orders', {
    customer: {
      type: 'SINGLE_LINE_TEXT',
      code: 'customer',
      label: 'Customer',
      lookup: {
        relatedApp: { app: String(customers) },
        relatedKeyField: 'customer_id',
        fieldMappings: [
          { field: 'company', relatedField: 'company' },
          { field: 'headcount', relatedField: 'employees' },
        ],
        lookupPickerFields: [],
      },
    },
    company: { type: 'SINGLE_LINE_TEXT', code: 'company', label: 'Company' },
    headcount: { type: 'NUMBER', code: 'headcount', label: 'Headcount' },
    discount: { type: 'NUMBER', code: 'discount', label: 'Discount' },
    items: {
      type: 'SUBTABLE',
      code: 'items',
      label: 'Items',
      fields: {
        product: {
          type: 'SINGLE_LINE_TEXT',
          code: 'product',
          label: 'Product',
          defaultValue: 'Widget',
        },
        quantity: { type: 'NUMBER', code: 'quantity', label: 'Quantity' },
        price: { type: 'NUMBER', code: 'price', label: 'Price' },
        line_total: {
          type: 'CALC',
          code: 'line_total',
          label: 'Line total',
          expression: 'quantity * price',
        },
      },
    },
    total: {
      type: 'CALC',
      code: 'total',
      label: 'Total',
      expression: 'SUM(line_total) - discount',
    },
    average: { type: 'CALC', code: 'average', label: 'Average', expression: 'SUM(quantity) / 3' },
    power: { type: 'CALC', code: 'power', label: 'Power', expression: '(discount + 1) ^ 2' },
    is_big: { type: 'CALC', code: 'is_big', label: 'Is big', expression: 'total >= 100' },
    broken: { type: 'CALC', code: 'broken', label: 'Broken', expression: 'total / discount' },
  });
});
afterAll(async () => {
  await kit.emulator.close();
});

async function add(
  record: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  const response = await kit.request('POST', '/k/v1/record.json', {
    body: { app: orders, record },
  });
  return { status: response.status, body: response.json };
}

async function read(id: unknown): Promise<ReadRecord> {
  const response = await kit.request('GET', `/k/v1/record.json?app=${orders}&id=${String(id)}`);
  return response.json?.['record'] as ReadRecord;
}

async function update(id: unknown, record: Record<string, unknown>): Promise<number> {
  return (await kit.request('PUT', '/k/v1/record.json', { body: { app: orders, id, record } }))
    .status;
}

describe('lookups', () => {
  it('copies the mapped fields from the matching source record, ignoring values sent for them', async () => {
    const { body } = await add({ customer: { value: 'C1' }, company: { value: 'Forged' } });
    const record = await read(body?.['id']);
    expect(record['company']?.value).toBe('Alpha');
    expect(record['headcount']?.value).toBe('10');
  });

  it('fails with GAIA_LO04 and no errors member when the key has no match', async () => {
    const { status, body } = await add({ customer: { value: 'C9' } });
    expect(status).toBe(400);
    expect(body).toEqual({
      code: 'GAIA_LO04',
      id: expect.any(String) as unknown,
      message:
        'A value C9 in the field customer does not exist in the datasource app for lookup, or you do not have permission to view the app or the field.',
    });
  });

  it('re-copies on a key change, clears on an empty key, keeps when the key is absent', async () => {
    const { body } = await add({ customer: { value: 'C1' } });
    const id = body?.['id'];
    await update(id, { customer: { value: 'C2' } });
    expect((await read(id))['company']?.value).toBe('Beta');
    await update(id, { discount: { value: '1' } });
    expect((await read(id))['company']?.value).toBe('Beta');
    await update(id, { customer: { value: '' } });
    const cleared = await read(id);
    expect(cleared['company']?.value).toBe('');
    expect(cleared['headcount']?.value).toBe('');
  });

  it('does not propagate later changes of the source record', async () => {
    const { body } = await add({ customer: { value: 'C1' } });
    const source = await kit.client.record.getRecords({ app: customers, query: '' });
    const alpha = source.records.find((record) => record['customer_id']?.value === 'C1');
    const alphaId = alpha?.['$id']?.value;
    expect(typeof alphaId).toBe('string');
    await kit.client.record.updateRecord({
      app: customers,
      id: typeof alphaId === 'string' ? alphaId : '',
      record: { company: { value: 'Alpha 2' } },
    });
    expect((await read(body?.['id']))['company']?.value).toBe('Alpha');
  });
});

describe('subtables', () => {
  it('assigns row ids on POST (ignoring ids sent), applies defaults in rows, computes row CALCs and SUM', async () => {
    const { body } = await add({
      discount: { value: '5' },
      items: {
        value: [
          { id: '12345', value: { quantity: { value: '2' }, price: { value: '30' } } },
          {
            value: {
              product: { value: 'Gadget' },
              quantity: { value: '1' },
              price: { value: '50' },
            },
          },
        ],
      },
    });
    const record = await read(body?.['id']);
    const rows = record['items']?.value as Row[];
    expect(rows).toHaveLength(2);
    expect(rows[0]?.id).not.toBe('12345');
    expect(rows[0]?.value['product']?.value).toBe('Widget');
    expect(rows.map((row) => row.value['line_total']?.value)).toEqual(['60', '50']);
    expect(record['total']?.value).toBe('105');
    expect(record['average']?.value).toBe('1');
    expect(record['power']?.value).toBe('36');
    expect(record['is_big']?.value).toBe('1');
    expect(record['broken']?.value).toBe('21');
  });

  it('merges rows by id on PUT, adds rows without a known id, deletes rows left out', async () => {
    const { body } = await add({
      items: {
        value: [
          { value: { product: { value: 'A' }, quantity: { value: '1' }, price: { value: '10' } } },
          { value: { product: { value: 'B' }, quantity: { value: '1' }, price: { value: '20' } } },
        ],
      },
    });
    const id = body?.['id'];
    const [rowA, rowB] = (await read(id))['items']?.value as Row[];
    await update(id, {
      items: {
        value: [
          { id: rowB?.id, value: { quantity: { value: '3' } } },
          { id: '999999', value: { product: { value: 'C' } } },
        ],
      },
    });
    const rows = (await read(id))['items']?.value as Row[];
    expect(rows.map((row) => row.id)).toEqual([rowB?.id, expect.any(String) as unknown]);
    expect(rows[1]?.id).not.toBe('999999');
    expect(rows[1]?.id).not.toBe(rowA?.id);
    expect(rows[0]?.value['product']?.value).toBe('B');
    expect(rows[0]?.value['quantity']?.value).toBe('3');
    expect(rows[0]?.value['line_total']?.value).toBe('60');
    expect(rows[1]?.value['product']?.value).toBe('C');
    expect((await read(id))['total']?.value).toBe('60');

    await update(id, { discount: { value: '10' } });
    expect(((await read(id))['items']?.value as Row[]).map((row) => row.id)).toEqual(
      rows.map((row) => row.id),
    );
    await update(id, { items: { value: [] } });
    const emptied = await read(id);
    expect(emptied['items']?.value).toEqual([]);
    expect(emptied['total']?.value).toBe('-10');
  });

  it('stores non-numeric numbers inside subtables silently as empty', async () => {
    const { status, body } = await add({
      items: { value: [{ value: { quantity: { value: 'abc' } } }] },
    });
    expect(status).toBe(200);
    const rows = (await read(body?.['id']))['items']?.value as Row[];
    expect(rows[0]?.value['quantity']?.value).toBe('');
  });

  it('gives an empty CALC result on division by zero and rounds quotients to 4 decimals', async () => {
    const { body } = await add({ items: { value: [{ value: { quantity: { value: '1' } } }] } });
    const record = await read(body?.['id']);
    expect(record['broken']?.value).toBe('');
    expect(record['average']?.value).toBe('0.3333');
  });
});

/**
 * Deterministic sample tables for the in-memory connector: Customers, Orders and
 * OrderItems (composite key) with relationships both ways, generated from a seed so that
 * tests can state exact expectations; and a generated 12-column table of any size whose
 * rows are computed on demand (for streaming benchmarks without holding the rows).
 */
import type { Row, TableSchema } from '../connector.js';
import type { MemoryTable } from './memory-connector.js';
import { column } from './column-schema-builder.js';

const noPushdown = { top: false, skip: false, count: false, select: false, search: false } as const;
const writable = { insert: true, update: true, delete: true } as const;

export const customersSchema: TableSchema = {
  id: 'customers',
  name: 'Customers',
  label: 'Customers',
  revision: '1',
  key: ['Id'],
  etagColumn: 'Revision',
  columns: [
    column('Id', 'Edm.Int64', { nullable: false, immutable: true }),
    column('Name', 'Edm.String', { maxLength: 80, nullable: false, requiredOnCreate: true }),
    column('City', 'Edm.String', { maxLength: 40 }),
    column('Country', 'Edm.String', { maxLength: 2, allowedValues: ['JP', 'US', 'FR', 'DE'] }),
    column('Revenue', 'Edm.Decimal', { precision: 15, scale: 2 }),
    column('Rating', 'Edm.Double'),
    column('Since', 'Edm.Date'),
    column('LastContact', 'Edm.DateTimeOffset'),
    column('Active', 'Edm.Boolean', { nullable: false }),
    column('Tags', 'Edm.String', { collection: true, maxLength: 20 }),
    column('ExternalId', 'Edm.Guid'),
    column('Revision', 'Edm.Int64', { nullable: false, computed: true }),
  ],
  relationships: [
    {
      name: 'Orders',
      targetTable: 'orders',
      collection: true,
      columns: [{ column: 'Id', targetColumn: 'CustomerId' }],
      partner: 'Customer',
    },
  ],
  writable,
  pushdown: noPushdown,
};

export const ordersSchema: TableSchema = {
  id: 'orders',
  name: 'Orders',
  label: 'Orders',
  revision: '1',
  key: ['OrderId'],
  columns: [
    column('OrderId', 'Edm.Int32', { nullable: false }),
    column('CustomerId', 'Edm.Int64', { nullable: false }),
    column('Amount', 'Edm.Decimal', { precision: 12, scale: 2 }),
    column('OrderedAt', 'Edm.DateTimeOffset', { nullable: false }),
    column('Status', 'Edm.String', {
      maxLength: 10,
      allowedValues: ['open', 'shipped', 'cancelled'],
    }),
  ],
  relationships: [
    {
      name: 'Customer',
      targetTable: 'customers',
      collection: false,
      columns: [{ column: 'CustomerId', targetColumn: 'Id' }],
      partner: 'Orders',
    },
    {
      name: 'Items',
      targetTable: 'order-items',
      collection: true,
      columns: [{ column: 'OrderId', targetColumn: 'OrderId' }],
      partner: 'Order',
    },
  ],
  writable,
  pushdown: noPushdown,
};

export const orderItemsSchema: TableSchema = {
  id: 'order-items',
  name: 'OrderItems',
  label: 'Order items',
  revision: '1',
  parentId: 'orders',
  key: ['OrderId', 'Line'],
  columns: [
    column('OrderId', 'Edm.Int32', { nullable: false }),
    column('Line', 'Edm.Int16', { nullable: false }),
    column('Product', 'Edm.String', { maxLength: 40 }),
    column('Quantity', 'Edm.Int32'),
  ],
  relationships: [
    {
      name: 'Order',
      targetTable: 'orders',
      collection: false,
      columns: [{ column: 'OrderId', targetColumn: 'OrderId' }],
      partner: 'Items',
    },
  ],
  writable,
  pushdown: noPushdown,
};

/** A small deterministic pseudo-random generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const cities = [
  'Tokyo',
  'Osaka',
  'Paris',
  'Berlin',
  'New York',
  'Kyoto',
  "O'Fallon",
  null,
] as const;
const countries = ['JP', 'JP', 'FR', 'DE', 'US', 'JP', 'US', null] as const;
const names = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
];
const tags = ['vip', 'new', 'partner', 'churn-risk', 'eu'];
const statuses = ['open', 'shipped', 'cancelled'] as const;

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/** Customers, orders and order items; `customerCount` customers with 0–3 orders each. */
export function sampleTables(customerCount = 25, seed = 7): MemoryTable[] {
  const random = seededRandom(seed);
  const customers: Row[] = [];
  const orders: Row[] = [];
  const items: Row[] = [];
  let orderId = 1000;
  for (let id = 1; id <= customerCount; id++) {
    const cityIndex = id % cities.length;
    const tagCount = id % 3;
    customers.push([
      id,
      `${names[id % names.length] ?? 'Name'} ${id}`,
      cities[cityIndex] ?? null,
      countries[cityIndex] ?? null,
      id % 6 === 0 ? null : (Math.round(random() * 10_000_000) / 100).toFixed(2),
      id % 5 === 0 ? null : Math.round(random() * 50) / 10,
      `20${pad(10 + (id % 15))}-${pad(1 + (id % 12))}-${pad(1 + (id % 28))}`,
      `2024-${pad(1 + (id % 12))}-${pad(1 + (id % 28))}T${pad(id % 24)}:${pad((id * 7) % 60)}:00Z`,
      id % 4 !== 0,
      tags.slice(id % tags.length, (id % tags.length) + tagCount),
      `${pad(id, 8)}-0000-4000-8000-${pad(id, 12)}`,
      1 + (id % 3),
    ]);
    for (let order = 0; order < id % 4; order++) {
      orderId++;
      orders.push([
        orderId,
        id,
        (Math.round(random() * 100_000) / 100).toFixed(2),
        `2025-${pad(1 + (orderId % 12))}-${pad(1 + (orderId % 28))}T10:00:00+09:00`,
        statuses[orderId % statuses.length] ?? 'open',
      ]);
      for (let line = 1; line <= 1 + (orderId % 3); line++) {
        items.push([orderId, line, `Product ${(orderId + line) % 17}`, 1 + ((orderId * line) % 9)]);
      }
    }
  }
  return [
    { schema: customersSchema, rows: customers },
    { schema: ordersSchema, rows: orders },
    { schema: orderItemsSchema, rows: items },
  ];
}

/** Distinct rows the generated table cycles through (each with its own key). */
const generatedRowVariety = 1024;

function generatedRow(id: number, categories: readonly string[]): Row {
  return [
    id,
    `C-${id.toString(36).toUpperCase()}`,
    `Customer number ${id}`,
    `user${id}@example.com`,
    (((id * 37) % 100_000) / 100).toFixed(2),
    id % 1000,
    (id % 997) / 997,
    id % 3 !== 0,
    `2024-${pad(1 + (id % 12))}-${pad(1 + (id % 28))}T${pad(id % 24)}:${pad(id % 60)}:00Z`,
    `2025-${pad(1 + (id % 12))}-${pad(1 + (id % 28))}`,
    categories[id % categories.length] ?? null,
    id % 10 === 0 ? null : `Row ${id} has a short note with "quotes" and unicode ✓`,
  ];
}

/**
 * The 12-column table of the streaming benchmark, of any size, computed on demand: rows
 * cycle through 1,024 distinct value sets, each given its own key, so producing a row
 * costs almost nothing and the benchmark measures the gateway, not the generator.
 */
export function generatedTable(rowCount: number): MemoryTable {
  const schema: TableSchema = {
    id: 'generated',
    name: 'Generated',
    label: 'Generated rows',
    revision: '1',
    key: ['Id'],
    columns: [
      column('Id', 'Edm.Int64', { nullable: false }),
      column('Code', 'Edm.String', { maxLength: 16 }),
      column('Name', 'Edm.String', { maxLength: 64 }),
      column('Email', 'Edm.String', { maxLength: 128 }),
      column('Amount', 'Edm.Decimal', { precision: 12, scale: 2 }),
      column('Quantity', 'Edm.Int32'),
      column('Ratio', 'Edm.Double'),
      column('Active', 'Edm.Boolean'),
      column('Created', 'Edm.DateTimeOffset'),
      column('Due', 'Edm.Date'),
      column('Category', 'Edm.String', { maxLength: 20 }),
      column('Notes', 'Edm.String', { maxLength: 255 }),
    ],
    relationships: [],
    writable: { insert: false, update: false, delete: false },
    pushdown: noPushdown,
  };
  const categories = ['alpha', 'beta', 'gamma', 'delta'];
  const variety = Array.from({ length: Math.min(rowCount, generatedRowVariety) }, (_, index) =>
    generatedRow(index + 1, categories),
  );
  return {
    schema,
    rowCount,
    rowAt: (index) => {
      const row = (variety[index % generatedRowVariety] ?? []).slice();
      row[0] = index + 1;
      return row;
    },
  };
}

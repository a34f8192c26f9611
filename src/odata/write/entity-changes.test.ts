import { describe, expect, it } from 'vitest';
import { buildServiceModel } from '../../catalog/build-service-model.js';
import {
  customersSchema,
  orderItemsSchema,
  ordersSchema,
} from '../../connectors/memory/sample-tables.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { EntitySetModel } from '../edm/service-model.js';
import { entityChanges, type EntityChangesInput } from './entity-changes.js';
import { canonicalDecimal, jsonToValue } from './json-to-value.js';

const model = buildServiceModel({
  namespace: 'Tsunagi',
  containerName: 'Service',
  tables: [
    {
      publication: { connectionId: 'm', tableId: 'customers', alias: 'Customers' },
      table: customersSchema,
    },
    { publication: { connectionId: 'm', tableId: 'orders', alias: 'Orders' }, table: ordersSchema },
    {
      publication: { connectionId: 'm', tableId: 'order-items', alias: 'OrderItems' },
      table: orderItemsSchema,
    },
  ],
});
const customers = model.entitySets.get('Customers') as EntitySetModel;
const orders = model.entitySets.get('Orders') as EntitySetModel;
const property = (set: EntitySetModel, name: string) => {
  const found = set.entityType.properties.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(name);
  return found;
};

function problems(input: EntityChangesInput): { target: string | undefined; message: string }[] {
  try {
    entityChanges(input);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(TsunagiError);
    expect((error as TsunagiError).code).toBe('TSG600');
    return (error as TsunagiError).details.map((detail) => ({
      target: detail.target,
      message: detail.message,
    }));
  }
}

describe('JSON values to EDM values', () => {
  it.each([
    ['Name', 'Acme', 'Acme'],
    ['Revenue', 12.5, '12.5'],
    ['Revenue', '0012.50', '12.5'],
    ['Revenue', '-1e2', '-100'],
    ['Id', '9007199254740993', 9007199254740993n],
    ['Id', 42, 42],
    ['Rating', 'INF', Number.POSITIVE_INFINITY],
    ['Since', '2024-02-29', '2024-02-29'],
    ['LastContact', '2024-01-31T09:00:00+09:00', '2024-01-31T09:00:00+09:00'],
    ['ExternalId', 'ABCDEF01-0000-4000-8000-000000000001', 'abcdef01-0000-4000-8000-000000000001'],
    ['Tags', ['vip', 'eu'], ['vip', 'eu']],
    ['City', null, null],
  ] as const)('%s: %j', (name, json, expected) => {
    const converted = jsonToValue(json, property(customers, name));
    expect(converted).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['Name', 5, 'must be a string, not 5'],
    ['Name', 'x'.repeat(81), 'is 81 characters long; at most 80 are allowed'],
    ['Country', 'XX', 'must be one of "JP", "US", "FR", "DE"'],
    ['Revenue', '12.345', 'has 3 decimal places; at most 2 are allowed'],
    ['Revenue', 'twelve', 'must be a decimal number, not "twelve"'],
    ['Since', '2023-02-29', 'must be a date (YYYY-MM-DD), not "2023-02-29"'],
    [
      'LastContact',
      '2024-01-31T09:00:00',
      'must be a date and time with an offset (YYYY-MM-DDThh:mm:ssZ), not "2024-01-31T09:00:00"',
    ],
    ['Active', 'yes', 'must be true or false, not "yes"'],
    ['Active', null, 'cannot be null'],
    ['Tags', 'vip', 'must be an array'],
    ['Tags', ['vip', 3], 'element 1 must be a string, not 3'],
    ['Id', 1.5, 'must be an integer, not 1.5'],
  ] as const)('%s: %j is refused: %s', (name, json, message) => {
    expect(jsonToValue(json, property(customers, name))).toEqual({ ok: false, message });
  });

  it('canonicalises decimals', () => {
    expect(canonicalDecimal('000.000')).toBe('0');
    expect(canonicalDecimal('-0.0')).toBe('0');
    expect(canonicalDecimal('1.50E-3')).toBe('0.0015');
    expect(canonicalDecimal('12,5')).toBeUndefined();
  });
});

describe('entity changes', () => {
  it('converts a valid create body to column values', () => {
    const changes = entityChanges({
      set: customers,
      mode: 'create',
      namespace: 'Tsunagi',
      body: {
        '@odata.type': '#Tsunagi.Customers',
        Id: 100,
        Name: 'New',
        Revenue: '10.00',
        Tags: [],
        'Name@odata.type': '#String',
      },
    });
    expect([...changes.values]).toEqual([
      ['Id', 100],
      ['Name', 'New'],
      ['Revenue', '10'],
      ['Tags', []],
    ]);
  });

  it('reports every problem of a create at once, naming each property', () => {
    expect(
      problems({
        set: customers,
        mode: 'create',
        namespace: 'Tsunagi',
        body: { Nickname: 'x', Revision: 3, Rating: 'high', 'Orders@odata.bind': ['Orders(1)'] },
      }).map((problem) => problem.target),
    ).toEqual(['Nickname', 'Revision', 'Rating', 'Orders@odata.bind', 'Id', 'Name']);
  });

  it('accepts unchanged read-only values on update but refuses changes', () => {
    const current = [3, 'Old', null, null, null, null, null, null, true, [], null, 2];
    expect(
      problems({
        set: customers,
        mode: 'merge',
        namespace: 'Tsunagi',
        current,
        body: { Id: 3, Revision: 2, Name: 'Renamed' },
      }),
    ).toEqual([]);
    expect(
      problems({
        set: customers,
        mode: 'merge',
        namespace: 'Tsunagi',
        current,
        body: { Id: 4, Revision: 9 },
      }),
    ).toEqual([
      { target: 'Id', message: 'Id is part of the key and cannot be changed' },
      { target: 'Revision', message: 'Revision is computed by the source and cannot be changed' },
    ]);
  });

  it('collects nested rows for a deep insert, without the linking columns', () => {
    const changes = entityChanges({
      set: orders,
      mode: 'create',
      namespace: 'Tsunagi',
      relatedSet: (navigation) => model.entitySets.get(navigation.targetSet),
      body: {
        OrderId: 5000,
        CustomerId: 1,
        OrderedAt: '2025-01-01T00:00:00Z',
        Items: [
          { Line: 1, Product: 'Tea', Quantity: 2 },
          { OrderId: 5000, Line: 2, Product: 'Cake' },
        ],
      },
    });
    expect(changes.nested).toHaveLength(1);
    expect(changes.nested[0]?.relationship).toBe('Items');
    expect(changes.nested[0]?.rows.map((row) => [...row])).toEqual([
      [
        ['Line', 1],
        ['Product', 'Tea'],
        ['Quantity', 2],
      ],
      [
        ['Line', 2],
        ['Product', 'Cake'],
      ],
    ]);
  });

  it('refuses a body that is not an object and a wrong @odata.type', () => {
    expect(() =>
      entityChanges({ set: customers, mode: 'create', namespace: 'Tsunagi', body: [1] }),
    ).toThrow(/JSON object/);
    expect(
      problems({
        set: customers,
        mode: 'merge',
        namespace: 'Tsunagi',
        current: [],
        body: { '@odata.type': '#Tsunagi.Orders' },
      })[0]?.target,
    ).toBe('@odata.type');
  });
});

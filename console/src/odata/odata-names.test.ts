// Entity-set names: the same identifier rule as the gateway, and names made from labels.
import { describe, expect, it } from 'vitest';
import { isODataIdentifier, toODataIdentifier } from './odata-names';

describe('OData names', () => {
  it.each(['Customers', '_x', 'Deals_line_items', '顧客', 'A1'])('accepts %s', (name) => {
    expect(isODataIdentifier(name)).toBe(true);
  });

  it.each(['', '1st', 'two words', 'a-b', 'x'.repeat(129), 'Orders$'])('refuses %j', (name) => {
    expect(isODataIdentifier(name)).toBe(false);
  });

  it.each([
    ['Customer list (2024)', 'Customer_list_2024'],
    ['2024 sales', 'T_2024_sales'],
    ['   ', 'Table'],
    ['顧客 一覧', '顧客_一覧'],
  ])('makes %j into %j', (label, name) => {
    expect(toODataIdentifier(label)).toBe(name);
    expect(isODataIdentifier(toODataIdentifier(label))).toBe(true);
  });
});

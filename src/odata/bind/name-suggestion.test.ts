import { describe, expect, it } from 'vitest';
import { editDistance, suggestName } from './name-suggestion.js';

describe('suggestName', () => {
  const names = ['Name', 'Email', 'City', 'CreditLimit', 'CreatedAt', 'Orders'];

  it.each([
    ['name', 'Name'],
    ['Nme', 'Name'],
    ['Emial', 'Email'],
    ['Cty', 'City'],
    ['CreditLimt', 'CreditLimit'],
    ['Order', 'Orders'],
    ['Zebra', undefined],
    ['X', undefined],
    ['Name', undefined],
  ])('%s → %s', (name, expected) => {
    expect(suggestName(name, names)).toBe(expected);
  });

  it('counts a transposition as one edit', () => {
    expect(editDistance('abcd', 'abdc')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

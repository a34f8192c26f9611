import { describe, expect, it } from 'vitest';
import { parseQueryString } from './query-string.js';

describe('parseQueryString', () => {
  it.each([
    ['', {}],
    ['app=1', { app: '1' }],
    ['query=a+b%20c', { query: 'a b c' }],
    ['fields[0]=a&fields[1]=b', { fields: ['a', 'b'] }],
    ['fields%5B1%5D=b&fields%5B0%5D=a', { fields: ['a', 'b'] }],
    ['ids[]=3&ids[]=4', { ids: ['3', '4'] }],
    ['updateKey[field]=code&updateKey[value]=x', { updateKey: { field: 'code', value: 'x' } }],
    ['records[0][id]=1&records[0][revision]=2', { records: [{ id: '1', revision: '2' }] }],
    ['flag', { flag: '' }],
    ['bad=%E0%A4%A', { bad: '%E0%A4%A' }],
  ])('%s', (query, expected) => {
    expect(parseQueryString(query)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import type { Value } from '../edm/primitive-type.js';
import type { SearchExpression } from '../semantic/search.js';
import { compileSearch, type SearchColumn } from './compile-search.js';

const columns: readonly SearchColumn[] = [
  { columnIndex: 0, type: 'Edm.String', collection: false },
  { columnIndex: 1, type: 'Edm.String', collection: false },
  { columnIndex: 2, type: 'Edm.Int32', collection: false },
  { columnIndex: 3, type: 'Edm.String', collection: true },
  { columnIndex: 4, type: 'Edm.Guid', collection: false },
];

const term = (text: string): SearchExpression => ({ kind: 'term', text, phrase: false });
const phrase = (text: string): SearchExpression => ({ kind: 'term', text, phrase: true });
const and = (left: SearchExpression, right: SearchExpression): SearchExpression => ({
  kind: 'and',
  left,
  right,
});
const or = (left: SearchExpression, right: SearchExpression): SearchExpression => ({
  kind: 'or',
  left,
  right,
});
const not = (operand: SearchExpression): SearchExpression => ({ kind: 'not', operand });

const row: readonly Value[] = [
  'Tsunagi Gateway',
  'connects Kintone to Salesforce',
  12_345,
  ['red', 'Äpfel'],
  '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
];

describe('compileSearch', () => {
  it.each([
    ['a substring of a column', term('tsu'), true],
    ['ignoring case', term('GATEWAY'), true],
    ['in the second column', term('kintone'), true],
    ['no match', term('odata'), false],
    ['a phrase with a space', phrase('kintone to sales'), true],
    ['a phrase not in one column', phrase('gateway connects'), false],
    ['an element of a collection', term('RED'), true],
    ['Unicode case folding', term('äPFEL'), true],
    ['not in number columns', term('234'), false],
    ['not in GUID columns', term('0a1b'), false],
    ['special characters literally', term('tsunagi.gateway'), false],
    ['special characters that occur', term('i G'), true],
    ['AND', and(term('tsunagi'), term('salesforce')), true],
    ['AND, one missing', and(term('tsunagi'), term('odata')), false],
    ['OR', or(term('odata'), term('kintone')), true],
    ['NOT', not(term('odata')), true],
    ['NOT of a match', not(term('tsunagi')), false],
    ['nested', and(not(term('odata')), or(term('x-y-z'), phrase('to salesforce'))), true],
    ['the empty term', term(''), true],
  ])('matches %s', (_name, search, expected) => {
    expect(compileSearch(search, columns)(row)).toBe(expected);
  });

  it('skips nulls, missing cells and non-string elements', () => {
    const search = compileSearch(term('x'), columns);
    expect(search([null, null, null, null, null])).toBe(false);
    expect(search([])).toBe(false);
    expect(search([null, null, null, ['a', 'x'], null])).toBe(true);
  });
});

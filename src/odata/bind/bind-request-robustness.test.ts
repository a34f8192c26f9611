import { describe, expect, it } from 'vitest';
import { isTsunagiError } from '../../errors/tsunagi-error.js';
import { sampleModel } from '../test-support/sample-model.js';
import { bindRequest } from './bind-request.js';

/** Deterministic pseudo-random numbers (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const pathPieces = [
  '/Customers',
  '/Orders',
  '/OrderItems',
  '/Products',
  '(5)',
  "('a''b')",
  '(OrderId=1,LineNo=2)',
  '/Orders',
  '/Items',
  '/Customer',
  '/$count',
  '/$value',
  '/Name',
  '/5',
  '/Tsunagi.Customer',
  '(',
  ')',
  '%2F',
  '%28',
  '/$ref',
  '/$metadata',
  '/',
  "'",
  '%',
  '%E9%A1%A7',
  '(@k)',
];
const queryPieces = [
  '$filter=',
  '$select=',
  '$expand=',
  '$orderby=',
  '$top=',
  '$skip=',
  '$count=',
  '$search=',
  '@k=',
  '&',
  ';',
  '(',
  ')',
  'Name',
  'Score',
  'Orders',
  'Items',
  'Tags',
  ' eq ',
  ' and ',
  ' or ',
  ' not ',
  "'x'",
  '5',
  '1.5',
  'null',
  'true',
  '2024-01-01',
  'contains(',
  ',',
  '/any(o:o/Total gt 1)',
  '/$count',
  ' in (1,2)',
  '%20',
  '%27',
  '*',
  '$it',
  '@k',
  'cast(',
  'Edm.String',
  '[',
  ']',
  '{',
  '}',
  '"',
  ':',
  '-',
  ' add ',
  "duration'P1D'",
  '$levels=2',
  '#',
  '+',
];

function pick(next: () => number, pieces: readonly string[], count: number): string {
  let text = '';
  for (let index = 0; index < count; index++)
    text += pieces[Math.floor(next() * pieces.length)] ?? '';
  return text;
}

describe('bindRequest robustness', () => {
  it('answers random URLs with a result or a TsunagiError, never anything else', () => {
    const next = random(20_240_601);
    let errors = 0;
    for (let round = 0; round < 3_000; round++) {
      const path = pick(next, pathPieces, 1 + Math.floor(next() * 4));
      const query = pick(next, queryPieces, Math.floor(next() * 10));
      try {
        bindRequest({ path, query }, sampleModel);
      } catch (error) {
        if (!isTsunagiError(error)) {
          throw new Error(`unexpected ${String(error)} for ${path}?${query}`, { cause: error });
        }
        expect(error.message).toMatch(/position|\$|URL/);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(0);
  });
});

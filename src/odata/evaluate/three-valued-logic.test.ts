import { describe, expect, it } from 'vitest';
import type { Value } from '../edm/primitive-type.js';
import {
  and,
  eq,
  literal,
  not,
  nullLiteral,
  or,
  property,
} from '../semantic/expression-builders.js';
import type { BoundExpression } from '../semantic/expression.js';
import { compileFilter } from './compile-filter.js';
import { compileValue } from './compile-value.js';
import { testOptions, testProperty } from './test-support/sample-model.js';

const left = property(testProperty('A', 'Edm.Boolean', 0));
const right = property(testProperty('B', 'Edm.Boolean', 1));

type Truth = boolean | null;

/** Truth tables of OData 4.01 §5.1.1.3: [left, right, and, or]. */
const table: readonly [Truth, Truth, Truth, Truth][] = [
  [true, true, true, true],
  [true, false, false, true],
  [true, null, null, true],
  [false, true, false, true],
  [false, false, false, false],
  [false, null, false, null],
  [null, true, null, true],
  [null, false, false, null],
  [null, null, null, null],
];

function booleanLiteral(value: Truth): BoundExpression {
  return value === null ? nullLiteral() : literal('Edm.Boolean', value);
}

/** The same operand three ways: a nullable column, a literal (folded), a literal typed null. */
function operandVariants(value: Truth, column: BoundExpression): BoundExpression[] {
  return [column, booleanLiteral(value), literal('Edm.Boolean', value)];
}

describe('three-valued logic', () => {
  describe.each(table)('%s and/or %s', (a, b, expectedAnd, expectedOr) => {
    const row: Value[] = [a, b];
    it(`and is ${expectedAnd}, or is ${expectedOr}, on columns and literals`, () => {
      for (const l of operandVariants(a, left)) {
        for (const r of operandVariants(b, right)) {
          expect(compileValue(and(l, r), testOptions)(row)).toBe(expectedAnd);
          expect(compileValue(or(l, r), testOptions)(row)).toBe(expectedOr);
          expect(compileFilter(and(l, r), testOptions)(row)).toBe(expectedAnd === true);
          expect(compileFilter(or(l, r), testOptions)(row)).toBe(expectedOr === true);
        }
      }
    });
  });

  it.each([
    [true, false],
    [false, true],
    [null, null],
  ] as const)('not %s is %s', (value, expected) => {
    for (const operand of operandVariants(value, left)) {
      expect(compileValue(not(operand), testOptions)([value])).toBe(expected);
      expect(compileFilter(not(operand), testOptions)([value])).toBe(expected === true);
    }
  });

  it('keeps a row only when the filter is true', () => {
    const filter = compileFilter(left, testOptions);
    expect([true, false, null].map((value) => filter([value]))).toEqual([true, false, false]);
  });

  it('treats comparisons as never null: not (A eq true) keeps rows where A is null', () => {
    const filter = compileFilter(not(eq(left, literal('Edm.Boolean', true))), testOptions);
    expect([true, false, null].map((value) => filter([value]))).toEqual([false, true, true]);
  });

  it('mixes strict and nullable operands: (A eq true) or B', () => {
    const filter = compileFilter(or(eq(left, literal('Edm.Boolean', true)), right), testOptions);
    expect(filter([false, null])).toBe(false);
    expect(filter([null, true])).toBe(true);
    expect(filter([true, null])).toBe(true);
    expect(
      compileValue(or(eq(left, literal('Edm.Boolean', true)), right), testOptions)([false, null]),
    ).toBeNull();
  });

  it('folds constant operands', () => {
    expect(compileFilter(and(literal('Edm.Boolean', false), left), testOptions)([true])).toBe(
      false,
    );
    expect(compileFilter(or(literal('Edm.Boolean', true), left), testOptions)([null])).toBe(true);
    expect(compileFilter(and(literal('Edm.Boolean', true), left), testOptions)([true])).toBe(true);
    expect(compileFilter(or(literal('Edm.Boolean', false), left), testOptions)([false])).toBe(
      false,
    );
  });
});

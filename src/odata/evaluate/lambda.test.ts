import { describe, expect, it } from 'vitest';
import type { Value } from '../edm/primitive-type.js';
import type { NavigationPropertyModel } from '../edm/service-model.js';
import { isTsunagiError } from '../../errors/tsunagi-error.js';
import {
  all,
  any,
  arithmetic,
  call,
  count,
  eq,
  gt,
  literal,
  navigation,
  property,
  rangeVariable,
} from '../semantic/expression-builders.js';
import type { BoundExpression } from '../semantic/expression.js';
import { compileComparator } from './compile-comparator.js';
import { compileFilter } from './compile-filter.js';
import { compileValue } from './compile-value.js';
import {
  column,
  int32,
  sampleProperties,
  sampleRow,
  string,
  testOptions,
} from './test-support/sample-model.js';

const t = rangeVariable('t', 'Edm.String');
const s = rangeVariable('s', 'Edm.Int32');

function keep(
  expression: BoundExpression,
  tags: Value,
  extra: Parameters<typeof sampleRow>[0] = {},
): boolean {
  return compileFilter(expression, testOptions)(sampleRow({ Tags: tags, ...extra }));
}

describe('lambda operators', () => {
  it.each([
    [['a', 'x'], true],
    [['a'], false],
    [[], false],
    [null, false],
  ])('Tags/any(t: t eq x) on %j is %s', (tags, expected) => {
    expect(keep(any(column('Tags'), 't', eq(t, string('x'))), tags)).toBe(expected);
  });

  it.each([
    [['a'], true],
    [[], false],
    [null, false],
  ])('Tags/any() on %j is %s', (tags, expected) => {
    expect(keep(any(column('Tags')), tags)).toBe(expected);
  });

  it.each([
    [['ab', 'ac'], true],
    [['ab', 'b'], false],
    [[], true],
    [null, true],
  ])('Tags/all(t: startswith(t, a)) on %j is %s', (tags, expected) => {
    expect(keep(all(column('Tags'), 't', call('startswith', t, string('a'))), tags)).toBe(expected);
  });

  it('treats a null predicate as not true: all fails, any does not match', () => {
    const predicate = call('contains', t, column('Note'));
    expect(keep(all(column('Tags'), 't', predicate), ['a'], { Note: null })).toBe(false);
    expect(keep(any(column('Tags'), 't', predicate), ['a'], { Note: null })).toBe(false);
    expect(keep(all(column('Tags'), 't', predicate), ['ab', 'b'], { Note: 'b' })).toBe(true);
  });

  it('compares elements with $it properties', () => {
    const expression = any(column('Tags'), 't', eq(t, column('Name')));
    expect(keep(expression, ['a', 'b'], { Name: 'b' })).toBe(true);
    expect(keep(expression, ['a', 'b'], { Name: 'c' })).toBe(false);
  });

  it('nests lambdas with their own variables, the inner one seeing the outer one', () => {
    const expression = any(
      column('Tags'),
      't',
      any(column('Scores'), 's', eq(s, call('length', t))),
    );
    expect(keep(expression, ['ab', 'abc'], { Scores: [3] })).toBe(true);
    expect(keep(expression, ['ab', 'abc'], { Scores: [5, 1] })).toBe(false);
    expect(keep(expression, ['ab'], { Scores: [] })).toBe(false);
  });

  it('resolves a shadowed variable name to the innermost lambda', () => {
    const inner = rangeVariable('x', 'Edm.Int32');
    const expression = any(column('Tags'), 'x', any(column('Scores'), 'x', gt(inner, int32(2))));
    expect(keep(expression, ['a'], { Scores: [1, 3] })).toBe(true);
    expect(keep(expression, ['a'], { Scores: [1, 2] })).toBe(false);
  });

  it('evaluates arithmetic on elements: Scores/all(s: s mod 2 eq 0)', () => {
    const expression = all(column('Scores'), 's', eq(arithmetic('mod', s, int32(2)), int32(0)));
    expect(keep(expression, null, { Scores: [2, 4] })).toBe(true);
    expect(keep(expression, null, { Scores: [2, 3] })).toBe(false);
  });

  it('counts a collection: Tags/$count', () => {
    const filter = compileFilter(gt(count(column('Tags')), int32(1)), testOptions);
    expect(filter(sampleRow({ Tags: ['a', 'b'] }))).toBe(true);
    expect(filter(sampleRow({ Tags: ['a'] }))).toBe(false);
    expect(compileValue(count(column('Tags')), testOptions)(sampleRow({ Tags: null }))).toBe(0);
  });
});

function errorOf(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    if (isTsunagiError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a TsunagiError');
}

const orders: NavigationPropertyModel = {
  name: 'Orders',
  targetSet: 'Orders',
  targetType: 'Order',
  collection: true,
  nullable: false,
  constraints: [{ property: 'Id', referencedProperty: 'CustomerId' }],
};

const customer: NavigationPropertyModel = {
  name: 'Customer',
  targetSet: 'Customers',
  targetType: 'Customer',
  collection: false,
  nullable: true,
  constraints: [{ property: 'CustomerId', referencedProperty: 'Id' }],
};

describe('what cannot be evaluated in memory', () => {
  it('refuses a lambda through navigation with TSG210', () => {
    const expression = any(
      navigation(orders),
      'o',
      gt(property(sampleProperties.Amount, 'o'), int32(5)),
    );
    const error = errorOf(() => compileFilter(expression, testOptions));
    expect(error.code).toBe('TSG210');
    expect(error.message).toBe(
      "Filtering through navigation property 'Orders' is not supported for this entity set.",
    );
  });

  it('refuses a comparison through navigation with TSG210', () => {
    const expression = eq(navigation(customer, property(sampleProperties.Name)), string('x'));
    expect(errorOf(() => compileFilter(expression, testOptions)).message).toContain("'Customer'");
    expect(errorOf(() => compileFilter(count(navigation(orders)), testOptions)).code).toBe(
      'TSG210',
    );
  });

  it('refuses ordering through navigation with TSG210', () => {
    const error = errorOf(() =>
      compileComparator(
        [{ expression: navigation(customer, property(sampleProperties.Name)), direction: 'asc' }],
        testOptions,
      ),
    );
    expect(error.code).toBe('TSG210');
    expect(error.message).toContain("Ordering through navigation property 'Customer'");
  });

  it('refuses an unknown range variable with TSG212', () => {
    const expression = any(column('Tags'), 't', eq(rangeVariable('u', 'Edm.String'), string('x')));
    expect(errorOf(() => compileFilter(expression, testOptions)).code).toBe('TSG212');
  });

  it('refuses a lambda over a single value with TSG203', () => {
    const expression = any(column('Name'), 't', eq(t, string('x')));
    expect(errorOf(() => compileFilter(expression, testOptions)).code).toBe('TSG203');
  });

  it('refuses a non-boolean filter with TSG207', () => {
    expect(errorOf(() => compileFilter(column('Name'), testOptions)).code).toBe('TSG207');
    expect(errorOf(() => compileFilter(any(column('Tags'), 't', t), testOptions)).code).toBe(
      'TSG207',
    );
  });

  it('accepts $it as an explicit variable', () => {
    const expression = eq(property(sampleProperties.Name, '$it'), literal('Edm.String', 'a'));
    expect(compileFilter(expression, testOptions)(sampleRow({ Name: 'a' }))).toBe(true);
  });
});

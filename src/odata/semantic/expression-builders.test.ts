import { describe, expect, it } from 'vitest';
import type { EdmPrimitiveType } from '../edm/primitive-type.js';
import type { PropertyModel } from '../edm/service-model.js';
import {
  all,
  and,
  any,
  arithmetic,
  arithmeticResultType,
  call,
  cast,
  count,
  eq,
  inList,
  isOf,
  literal,
  negate,
  not,
  nullLiteral,
  or,
  property,
  rangeVariable,
} from './expression-builders.js';
import type { ArithmeticOperator } from './expression.js';

const amount: PropertyModel = {
  name: 'Amount',
  column: 'amount',
  columnIndex: 2,
  type: 'Edm.Int32',
  collection: false,
  nullable: true,
  computed: false,
  immutable: false,
};
const tags: PropertyModel = {
  ...amount,
  name: 'Tags',
  column: 'tags',
  type: 'Edm.String',
  collection: true,
};

describe('expression builders', () => {
  it('builds frozen nodes with result types', () => {
    const node = and(
      eq(property(amount), literal('Edm.Int32', 5)),
      not(literal('Edm.Boolean', true)),
    );
    expect(Object.isFrozen(node)).toBe(true);
    expect(node).toMatchObject({
      kind: 'logical',
      operator: 'and',
      resultType: { type: 'Edm.Boolean', collection: false },
      left: { kind: 'comparison', operator: 'eq', left: { kind: 'property', variable: null } },
      right: { kind: 'not' },
    });
    expect(property(tags).resultType).toEqual({ type: 'Edm.String', collection: true });
    expect(literal('Edm.String', ['a']).resultType.collection).toBe(true);
    expect(nullLiteral().resultType.type).toBe('null');
  });

  it('folds and/or of several operands to the left', () => {
    const [a, b, c] = [1, 2, 3].map((value) => eq(property(amount), literal('Edm.Int32', value)));
    if (a === undefined || b === undefined || c === undefined) throw new Error('three operands');
    expect(or(a, b, c)).toMatchObject({
      kind: 'logical',
      operator: 'or',
      left: { operator: 'or', left: a, right: b },
      right: c,
    });
    expect(and(a)).toBe(a);
  });

  const resultTypeCases: readonly [
    ArithmeticOperator,
    EdmPrimitiveType | 'null',
    EdmPrimitiveType | 'null',
    EdmPrimitiveType | 'null',
  ][] = [
    ['add', 'Edm.Int32', 'Edm.Int64', 'Edm.Int64'],
    ['add', 'Edm.Byte', 'Edm.Int16', 'Edm.Int16'],
    ['mul', 'Edm.Int64', 'Edm.Decimal', 'Edm.Decimal'],
    ['sub', 'Edm.Decimal', 'Edm.Single', 'Edm.Single'],
    ['div', 'Edm.Int32', 'Edm.Int32', 'Edm.Int32'],
    ['divby', 'Edm.Int32', 'Edm.Int32', 'Edm.Decimal'],
    ['divby', 'Edm.Double', 'Edm.Int32', 'Edm.Double'],
    ['add', 'Edm.DateTimeOffset', 'Edm.Duration', 'Edm.DateTimeOffset'],
    ['add', 'Edm.Duration', 'Edm.Date', 'Edm.Date'],
    ['sub', 'Edm.Date', 'Edm.Date', 'Edm.Duration'],
    ['sub', 'Edm.DateTimeOffset', 'Edm.DateTimeOffset', 'Edm.Duration'],
    ['mul', 'Edm.Duration', 'Edm.Int32', 'Edm.Duration'],
    ['add', 'Edm.String', 'Edm.Int32', 'null'],
    ['add', 'null', 'Edm.Int32', 'Edm.Int32'],
  ];

  it.each(resultTypeCases)('%s of %s and %s is %s', (operator, left, right, expected) => {
    expect(arithmeticResultType(operator, left, right)).toBe(expected);
    if (left !== 'null' && right !== 'null') {
      const node = arithmetic(operator, literal(left, null), literal(right, null));
      expect(node.resultType.type).toBe(expected);
    }
  });

  it.each([
    [
      call('contains', literal('Edm.String', 'a'), literal('Edm.String', 'b')),
      'Edm.Boolean',
      false,
    ],
    [call('length', property(tags)), 'Edm.Int32', false],
    [call('substring', property(tags), literal('Edm.Int32', 1)), 'Edm.String', true],
    [call('concat', literal('Edm.String', 'a'), literal('Edm.String', 'b')), 'Edm.String', false],
    [call('round', literal('Edm.Decimal', '1.5')), 'Edm.Decimal', false],
    [call('totalseconds', literal('Edm.Duration', 'P1D')), 'Edm.Decimal', false],
    [call('date', literal('Edm.DateTimeOffset', '2024-01-01T00:00:00Z')), 'Edm.Date', false],
    [call('now'), 'Edm.DateTimeOffset', false],
    [cast(property(amount), 'Edm.String'), 'Edm.String', false],
    [isOf(property(amount), 'Edm.Byte'), 'Edm.Boolean', false],
    [negate(property(amount)), 'Edm.Int32', false],
    [inList(property(amount), [literal('Edm.Int32', 1)]), 'Edm.Boolean', false],
    [count(property(tags)), 'Edm.Int32', false],
    [any(property(tags)), 'Edm.Boolean', false],
    [
      all(property(tags), 't', eq(rangeVariable('t', 'Edm.String'), literal('Edm.String', 'a'))),
      'Edm.Boolean',
      false,
    ],
  ] as const)('types %o', (node, type: EdmPrimitiveType, collection) => {
    expect(node.resultType).toEqual({ type, collection });
  });
});

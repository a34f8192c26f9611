// The admin API's schema language: the JSON Schema it emits and how it checks values.
import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../../control-plane/validation.js';
import {
  array,
  boolean,
  choice,
  collectComponents,
  integer,
  named,
  nullable,
  object,
  optional,
  record,
  scalar,
  text,
  type CheckMode,
  type Schema,
} from './json-schema.js';

function check<T>(schema: Schema<T>, value: unknown, mode: CheckMode = 'body') {
  const problems: FieldProblem[] = [];
  const result = schema.check(value, '', problems, mode);
  return { result, problems: problems.map((problem) => `${problem.field}: ${problem.message}`) };
}

const person = object({
  name: text({ maxLength: 5 }),
  age: optional(nullable(integer({ minimum: 0 }))),
  tags: optional(array(choice(['a', 'b']), { maxItems: 2 })),
  extra: optional(record(scalar())),
});

describe('json schema', () => {
  it('emits JSON Schema 2020-12 with required fields and no unknown properties', () => {
    expect(person.json).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 5 },
        age: { type: ['integer', 'null'], minimum: 0 },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, maxItems: 2 },
        extra: {
          type: 'object',
          additionalProperties: { type: ['string', 'number', 'boolean'] },
        },
      },
      required: ['name'],
      additionalProperties: false,
    });
  });

  it('keeps valid values and only the known fields', () => {
    expect(check(person, { name: 'Ann', age: null, tags: ['b'], extra: { x: 1 } })).toEqual({
      result: { name: 'Ann', age: null, tags: ['b'], extra: { x: 1 } },
      problems: [],
    });
  });

  it('reports every problem with its path', () => {
    expect(
      check(person, { age: -1, tags: ['c', 'a', 'b'], extra: { y: {} }, colour: 'red' }).problems,
    ).toEqual([
      'name: name is required.',
      'age: age must be a whole number of at least 0.',
      'tags: tags may hold at most 2 items.',
      'extra.y: extra.y must be text, a number or true/false.',
      'colour: There is no field colour.',
    ]);
    expect(check(person, 'text').problems).toEqual([
      'body: The request body must be a JSON object.',
    ]);
    expect(
      check(object({ inner: object({ a: boolean() }) }), { inner: { b: 1 } }).problems,
    ).toEqual(['inner.a: inner.a is required.', 'inner.b: There is no field inner.b in inner.']);
  });

  it('reads query parameters from text', () => {
    const query = object({ limit: optional(integer({ minimum: 1 })), all: optional(boolean()) });
    expect(check(query, { limit: '20', all: 'true' }, 'query')).toEqual({
      result: { limit: 20, all: true },
      problems: [],
    });
    expect(check(query, { limit: ['1', '2'], all: 'yes' }, 'query').problems).toEqual([
      'limit: limit is given more than once; give it once.',
      'all: all must be true or false.',
    ]);
    // Text is not a number in a body.
    expect(check(query, { limit: '20' }).problems).toEqual([
      'limit: limit must be a whole number of at least 1.',
    ]);
  });

  it('refuses prototype keys in free-form objects', () => {
    const parsed = JSON.parse('{"__proto__": {"x": 1}, "constructor": "y"}') as unknown;
    expect(check(record(scalar()), parsed).problems).toEqual([
      '__proto__: __proto__ is not an allowed name.',
      'constructor: constructor is not an allowed name.',
    ]);
  });

  it('names schemas once for the components', () => {
    const thing = named('Thing', object({ id: text() }));
    const list = object({ things: array(thing), first: nullable(thing) });
    expect(list.json).toMatchObject({
      properties: {
        things: { items: { $ref: '#/components/schemas/Thing' } },
        first: { anyOf: [{ $ref: '#/components/schemas/Thing' }, { type: 'null' }] },
      },
    });
    expect([...collectComponents([list]).keys()]).toEqual(['Thing']);
    const impostor = named('Thing', object({ other: text() }));
    expect(() => collectComponents([list, impostor])).toThrow('Two different schemas');
  });
});

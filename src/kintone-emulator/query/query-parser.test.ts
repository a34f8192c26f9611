// Query text → syntax tree: precedence, clauses, literals, escapes and whitespace.
import { describe, expect, it } from 'vitest';
import { KintoneQueryError } from './query-engine-contract.js';
import { tokenizeQuery } from './query-lexer.js';
import { parseQuery } from './query-parser.js';

describe('tokenizeQuery', () => {
  it('decodes the escapes of string literals', () => {
    const [token] = tokenizeQuery('"a\\"b\\\\c\\td\\ne\\rf"');
    expect(token).toEqual({ kind: 'string', value: 'a"b\\c\td\ne\rf', position: 0 });
  });

  it('splits on every whitespace kind, U+3000 included, and keeps Japanese words whole', () => {
    const tokens = tokenizeQuery('顧客名\u3000=\t"x"\r\nand\n$id>=-1.5');
    expect(
      tokens.map((token) =>
        token.kind === 'string' ? token.value : token.kind === 'end' ? '' : token.text,
      ),
    ).toEqual(['顧客名', '=', 'x', 'and', '$id', '>=', '-1.5', '']);
  });

  it('reads two-character operators', () => {
    const texts = tokenizeQuery('a!=1 b<=2 c>=3 d<4 e>5').flatMap((token) =>
      token.kind === 'punctuation' ? [token.text] : [],
    );
    expect(texts).toEqual(['!=', '<=', '>=', '<', '>']);
  });

  it.each([
    ['"abc', 'not closed'],
    ['"a\tb"', 'tab'],
    ['"a\\x"', '\\x'],
    ["'a'", 'double quotes'],
    ['a # b', '#'],
    ['a \u0001 b', 'U+0001'],
  ])('rejects %j', (query, fragment) => {
    try {
      tokenizeQuery(query);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KintoneQueryError);
      expect((error as KintoneQueryError).errors?.['query']?.messages[0]).toContain(fragment);
    }
  });
});

describe('parseQuery', () => {
  const field = (name: string, position: number) => ({ name, position });

  it('binds and tighter than or', () => {
    const { condition } = parseQuery('a = 1 or b = 2 and c = 3');
    expect(condition).toEqual({
      kind: 'or',
      operands: [
        {
          kind: 'comparison',
          field: field('a', 0),
          operator: '=',
          value: { kind: 'number', text: '1', position: 4 },
        },
        {
          kind: 'and',
          operands: [
            {
              kind: 'comparison',
              field: field('b', 9),
              operator: '=',
              value: { kind: 'number', text: '2', position: 13 },
            },
            {
              kind: 'comparison',
              field: field('c', 19),
              operator: '=',
              value: { kind: 'number', text: '3', position: 23 },
            },
          ],
        },
      ],
    });
  });

  it('parses every condition form', () => {
    const { condition } = parseQuery(
      'a in ("x", 2, LOGINUSER()) and b not in () and c like "w" and d not like "v" and e is empty and f is not empty',
    );
    expect(
      condition?.kind === 'and' ? condition.operands.map((operand) => operand.kind) : [],
    ).toEqual(['membership', 'membership', 'like', 'like', 'emptiness', 'emptiness']);
    expect(condition).toMatchObject({
      operands: [
        {
          values: [
            { kind: 'string', value: 'x' },
            { kind: 'number', text: '2' },
            { kind: 'function', name: 'LOGINUSER', arguments: [] },
          ],
          negated: false,
        },
        { values: [], negated: true },
        { pattern: 'w', negated: false },
        { pattern: 'v', negated: true },
        { negated: false },
        { negated: true },
      ],
    });
  });

  it('parses function arguments', () => {
    expect(parseQuery('d = FROM_TODAY(-3, DAYS)').condition).toMatchObject({
      value: {
        kind: 'function',
        name: 'FROM_TODAY',
        arguments: [
          { kind: 'integer', value: -3 },
          { kind: 'symbol', name: 'DAYS' },
        ],
      },
    });
  });

  it('parses order by, limit and offset in order', () => {
    expect(parseQuery('a = 1 order by b asc, c desc, d limit 10 offset 20')).toMatchObject({
      orderBy: [
        { field: { name: 'b' }, direction: 'asc' },
        { field: { name: 'c' }, direction: 'desc' },
        { field: { name: 'd' }, direction: 'desc' },
      ],
      limit: 10,
      offset: 20,
    });
    expect(parseQuery('limit 0')).toEqual({
      condition: undefined,
      orderBy: [],
      limit: 0,
      offset: undefined,
    });
  });

  it('reads limit and offset as field codes when a condition follows them', () => {
    expect(parseQuery('limit = 5 order by offset').condition).toMatchObject({
      field: { name: 'limit' },
    });
  });

  it('keeps keywords case-insensitive', () => {
    expect(
      parseQuery('a IN ("x") Or b NOT LIKE "y" ORDER BY c Asc LIMIT 1 OFFSET 2'),
    ).toMatchObject({
      condition: { kind: 'or' },
      orderBy: [{ direction: 'asc' }],
      limit: 1,
      offset: 2,
    });
  });
});

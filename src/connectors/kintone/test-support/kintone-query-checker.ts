/**
 * Test support: a small parser of Kintone's query grammar (facts sheet §5.1), strict on
 * purpose. Tests use it to prove that a generated query has exactly the structure intended
 * — which conditions, on which fields, with which literal values — so that no value can
 * have changed it.
 */

export type QueryNode =
  | { readonly kind: 'and' | 'or'; readonly left: QueryNode; readonly right: QueryNode }
  | {
      readonly kind: 'condition';
      readonly field: string;
      readonly operator: string;
      readonly values: readonly (string | number)[];
    };

export interface ParsedQuery {
  readonly condition: QueryNode | undefined;
  readonly orderBy: readonly { readonly field: string; readonly direction: string }[];
  readonly limit: number | undefined;
  readonly offset: number | undefined;
}

type Token =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'word'; readonly value: string }
  | { readonly kind: 'symbol'; readonly value: string };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const character = query[index] ?? '';
    if (/[ \t\r\n\u3000]/.test(character)) {
      index++;
      continue;
    }
    if (character === '"') {
      let value = '';
      index++;
      for (;;) {
        const next = query[index];
        if (next === undefined) throw new Error('unterminated string');
        if (next === '"') break;
        if (next === '\n' || next === '\r' || next === '\t')
          throw new Error('raw control character in a string');
        if (next === '\\') {
          const escaped = query[index + 1];
          const map: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t' };
          const decoded = escaped === undefined ? undefined : map[escaped];
          if (decoded === undefined) throw new Error(`bad escape \\${escaped ?? ''}`);
          value += decoded;
          index += 2;
          continue;
        }
        value += next;
        index++;
      }
      index++;
      tokens.push({ kind: 'string', value });
      continue;
    }
    const symbol = /^(!=|>=|<=|=|>|<|\(|\)|,)/.exec(query.slice(index));
    if (symbol !== null) {
      tokens.push({ kind: 'symbol', value: symbol[0] });
      index += symbol[0].length;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(query.slice(index));
    if (number !== null) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      index += number[0].length;
      continue;
    }
    const word = /^[$\p{L}\p{N}_\u30fb\uff04\uff3f]+/u.exec(query.slice(index));
    if (word !== null) {
      tokens.push({ kind: 'word', value: word[0] });
      index += word[0].length;
      continue;
    }
    throw new Error(`unexpected character ${JSON.stringify(character)} at ${index}`);
  }
  return tokens;
}

export function parseKintoneQuery(query: string): ParsedQuery {
  const tokens = tokenize(query);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const isWord = (value: string, token = peek()): boolean =>
    token?.kind === 'word' && token.value.toLowerCase() === value;
  const expectSymbol = (value: string): void => {
    const token = tokens[position++];
    if (token?.kind !== 'symbol' || token.value !== value) throw new Error(`expected ${value}`);
  };
  const value = (): string | number => {
    const token = tokens[position++];
    if (token === undefined || (token.kind !== 'string' && token.kind !== 'number'))
      throw new Error('expected a value');
    return token.value;
  };
  const condition = (): QueryNode => {
    const field = tokens[position++];
    if (field?.kind !== 'word') throw new Error('expected a field');
    const next = peek();
    if (next?.kind === 'symbol' && ['=', '!=', '>', '<', '>=', '<='].includes(next.value)) {
      position++;
      return { kind: 'condition', field: field.value, operator: next.value, values: [value()] };
    }
    let operator = '';
    if (isWord('not')) {
      position++;
      operator = 'not ';
    }
    if (isWord('in')) {
      position++;
      expectSymbol('(');
      const values: (string | number)[] = [];
      if (!(peek()?.kind === 'symbol' && peek()?.value === ')')) {
        values.push(value());
        while (peek()?.kind === 'symbol' && peek()?.value === ',') {
          position++;
          values.push(value());
        }
      }
      expectSymbol(')');
      return { kind: 'condition', field: field.value, operator: `${operator}in`, values };
    }
    if (isWord('like')) {
      position++;
      const literal = tokens[position++];
      if (literal?.kind !== 'string') throw new Error('like needs a string');
      return {
        kind: 'condition',
        field: field.value,
        operator: `${operator}like`,
        values: [literal.value],
      };
    }
    if (operator === '' && isWord('is')) {
      position++;
      let not = '';
      if (isWord('not')) {
        position++;
        not = 'not ';
      }
      if (!isWord('empty')) throw new Error('expected empty');
      position++;
      return { kind: 'condition', field: field.value, operator: `is ${not}empty`, values: [] };
    }
    throw new Error(`expected an operator after ${field.value}`);
  };
  const term = (): QueryNode => {
    const token = peek();
    if (token?.kind === 'symbol' && token.value === '(') {
      position++;
      const inner = expression();
      expectSymbol(')');
      return inner;
    }
    return condition();
  };
  const andExpression = (): QueryNode => {
    let left = term();
    while (isWord('and')) {
      position++;
      left = { kind: 'and', left, right: term() };
    }
    return left;
  };
  const expression = (): QueryNode => {
    let left = andExpression();
    while (isWord('or')) {
      position++;
      left = { kind: 'or', left, right: andExpression() };
    }
    return left;
  };
  let parsed: QueryNode | undefined;
  if (peek() !== undefined && !isWord('order') && !isWord('limit') && !isWord('offset'))
    parsed = expression();
  const orderBy: { field: string; direction: string }[] = [];
  if (isWord('order')) {
    position++;
    if (!isWord('by')) throw new Error('expected by');
    position++;
    for (;;) {
      const field = tokens[position++];
      if (field?.kind !== 'word') throw new Error('expected a sort field');
      let direction = 'desc';
      if (isWord('asc') || isWord('desc'))
        direction = (tokens[position++] as { value: string }).value;
      orderBy.push({ field: field.value, direction });
      if (peek()?.kind === 'symbol' && peek()?.value === ',') position++;
      else break;
    }
  }
  let limit: number | undefined;
  let offset: number | undefined;
  if (isWord('limit')) {
    position++;
    limit = Number(value());
  }
  if (isWord('offset')) {
    position++;
    offset = Number(value());
  }
  if (position !== tokens.length)
    throw new Error(`unexpected tokens after the query at ${position}`);
  return { condition: parsed, orderBy, limit, offset };
}

/** The conditions of a parsed query, left to right. */
export function conditionsOf(
  node: QueryNode | undefined,
): Extract<QueryNode, { kind: 'condition' }>[] {
  if (node === undefined) return [];
  if (node.kind === 'condition') return [node];
  return [...conditionsOf(node.left), ...conditionsOf(node.right)];
}

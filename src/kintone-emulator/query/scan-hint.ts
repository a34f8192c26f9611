/**
 * A conservative look at a query's text that lets the record API scan records lazily in
 * `$id` order and stop early, instead of sorting every match (facts sheet §5.4: the
 * default order is `$id desc`). It only recognises what it is sure of — no `order by` at
 * all, or `order by $id asc|desc` alone; `$id` bounds only when the condition has no `or`
 * — and otherwise says "unknown", in which case the caller sorts with the compiled
 * query's compare(). The query engine stays the authority on matching: bounds only
 * narrow the range that is scanned, every record in it is still tested.
 */

export interface ScanHint {
  /** The order records come in, when it is by `$id` alone; undefined when it is unknown. */
  readonly idOrder: 'asc' | 'desc' | undefined;
  /** Ids below this cannot match (inclusive lower bound). */
  readonly minimumId: number;
  /** Ids above this cannot match (inclusive upper bound). */
  readonly maximumId: number;
}

interface QueryToken {
  readonly kind: 'word' | 'string' | 'symbol';
  readonly text: string;
}

const whitespace = new Set([' ', '\t', '\r', '\n', '\u3000']);
const symbols = ['!=', '<>', '>=', '<=', '=', '<', '>', '(', ')', ','];

/** Splits a query into words, string literals and symbols; undefined when it cannot. */
export function tokenizeQuery(query: string): QueryToken[] | undefined {
  const tokens: QueryToken[] = [];
  let position = 0;
  while (position < query.length) {
    const character = query[position] ?? '';
    if (whitespace.has(character)) {
      position++;
      continue;
    }
    if (character === '"') {
      let text = '';
      position++;
      for (;;) {
        const current = query[position];
        if (current === undefined) return undefined;
        if (current === '\\') {
          text += query[position + 1] ?? '';
          position += 2;
          continue;
        }
        position++;
        if (current === '"') break;
        text += current;
      }
      tokens.push({ kind: 'string', text });
      continue;
    }
    const symbol = symbols.find((candidate) => query.startsWith(candidate, position));
    if (symbol !== undefined) {
      tokens.push({ kind: 'symbol', text: symbol });
      position += symbol.length;
      continue;
    }
    let word = '';
    while (position < query.length) {
      const current = query[position] ?? '';
      if (
        whitespace.has(current) ||
        current === '"' ||
        symbols.some((candidate) => query.startsWith(candidate, position))
      ) {
        break;
      }
      word += current;
      position++;
    }
    tokens.push({ kind: 'word', text: word });
  }
  return tokens;
}

const unknown: ScanHint = { idOrder: undefined, minimumId: 1, maximumId: Number.MAX_SAFE_INTEGER };

function isKeyword(token: QueryToken | undefined, keyword: string): boolean {
  return token?.kind === 'word' && token.text.toLowerCase() === keyword;
}

export function scanHint(query: string): ScanHint {
  const tokens = tokenizeQuery(query);
  if (tokens === undefined) return unknown;
  let conditionEnd = tokens.length;
  let idOrder: 'asc' | 'desc' | undefined = 'desc';
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (isKeyword(token, 'order') && isKeyword(tokens[index + 1], 'by')) {
      conditionEnd = Math.min(conditionEnd, index);
      const key = tokens[index + 2];
      const direction = tokens[index + 3];
      const after = tokens[index + 4];
      const endsThere =
        after === undefined || isKeyword(after, 'limit') || isKeyword(after, 'offset');
      idOrder =
        key?.kind === 'word' &&
        key.text === '$id' &&
        endsThere &&
        (isKeyword(direction, 'asc') || isKeyword(direction, 'desc'))
          ? (direction?.text.toLowerCase() as 'asc' | 'desc')
          : undefined;
      break;
    }
    if (isKeyword(token, 'limit') || isKeyword(token, 'offset'))
      conditionEnd = Math.min(conditionEnd, index);
  }
  let minimumId = 1;
  let maximumId = Number.MAX_SAFE_INTEGER;
  const condition = tokens.slice(0, conditionEnd);
  if (!condition.some((token) => isKeyword(token, 'or'))) {
    for (let index = 0; index + 2 < condition.length; index++) {
      const field = condition[index];
      const operator = condition[index + 1];
      const operand = condition[index + 2];
      if (
        field?.kind !== 'word' ||
        field.text !== '$id' ||
        operator?.kind !== 'symbol' ||
        operand === undefined
      )
        continue;
      if (operand.kind === 'symbol' || !/^\d+$/.test(operand.text)) continue;
      const value = Number(operand.text);
      switch (operator.text) {
        case '>':
          minimumId = Math.max(minimumId, value + 1);
          break;
        case '>=':
          minimumId = Math.max(minimumId, value);
          break;
        case '<':
          maximumId = Math.min(maximumId, value - 1);
          break;
        case '<=':
          maximumId = Math.min(maximumId, value);
          break;
        case '=':
          minimumId = Math.max(minimumId, value);
          maximumId = Math.min(maximumId, value);
          break;
        default:
          break;
      }
    }
  }
  return { idOrder, minimumId, maximumId };
}

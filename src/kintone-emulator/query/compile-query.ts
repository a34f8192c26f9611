/**
 * PLACEHOLDER — to be replaced by the real query engine (developed in parallel; the merge
 * replaces this file). It supports only what the record API's own tests need:
 *   - the empty query,
 *   - conditions `$id <op> N` (op: = != > < >= <=, N bare or quoted) joined by `and`,
 *   - `order by $id asc|desc` (default `$id desc`),
 *   - `limit N` (≤ 500, GAIA_QU01) and `offset N` (≤ 10,000, GAIA_QU02), refused in cursors.
 * Anything else is rejected as a syntax error (CB_VA01), as the contract in
 * query-engine-contract.ts says.
 */
import type { KintoneRecord } from '../model/record.js';
import {
  KintoneQueryError,
  type CompiledQuery,
  type QueryContext,
} from './query-engine-contract.js';
import { tokenizeQuery } from './scan-hint.js';

function syntaxError(): KintoneQueryError {
  return new KintoneQueryError(
    'CB_VA01',
    400,
    'Missing or invalid input.',
    '入力内容が正しくありません。',
    {
      query: { messages: ['The query is invalid.'] },
    },
  );
}

type Operator = '=' | '!=' | '>' | '<' | '>=' | '<=';

function idOf(record: KintoneRecord): number {
  return Number(record['$id']?.value ?? 0);
}

function test(operator: Operator, left: number, right: number): boolean {
  switch (operator) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '>':
      return left > right;
    case '<':
      return left < right;
    case '>=':
      return left >= right;
    case '<=':
      return left <= right;
  }
}

export function compileQuery(query: string, context: QueryContext): CompiledQuery {
  const tokens = tokenizeQuery(query);
  if (tokens === undefined) throw syntaxError();
  let position = 0;
  const word = (): string | undefined => {
    const token = tokens[position];
    return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
  };
  const conditions: { operator: Operator; value: number }[] = [];
  while (
    position < tokens.length &&
    word() !== 'order' &&
    word() !== 'limit' &&
    word() !== 'offset'
  ) {
    if (conditions.length > 0) {
      if (word() !== 'and') throw syntaxError();
      position++;
    }
    const field = tokens[position];
    const operator = tokens[position + 1];
    const operand = tokens[position + 2];
    if (
      field?.text !== '$id' ||
      operator?.kind !== 'symbol' ||
      operand === undefined ||
      operand.kind === 'symbol'
    ) {
      throw syntaxError();
    }
    if (!['=', '!=', '>', '<', '>=', '<='].includes(operator.text) || !/^\d+$/.test(operand.text)) {
      throw syntaxError();
    }
    conditions.push({ operator: operator.text as Operator, value: Number(operand.text) });
    position += 3;
  }
  let direction = -1;
  if (word() === 'order') {
    position++;
    if (word() !== 'by' || tokens[position + 1]?.text !== '$id') throw syntaxError();
    position += 2;
    if (word() === 'asc' || word() === 'desc') {
      direction = word() === 'asc' ? 1 : -1;
      position++;
    }
  }
  let limit: number | undefined;
  let offset = 0;
  const integer = (): number => {
    const token = tokens[position];
    if (token?.kind !== 'word' || !/^\d+$/.test(token.text)) throw syntaxError();
    position++;
    return Number(token.text);
  };
  if (word() === 'limit') {
    position++;
    limit = integer();
    if (limit > 500) {
      throw new KintoneQueryError(
        'GAIA_QU01',
        400,
        'limit must be 500 or less.',
        'limitには500以下の値を指定してください。',
      );
    }
  }
  if (word() === 'offset') {
    position++;
    offset = integer();
    if (offset > 10_000) {
      throw new KintoneQueryError(
        'GAIA_QU02',
        400,
        'offset must be 10000 or less.',
        'offsetには10000以下の値を指定してください。',
      );
    }
  }
  if (position < tokens.length) throw syntaxError();
  if (context.usage === 'cursor' && (limit !== undefined || offset !== 0)) throw syntaxError();
  return {
    matches: (record) =>
      conditions.every((condition) => test(condition.operator, idOf(record), condition.value)),
    compare: (a, b) => direction * (idOf(a) - idOf(b)),
    limit,
    offset,
  };
}

// Invalid queries → the Kintone error they produce (code, status, messages, errors.query).
import { describe, expect, it } from 'vitest';
import { compileQuery } from './compile-query.js';
import { localizeQueryError } from './query-error-messages.js';
import { KintoneQueryError, type QueryContext } from './query-engine-contract.js';
import { fixtureContext, fixtureFields } from './test-support/query-fixture-app.js';

function errorOf(query: string, context: QueryContext = fixtureContext()): KintoneQueryError {
  try {
    compileQuery(query, context);
  } catch (error) {
    if (error instanceof KintoneQueryError) return error;
    throw error;
  }
  throw new Error(`"${query}" compiled without an error`);
}

const syntaxErrors: readonly string[] = [
  "title = 'Order A'",
  'title = "Order A',
  'title = "a\tb"',
  'title = "a\nb"',
  'title = "a\rb"',
  'title = "a\\qb"',
  'title = "a\\',
  'title "x"',
  'title = ',
  'title = Order',
  'title == "x"',
  'title not = "x"',
  'title is null',
  'title like order',
  'title like 12',
  'amount ! 5',
  'title = "x"; $id = 1',
  'title = `x`',
  'amount > 5 and',
  'and amount > 5',
  '(amount > 5',
  'amount > 5)',
  '()',
  'amount in 1, 2',
  'amount in (1 2)',
  'amount in (1,)',
  'limit 10 order by $id',
  'offset 1 limit 10',
  'order by $id limit 5 offset 1 limit 2',
  'order $id',
  'amount > 5 order by',
  'order by $id asc,',
  'order by $id up',
  'limit -1',
  'limit 1.5',
  'limit "10"',
  'limit',
  'offset -5',
  'due = FROM_TODAY(1, (DAYS))',
  '12 = 12',
];

describe('syntax errors are CB_VA01 with a detail in errors.query', () => {
  it.each(syntaxErrors)('%s', (query) => {
    const error = errorOf(query);
    expect(error.code).toBe('CB_VA01');
    expect(error.status).toBe(400);
    expect(error.englishMessage).toBe('Missing or invalid input.');
    expect(error.japaneseMessage).toBe('入力内容が正しくありません。');
    expect(error.errors?.['query']?.messages).toHaveLength(1);
  });
});

const invalidInputs: readonly string[] = [
  'due = today()',
  'due = FOO()',
  'title = TODAY()',
  'title in (LOGINUSER())',
  'owner in (PRIMARY_ORGANIZATION())',
  'department in (LOGINUSER())',
  'alarm = NOW()',
  'due = NOW()',
  'amount > TODAY()',
  'amount > "abc"',
  'amount = " "',
  'Record_number = "APP-x"',
  'due = "2026-02-30"',
  'due = "yesterday"',
  'due > ""',
  'meeting < ""',
  'meeting = "2026-04-23T25:00:00Z"',
  'alarm = "25:00"',
  'worked > "1.5"',
  'related.title in ("x")',
];

describe('unreadable values, misplaced functions and related records are CB_VA01', () => {
  it.each(invalidInputs)('%s', (query) => {
    const error = errorOf(query);
    expect(error.code).toBe('CB_VA01');
    expect(error.errors?.['query']?.messages).toHaveLength(1);
  });
});

const gaiaErrors: ReadonlyArray<{ query: string; code: string; english?: string }> = [
  { query: 'unknown = 1', code: 'GAIA_IQ11', english: 'Specified field (unknown) not found.' },
  { query: 'Title = "x"', code: 'GAIA_IQ11', english: 'Specified field (Title) not found.' },
  { query: '$revision = 1', code: 'GAIA_IQ11', english: 'Specified field ($revision) not found.' },
  {
    query: 'order by nothing asc',
    code: 'GAIA_IQ11',
    english: 'Specified field (nothing) not found.',
  },
  {
    query: 'nothing.x in ("a")',
    code: 'GAIA_IQ11',
    english: 'Specified field (nothing.x) not found.',
  },
  { query: 'title.x in ("a")', code: 'GAIA_IR02' },
  { query: 'items.qty > 1', code: 'GAIA_IR02' },
  { query: 'qty = 5', code: 'GAIA_IQ07' },
  { query: 'item != "x"', code: 'GAIA_IQ07' },
  { query: 'kind = "part"', code: 'GAIA_IQ07' },
  { query: 'stage = "Open"', code: 'GAIA_IQ03' },
  { query: 'memo = "x"', code: 'GAIA_IQ03' },
  { query: 'tags = "red"', code: 'GAIA_IQ03' },
  { query: 'title > "a"', code: 'GAIA_IQ03' },
  { query: 'title is empty', code: 'GAIA_IQ03' },
  { query: 'amount like "1"', code: 'GAIA_IQ03' },
  { query: 'due in ("2026-04-23")', code: 'GAIA_IQ03' },
  { query: 'owner = "alice"', code: 'GAIA_IQ03' },
  { query: 'Created_by = "alice"', code: 'GAIA_IQ03' },
  { query: 'Assignee = "alice"', code: 'GAIA_IQ03' },
  { query: 'Status like "Done"', code: 'GAIA_IQ03' },
  { query: 'attachments = "a"', code: 'GAIA_IQ03' },
  { query: 'body in ("x")', code: 'GAIA_IQ03' },
  { query: 'items in ("x")', code: 'GAIA_IQ03' },
  { query: 'section in ("x")', code: 'GAIA_IQ03' },
  { query: 'related in ("x")', code: 'GAIA_IQ03' },
  { query: 'note in ("x")', code: 'GAIA_IQ03' },
  { query: 'qty like "1"', code: 'GAIA_IQ03' },
  { query: 'stage in ("Closed")', code: 'GAIA_IQ10' },
  { query: 'tags in ("red", "purple")', code: 'GAIA_IQ10' },
  { query: 'priority not in ("Medium")', code: 'GAIA_IQ10' },
  { query: 'regions in ("東京都")', code: 'GAIA_IQ10' },
  { query: 'kind in ("other")', code: 'GAIA_IQ10' },
  { query: 'due = FROM_TODAY(1)', code: 'GAIA_IL08' },
  { query: 'due = FROM_TODAY(1, DAYS, 2)', code: 'GAIA_IL08' },
  { query: 'due = FROM_TODAY(DAYS, 1)', code: 'GAIA_IL08' },
  { query: 'due = TODAY(1)', code: 'GAIA_IL08' },
  { query: 'meeting = NOW(1)', code: 'GAIA_IL08' },
  { query: 'due = THIS_WEEK(MONDAY, TUESDAY)', code: 'GAIA_IL08' },
  { query: 'due = THIS_YEAR(2026)', code: 'GAIA_IL08' },
  { query: 'owner in (LOGINUSER(1))', code: 'GAIA_IL08' },
  { query: 'due = THIS_MONTH(32)', code: 'GAIA_IQ23' },
  { query: 'due = THIS_MONTH(0)', code: 'GAIA_IQ23' },
  { query: 'due = LAST_MONTH(FIRST)', code: 'GAIA_IQ23' },
  { query: 'due = THIS_WEEK(MON)', code: 'GAIA_IQ23' },
  { query: 'due = NEXT_WEEK(1)', code: 'GAIA_IQ23' },
  { query: 'due = FROM_TODAY(1, DAY)', code: 'GAIA_IQ25' },
  { query: 'due = FROM_TODAY(1, "DAYS")', code: 'GAIA_IQ25' },
  { query: 'limit 501', code: 'GAIA_QU01', english: 'limit must be 500 or less.' },
  {
    query: 'order by $id asc limit 99999999999999999999',
    code: 'GAIA_QU01',
    english: 'limit must be 500 or less.',
  },
  { query: 'offset 10001', code: 'GAIA_QU02' },
  {
    query: 'order by qty asc',
    code: 'GAIA_IQ03',
    english:
      'The operator "order by" cannot be used with the field (qty) of type NUMBER in a table.',
  },
  { query: 'order by tags', code: 'GAIA_IQ03' },
  { query: 'order by memo desc', code: 'GAIA_IQ03' },
  { query: 'order by owner', code: 'GAIA_IQ03' },
];

describe('type, function and paging errors carry their GAIA code', () => {
  it.each(gaiaErrors)('$query → $code', ({ query, code, english }) => {
    const error = errorOf(query);
    expect(error.code).toBe(code);
    expect(error.status).toBe(400);
    expect(error.englishMessage).not.toBe('');
    expect(error.japaneseMessage).not.toBe('');
    expect(error.errors).toBeUndefined();
    if (english !== undefined) expect(error.englishMessage).toBe(english);
  });
});

describe('context-dependent errors', () => {
  it('refuses limit and offset in a cursor query', () => {
    for (const query of ['order by $id asc limit 10', 'offset 5', 'limit 600']) {
      const error = errorOf(query, fixtureContext({ usage: 'cursor' }));
      expect(error.code).toBe('CB_VA01');
      expect(error.errors?.['query']?.messages[0]).toContain('cursor');
    }
  });

  it('treats process-management fields as unknown while the feature is disabled', () => {
    const fields = {
      ...fixtureFields,
      Status: { type: 'STATUS', code: 'Status', label: 'Status', enabled: false },
    } as const;
    const error = errorOf('Status = "Done"', fixtureContext({ fields }));
    expect(error.code).toBe('GAIA_IQ11');
    expect(error.englishMessage).toBe('Specified field (Status) not found.');
  });

  it('reports the first error from left to right', () => {
    expect(errorOf('unknown = 1 and stage = "Open"').code).toBe('GAIA_IQ11');
    expect(errorOf('stage = "Open" and unknown = 1').code).toBe('GAIA_IQ03');
    expect(errorOf('stage = "Open" limit 501').code).toBe('GAIA_IQ03');
  });
});

describe('messages', () => {
  it('places the syntax position and reason in errors.query', () => {
    const error = errorOf("title = 'x'");
    expect(error.errors).toEqual({
      query: {
        messages: ['Invalid query at character 9: strings must be enclosed in double quotes (").'],
      },
    });
  });

  it('names what was expected and what was found', () => {
    expect(errorOf('title = ').errors?.['query']?.messages[0]).toBe(
      'Invalid query at character 9: expected a value (a string in double quotes, a number or a function) but found the end of the query.',
    );
  });

  it('localizes messages and errors for the server', () => {
    const syntax = errorOf('title "x"');
    expect(localizeQueryError(syntax, 'ja')).toEqual({
      code: 'CB_VA01',
      message: '入力内容が正しくありません。',
      errors: {
        query: {
          messages: [
            'クエリ記法が間違っています（7文字目）。演算子（=、!=、<、>、<=、>=、in、not in、like、not like、is empty、is not empty）が必要ですが、文字列があります。',
          ],
        },
      },
    });
    expect(localizeQueryError(syntax, 'en').errors?.['query']?.messages[0]).toContain(
      'character 7',
    );
    expect(localizeQueryError(errorOf('unknown = 1'), 'ja')).toEqual({
      code: 'GAIA_IQ11',
      message: '指定されたフィールド（unknown）が見つかりません。',
    });
    expect(localizeQueryError(errorOf('stage = "Open"'), 'en')).toEqual({
      code: 'GAIA_IQ03',
      message: 'The operator "=" cannot be used with the field (stage) of type DROP_DOWN.',
    });
  });
});

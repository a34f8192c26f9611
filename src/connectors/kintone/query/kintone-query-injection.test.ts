// Injection tests: no value from a request can change the structure of a Kintone query.
// Each generated query is parsed back with a strict parser of Kintone's grammar; it must
// hold exactly the intended conditions, and each literal must decode to the value given.
import { describe, expect, it } from 'vitest';
import { expressions, sampleTables, scanRequest } from '../test-support/sample-app.js';
import { conditionsOf, parseKintoneQuery } from '../test-support/kintone-query-checker.js';
import { planKintoneScan, type KintoneScanState } from './plan-kintone-scan.js';
import { seekCondition } from '../read/record-pager.js';

const hostile: readonly string[] = [
  'plain',
  '"',
  '\\',
  '\\"',
  '"\\',
  '") or ("',
  '" or $id > 0 or title = "',
  '") or $id > 0 order by $id desc limit 500 offset 0 --',
  'x" and title like "y',
  'and',
  'or not in like is empty order by',
  'limit 1',
  'line\nbreak',
  'carriage\rreturn',
  'tab\tbed',
  '\u3000full-width space\u3000',
  '日本語の値',
  '😀 emoji',
  '(((',
  ')))',
  "single ' quote",
  '\\\\"\\"',
  '=',
  '!=',
  '',
  'x'.repeat(5000),
];

const unsafe: readonly string[] = [
  'nul\u0000byte',
  'bell\u0007',
  'escape\u001b[0m',
  'delete\u007f',
  'y'.repeat(10001),
];

function condition(state: KintoneScanState): string | undefined {
  return state.kind === 'records' ? state.condition : undefined;
}

describe('literals cannot change a Kintone query', () => {
  const { app } = sampleTables({ containsAsLike: true });
  const e = expressions(app);

  it.each(hostile.map((value) => [value.slice(0, 40), value]))('title eq %j', (_label, value) => {
    const plan = planKintoneScan(
      scanRequest(app, { filter: e.eq('title', value) }),
      { pageSize: 500 },
      undefined,
    );
    const state = plan.state as KintoneScanState;
    if (value === '') {
      expect(state.kind).toBe('empty');
      return;
    }
    const parsed = parseKintoneQuery(condition(state) ?? '');
    expect(conditionsOf(parsed.condition)).toEqual([
      { kind: 'condition', field: 'title', operator: '=', values: [value] },
    ]);
    expect(parsed.orderBy).toEqual([]);
  });

  it.each(hostile.filter((value) => value !== '').map((value) => [value.slice(0, 40), value]))(
    'contains(memo, %j) as like, in a list and in a search',
    (_label, value) => {
      const filter = e.and(e.call('contains', 'memo', value), e.in('title', [value, 'other']));
      const plan = planKintoneScan(
        scanRequest(app, { filter, search: { kind: 'term', text: value, phrase: false } }),
        { pageSize: 500 },
        undefined,
      );
      const text = condition(plan.state as KintoneScanState) ?? '';
      const conditions = conditionsOf(parseKintoneQuery(text).condition);
      expect(conditions[0]).toEqual({
        kind: 'condition',
        field: 'memo',
        operator: 'like',
        values: [value],
      });
      expect(conditions[1]).toEqual({
        kind: 'condition',
        field: 'title',
        operator: 'in',
        values: [value, 'other'],
      });
      // The search looks for the value in every text field, and nowhere else.
      const search = conditions.slice(2);
      expect(search.map((item) => item.field)).toEqual(['title', 'memo', 'body', 'site', '会社名']);
      for (const item of search) expect(item).toMatchObject({ operator: 'like', values: [value] });
    },
  );

  it.each(unsafe.map((value) => [value.slice(0, 20), value]))(
    'a value Kintone cannot take (%j) is left to the gateway',
    (_label, value) => {
      const plan = planKintoneScan(
        scanRequest(app, { filter: e.eq('title', value) }),
        { pageSize: 500 },
        undefined,
      );
      expect(condition(plan.state as KintoneScanState)).toBeUndefined();
      expect(plan.residualFilter).toBeDefined();
    },
  );

  it('a hostile option value is refused, not quoted into the query', () => {
    const plan = planKintoneScan(
      scanRequest(app, { filter: e.eq('stage', '") or ("') }),
      { pageSize: 500 },
      undefined,
    );
    expect(condition(plan.state as KintoneScanState)).toBeUndefined();
  });

  it('numbers and dates only pass as validated tokens', () => {
    for (const value of ['1 or $id > 0', '1e5', 'NaN', '--1', '1)']) {
      const plan = planKintoneScan(
        scanRequest(app, { filter: e.gt('amount', value) }),
        { pageSize: 500 },
        undefined,
      );
      expect(condition(plan.state as KintoneScanState)).toBeUndefined();
    }
    for (const value of ['2024-01-01" or "', '2024-01-01T00:00:00Z" or $id > "0']) {
      const plan = planKintoneScan(
        scanRequest(app, { filter: e.gt('due', value) }),
        { pageSize: 500 },
        undefined,
      );
      expect(condition(plan.state as KintoneScanState)).toBeUndefined();
    }
  });

  it('seek conditions parse to the intended comparisons', () => {
    const text = seekCondition(
      [
        { field: 'Updated_datetime', direction: 'desc', kind: 'dateTime' },
        { field: '$id', direction: 'asc', kind: 'id' },
      ],
      ['"2024-01-31T09:00:00Z"', '42'],
    );
    const conditions = conditionsOf(parseKintoneQuery(text).condition);
    expect(
      conditions.map((item) => `${item.field} ${item.operator} ${String(item.values[0])}`),
    ).toEqual([
      'Updated_datetime < 2024-01-31T09:00:00Z',
      'Updated_datetime >= 2024-01-31T09:00:00Z',
      'Updated_datetime <= 2024-01-31T09:00:00Z',
      '$id > 42',
    ]);
  });
});

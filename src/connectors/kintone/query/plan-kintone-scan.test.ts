// Planning beyond filters: order, skip, top, count, search, projection and explain.
import { describe, expect, it } from 'vitest';
import { checkScanPlan } from '../../../odata/plan/plan-read.js';
import { MemoryConnector } from '../../memory/memory-connector.js';
import { expressions, sampleTables, scanRequest } from '../test-support/sample-app.js';
import { planKintoneScan, type RecordScanState } from './plan-kintone-scan.js';

const { app, items } = sampleTables();
const e = expressions(app);
const plan = (changes: Parameters<typeof scanRequest>[1], table = app) => {
  const result = planKintoneScan(scanRequest(table, changes), { pageSize: 500 }, undefined);
  checkScanPlan(new MemoryConnector([]), result);
  return result;
};

describe('planKintoneScan', () => {
  it('pushes the default order, skip, top and count when the filter is exact', () => {
    const result = plan({ filter: e.eq('stage', 'Won'), skip: 20, top: 26, count: true });
    expect(result).toMatchObject({
      orderApplied: true,
      skipApplied: true,
      topApplied: true,
      countApplied: true,
      residualFilter: undefined,
    });
    const state = result.state as RecordScanState;
    expect(state).toMatchObject({ condition: 'stage in ("Won")', skip: 20, top: 26, count: true });
    expect(state.orderKeys).toEqual([{ field: '$id', direction: 'asc', kind: 'id' }]);
    expect(result.sourceQuery).toContain(
      'query: stage in ("Won") order by $id asc limit 26 offset 20',
    );
  });

  it('pushes an order on updated time, then the key', () => {
    const result = plan({ orderBy: [e.desc('Updated_datetime'), e.asc('$id')], top: 10 });
    expect(
      (result.state as RecordScanState).orderKeys.map((key) => `${key.field} ${key.direction}`),
    ).toEqual(['Updated_datetime desc', '$id asc']);
    expect(result.topApplied).toBe(true);
  });

  it('leaves an order on a nullable or text column to the gateway, with top and skip', () => {
    const result = plan({ orderBy: [e.asc('title'), e.asc('$id')], top: 26, skip: 5 });
    expect(result).toMatchObject({
      orderApplied: false,
      topApplied: false,
      skipApplied: false,
      countApplied: true,
    });
    expect((result.state as RecordScanState).orderKeys).toEqual([
      { field: '$id', direction: 'asc', kind: 'id' },
    ]);
  });

  it('does not count or page when part of the filter is residual', () => {
    const result = plan({
      filter: e.and(e.eq('title', 'x'), e.gt('$id', 3)),
      top: 26,
      count: true,
    });
    expect(result).toMatchObject({ countApplied: false, topApplied: false });
    expect((result.state as RecordScanState).condition).toBe('title = "x" and $id > 3');
  });

  it('applies $search as a word search over the text fields', () => {
    const result = plan({
      search: {
        kind: 'and',
        left: { kind: 'term', text: 'acme', phrase: false },
        right: { kind: 'not', operand: { kind: 'term', text: 'old', phrase: false } },
      },
      count: true,
    });
    expect(result.searchApplied).toBe(true);
    expect(result.countApplied).toBe(true);
    expect((result.state as RecordScanState).condition).toBe(
      '(title like "acme" or memo like "acme" or body like "acme" or site like "acme" or 会社名 like "acme") and title not like "old" and memo not like "old" and body not like "old" and site not like "old" and 会社名 not like "old"',
    );
  });

  it('asks only for the projected fields, plus $id, $revision and the order keys', () => {
    const projection = [app.columns.findIndex((column) => column.name === 'title')];
    const result = plan({ projection, orderBy: [e.desc('Created_datetime')] });
    expect((result.state as RecordScanState).fields).toEqual([
      '$id',
      '$revision',
      'title',
      'Created_datetime',
    ]);
  });

  it('makes no call when the filter can select nothing', () => {
    const result = plan({ filter: e.eq('meeting', '2024-01-01T09:00:30Z'), count: true, top: 5 });
    expect(result.state).toEqual({ kind: 'empty', count: true });
    expect(result.sourceQuery).toContain('no call');
  });

  it('explains skips past 10,000', () => {
    const result = plan({ skip: 25000, top: 10 });
    expect(result.sourceQuery).toContain('skip 25000');
  });

  it('reads a subtable through its records, in (ParentRecordId, RowId) order', () => {
    const f = expressions(items);
    const result = plan({ filter: f.in('$parentId', [3, 4]), top: 5 }, items);
    expect(result).toMatchObject({
      orderApplied: true,
      topApplied: false,
      countApplied: false,
      residualFilter: undefined,
    });
    expect(result.state).toMatchObject({
      condition: '$id in (3, 4)',
      fields: ['$id', '$revision', 'items'],
      subtableCode: 'items',
      rowOrder: 'asc',
    });
    const descending = plan({ orderBy: [f.desc('$parentId'), f.desc('$rowId')] }, items);
    expect(descending.state).toMatchObject({
      rowOrder: 'desc',
      orderKeys: [{ field: '$id', direction: 'desc', kind: 'id' }],
    });
    expect(
      plan({ orderBy: [f.asc('qty'), f.asc('$parentId'), f.asc('$rowId')] }, items).orderApplied,
    ).toBe(false);
  });
});

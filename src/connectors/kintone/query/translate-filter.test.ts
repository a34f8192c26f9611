// Table-driven tests: an OData filter (bound tree) → the Kintone condition the plan sends,
// and whether the gateway still evaluates the filter (superset) or not (exact).
import { describe, expect, it } from 'vitest';
import type { BoundExpression } from '../../../odata/semantic/expression.js';
import { comparisonNode, literalNode, orNode } from '../../../odata/plan/expression-nodes.js';
import { compileQuery } from '../../../kintone-emulator/query/compile-query.js';
import type { FieldProperties } from '../../../kintone-emulator/model/field-property.js';
import { expressions, sampleForm, sampleTables, scanRequest } from '../test-support/sample-app.js';
import type { KintoneSchemaOptions } from '../settings/kintone-settings.js';
import { planKintoneScan, type KintoneScanState } from './plan-kintone-scan.js';

type Outcome = 'exact' | 'superset' | 'residual' | 'empty';

function translate(
  build: (e: ReturnType<typeof expressions>) => BoundExpression,
  options: Partial<KintoneSchemaOptions> = {},
  subtable = false,
): { condition: string | undefined; outcome: Outcome } {
  const tables = sampleTables(options);
  const table = subtable ? tables.items : tables.app;
  const filter = build(expressions(table));
  const plan = planKintoneScan(scanRequest(table, { filter }), { pageSize: 500 }, undefined);
  const state = plan.state as KintoneScanState;
  if (state.kind === 'empty') return { condition: undefined, outcome: 'empty' };
  if (state.kind !== 'records') throw new Error('unexpected state');
  const outcome: Outcome =
    state.condition === undefined
      ? 'residual'
      : plan.residualFilter === undefined
        ? 'exact'
        : 'superset';
  return { condition: state.condition, outcome };
}

type Case = readonly [
  string,
  (e: ReturnType<typeof expressions>) => BoundExpression,
  string | undefined,
  Outcome,
];

const appCases: readonly Case[] = [
  ['RecordId eq 5', (e) => e.eq('$id', 5), '$id = 5', 'exact'],
  ['RecordId gt 500', (e) => e.gt('$id', 500), '$id > 500', 'exact'],
  ['RecordId in (1,2,3)', (e) => e.in('$id', [1, 2, 3]), '$id in (1, 2, 3)', 'exact'],
  ['not RecordId eq 5', (e) => e.not(e.eq('$id', 5)), '$id != 5', 'exact'],
  ['not RecordId gt 5', (e) => e.not(e.gt('$id', 5)), '$id <= 5', 'exact'],
  ['not RecordId in (1,2)', (e) => e.not(e.in('$id', [1, 2])), '$id not in (1, 2)', 'exact'],
  ['RecordId eq null', (e) => e.eq('$id', null), undefined, 'empty'],
  ['amount gt 5', (e) => e.gt('amount', '5'), 'amount > 5', 'exact'],
  ['amount ge 0 (empty may count as 0)', (e) => e.ge('amount', '0'), 'amount >= 0', 'superset'],
  ['amount lt 5 (empty may count as 0)', (e) => e.lt('amount', '5'), 'amount < 5', 'superset'],
  ['amount lt -1', (e) => e.lt('amount', '-1'), 'amount < -1', 'exact'],
  ['amount eq 12.50', (e) => e.eq('amount', '12.50'), 'amount = 12.50', 'exact'],
  ['amount eq 0', (e) => e.eq('amount', '0'), 'amount = 0', 'superset'],
  ['amount ne 3', (e) => e.ne('amount', '3'), undefined, 'residual'],
  ['amount eq null', (e) => e.eq('amount', null), undefined, 'residual'],
  ['amount in (1, 2)', (e) => e.in('amount', ['1', '2']), 'amount in (1, 2)', 'exact'],
  ['amount in (0, 2)', (e) => e.in('amount', ['0', '2']), 'amount in (0, 2)', 'superset'],
  ['not amount gt 5', (e) => e.not(e.gt('amount', '5')), undefined, 'residual'],
  ['total (CALC) gt 10', (e) => e.gt('total', '10'), 'total > 10', 'exact'],
  ['title eq Acme', (e) => e.eq('title', 'Acme'), 'title = "Acme"', 'superset'],
  ["title eq ''", (e) => e.eq('title', ''), undefined, 'empty'],
  ['title eq null', (e) => e.eq('title', null), 'title = ""', 'superset'],
  ['title ne x', (e) => e.ne('title', 'x'), undefined, 'residual'],
  ['title ne null', (e) => e.ne('title', null), undefined, 'residual'],
  ['title in (a, b)', (e) => e.in('title', ['a', 'b']), 'title in ("a", "b")', 'superset'],
  ['title in (a, null)', (e) => e.in('title', ['a', null]), 'title in ("a", "")', 'superset'],
  ['contains(title)', (e) => e.call('contains', 'title', 'Ac'), undefined, 'residual'],
  ['startswith(title)', (e) => e.call('startswith', 'title', 'Ac'), undefined, 'residual'],
  ['会社名 eq x', (e) => e.eq('会社名', 'x'), '会社名 = "x"', 'superset'],
  ['stage eq Won', (e) => e.eq('stage', 'Won'), 'stage in ("Won")', 'exact'],
  [
    'stage ne Won (keeps empty)',
    (e) => e.ne('stage', 'Won'),
    'stage not in ("Won") or stage in ("")',
    'exact',
  ],
  ['stage eq null', (e) => e.eq('stage', null), 'stage in ("")', 'exact'],
  ['stage ne null', (e) => e.ne('stage', null), 'stage not in ("")', 'exact'],
  ['stage eq Pending (no such option)', (e) => e.eq('stage', 'Pending'), undefined, 'residual'],
  ['stage in (Open, null)', (e) => e.in('stage', ['Open', null]), 'stage in ("Open", "")', 'exact'],
  [
    'not stage in (Open, Won)',
    (e) => e.not(e.in('stage', ['Open', 'Won'])),
    'stage not in ("Open", "Won") or stage in ("")',
    'exact',
  ],
  [
    'not stage in (Open, null)',
    (e) => e.not(e.in('stage', ['Open', null])),
    'stage not in ("Open", "")',
    'exact',
  ],
  ['priority eq High', (e) => e.eq('priority', 'High'), 'priority in ("High")', 'exact'],
  ['tags eq null', (e) => e.eq('tags', null), 'tags in ("")', 'exact'],
  ['tags ne null', (e) => e.ne('tags', null), 'tags not in ("")', 'exact'],
  ['tags eq A;B', (e) => e.eq('tags', 'A;B'), 'tags in ("A") and tags in ("B")', 'superset'],
  ['tags eq A;Z (Z no option)', (e) => e.eq('tags', 'A;Z'), undefined, 'residual'],
  ['due eq 2024-01-31', (e) => e.eq('due', '2024-01-31'), 'due = "2024-01-31"', 'exact'],
  ['due ge 2024-01-31', (e) => e.ge('due', '2024-01-31'), 'due >= "2024-01-31"', 'exact'],
  ['due lt 2024-01-31', (e) => e.lt('due', '2024-01-31'), 'due < "2024-01-31"', 'superset'],
  ['due eq 2024-02-30 (no such day)', (e) => e.eq('due', '2024-02-30'), undefined, 'residual'],
  [
    'meeting gt 09:00:00Z',
    (e) => e.gt('meeting', '2024-01-31T09:00:00Z'),
    'meeting > "2024-01-31T09:00:00Z"',
    'exact',
  ],
  [
    'meeting gt 09:00:30Z (minutes)',
    (e) => e.gt('meeting', '2024-01-31T09:00:30Z'),
    'meeting > "2024-01-31T09:00:00Z"',
    'exact',
  ],
  [
    'meeting ge 09:00:30+09:00',
    (e) => e.ge('meeting', '2024-01-31T09:00:30+09:00'),
    'meeting > "2024-01-31T00:00:00Z"',
    'exact',
  ],
  [
    'meeting ge 09:00:00.0000000Z',
    (e) => e.ge('meeting', '2024-01-31T09:00:00.0000000Z'),
    'meeting >= "2024-01-31T09:00:00Z"',
    'exact',
  ],
  [
    'meeting eq 09:00:30Z (never)',
    (e) => e.eq('meeting', '2024-01-31T09:00:30Z'),
    undefined,
    'empty',
  ],
  [
    'meeting eq 09:00Z',
    (e) => e.eq('meeting', '2024-01-31T09:00:00Z'),
    'meeting >= "2024-01-31T09:00:00Z" and meeting <= "2024-01-31T09:00:00Z"',
    'exact',
  ],
  [
    'meeting lt 09:00Z (empty may sort first)',
    (e) => e.lt('meeting', '2024-01-31T09:00:00Z'),
    'meeting < "2024-01-31T09:00:00Z"',
    'superset',
  ],
  [
    'Updated_datetime lt 09:00:30Z',
    (e) => e.lt('Updated_datetime', '2024-01-31T09:00:30Z'),
    'Updated_datetime <= "2024-01-31T09:00:00Z"',
    'exact',
  ],
  [
    'Updated_datetime ne 09:00Z',
    (e) => e.ne('Updated_datetime', '2024-01-31T09:00:00Z'),
    'Updated_datetime < "2024-01-31T09:00:00Z" or Updated_datetime > "2024-01-31T09:00:00Z"',
    'exact',
  ],
  [
    'Updated_datetime ne 09:00:30Z',
    (e) => e.ne('Updated_datetime', '2024-01-31T09:00:30Z'),
    undefined,
    'residual',
  ],
  ['start gt 09:30:00', (e) => e.gt('start', '09:30:00'), 'start > "09:30"', 'exact'],
  ['start ge 09:30:15', (e) => e.ge('start', '09:30:15'), 'start > "09:30"', 'exact'],
  ['start lt 09:30:00', (e) => e.lt('start', '09:30:00'), 'start < "09:30"', 'superset'],
  [
    "start gt '09:30' as text (Salesforce compatibility model)",
    (e) => comparisonNode('gt', e.column('start'), literalNode('Edm.String', '09:30')),
    undefined,
    'residual',
  ],
  [
    "start gt '09:30:00' as text",
    (e) => comparisonNode('gt', e.column('start'), literalNode('Edm.String', '09:30:00')),
    'start > "09:30"',
    'exact',
  ],
  [
    'Created_by eq user1',
    (e) => e.eq('Created_by', 'user1'),
    'Created_by in ("user1")',
    'superset',
  ],
  ['Status eq Open', (e) => e.eq('Status', 'Open'), 'Status in ("Open")', 'superset'],
  ['files eq null', (e) => e.eq('files', null), 'files is empty', 'exact'],
  ['files ne null', (e) => e.ne('files', null), 'files is not empty', 'exact'],
  ['memo eq null', (e) => e.eq('memo', null), 'memo is empty', 'superset'],
  ['body (rich text) eq null', (e) => e.eq('body', null), undefined, 'residual'],
  ['Record_number eq 5', (e) => e.eq('Record_number', '5'), undefined, 'residual'],
  ['true', (e) => e.boolean(true), undefined, 'residual'],
  ['false', (e) => e.boolean(false), undefined, 'empty'],
  ['exact and residual', (e) => e.and(e.gt('$id', 5), e.ne('amount', '3')), '$id > 5', 'superset'],
  [
    'or with a residual side',
    (e) => e.or(e.eq('$id', 1), e.ne('amount', '3')),
    undefined,
    'residual',
  ],
  [
    'or of exact sides',
    (e) => e.or(e.eq('$id', 1), e.eq('stage', 'Won')),
    '$id = 1 or stage in ("Won")',
    'exact',
  ],
  [
    'or of an and with a residual part',
    (e) => e.or(e.and(e.eq('$id', 1), e.ne('amount', '3')), e.eq('$id', 2)),
    '$id = 1 or $id = 2',
    'superset',
  ],
  [
    'not (a or b)',
    (e) => e.not(e.or(e.eq('$id', 1), e.eq('stage', 'Won'))),
    '$id != 1 and (stage not in ("Won") or stage in (""))',
    'exact',
  ],
  [
    'not (a and b)',
    (e) => e.not(e.and(e.gt('$id', 1), e.gt('amount', '5'))),
    undefined,
    'residual',
  ],
  [
    'Salesforce contains(...) eq true stays residual',
    (e) => ({
      kind: 'comparison',
      resultType: { type: 'Edm.Boolean', collection: false },
      operator: 'eq',
      left: e.call('contains', 'title', 'Acme'),
      right: e.boolean(true),
    }),
    undefined,
    'residual',
  ],
];

const { items: itemsTable } = sampleTables();
const qty =
  (operator: 'gt' | 'eq' | 'lt', value: string) => (row: (column: string) => BoundExpression) =>
    comparisonNode(operator, row('qty'), literalNode('Edm.Decimal', value));
const lambdaCases: readonly Case[] = [
  [
    'items/any(i: i/qty gt 5)',
    (e) => e.lambda('any', 'items', itemsTable, qty('gt', '5')),
    'qty > 5',
    'exact',
  ],
  [
    'items/any(i: i/qty gt 5 or i/qty eq 2)',
    (e) =>
      e.lambda('any', 'items', itemsTable, (row) =>
        orNode(qty('gt', '5')(row), qty('eq', '2')(row)),
      ),
    'qty > 5 or qty in (2)',
    'exact',
  ],
  [
    'items/any(i: i/qty lt 5) (superset: stays... nowhere)',
    (e) => e.lambda('any', 'items', itemsTable, qty('lt', '5')),
    undefined,
    'residual',
  ],
  [
    'items/all(i: i/qty gt 5)',
    (e) => e.lambda('all', 'items', itemsTable, qty('gt', '5')),
    undefined,
    'residual',
  ],
  [
    'not items/any(i: i/qty gt 5)',
    (e) => e.not(e.lambda('any', 'items', itemsTable, qty('gt', '5'))),
    undefined,
    'residual',
  ],
  [
    'items/any(...) and stage eq Won',
    (e) => e.and(e.lambda('any', 'items', itemsTable, qty('gt', '5')), e.eq('stage', 'Won')),
    'qty > 5 and stage in ("Won")',
    'exact',
  ],
  [
    'two any() on one subtable: only the first is pushed',
    (e) =>
      e.and(
        e.lambda('any', 'items', itemsTable, qty('gt', '5')),
        e.lambda('any', 'items', itemsTable, qty('eq', '2')),
      ),
    'qty > 5',
    'superset',
  ],
];

describe('any() over a subtable, on the app table', () => {
  it.each(lambdaCases)('%s', (_name, build, condition, outcome) => {
    expect(translate(build)).toEqual({ condition, outcome });
  });
});

describe('Kintone filter translation (app table)', () => {
  it.each(appCases)('%s', (_name, build, condition, outcome) => {
    expect(translate(build)).toEqual({ condition, outcome });
  });
});

describe('containsAsLike option', () => {
  const cases: readonly Case[] = [
    ['contains(title)', (e) => e.call('contains', 'title', 'Ac'), 'title like "Ac"', 'exact'],
    [
      'not contains(memo)',
      (e) => e.not(e.call('contains', 'memo', 'Ac')),
      'memo not like "Ac"',
      'exact',
    ],
    [
      'contains(title) eq true',
      (e) => ({
        kind: 'comparison',
        resultType: { type: 'Edm.Boolean', collection: false },
        operator: 'eq',
        left: e.call('contains', 'title', 'Acme'),
        right: e.boolean(true),
      }),
      'title like "Acme"',
      'exact',
    ],
    [
      'endswith(title) is never like',
      (e) => e.call('endswith', 'title', 'Ac'),
      undefined,
      'residual',
    ],
  ];
  it.each(cases)('%s', (_name, build, condition, outcome) => {
    expect(translate(build, { containsAsLike: true })).toEqual({ condition, outcome });
  });
});

describe('Salesforce mode: TIME as text', () => {
  const cases: readonly Case[] = [
    [
      'start eq 09:30',
      (e) => e.eq('start', '09:30'),
      'start >= "09:30" and start <= "09:30"',
      'exact',
    ],
    ['start gt 9:30 (not HH:MM)', (e) => e.gt('start', '9:30'), undefined, 'residual'],
  ];
  it.each(cases)('%s', (_name, build, condition, outcome) => {
    expect(translate(build, { salesforceMode: true })).toEqual({ condition, outcome });
  });
});

const subtableCases: readonly Case[] = [
  ['ParentRecordId in (1, 2)', (e) => e.in('$parentId', [1, 2]), '$id in (1, 2)', 'exact'],
  ['ParentRecordId eq 7', (e) => e.eq('$parentId', 7), '$id = 7', 'exact'],
  ['qty gt 5 (any row)', (e) => e.gt('qty', '5'), 'qty > 5', 'superset'],
  ['qty eq 5 (no = in subtables)', (e) => e.eq('qty', '5'), 'qty in (5)', 'superset'],
  ['item eq x (no = in subtables)', (e) => e.eq('item', 'x'), 'item in ("x")', 'superset'],
  ['not qty gt 5 (every row)', (e) => e.not(e.gt('qty', '5')), undefined, 'residual'],
  ['RowId eq 3', (e) => e.eq('$rowId', 3), undefined, 'residual'],
];

describe('Kintone filter translation (subtable table)', () => {
  const cases = subtableCases;
  it.each(cases)('%s', (_name, build, condition, outcome) => {
    expect(translate(build, {}, true)).toEqual({ condition, outcome });
  });
});

describe("every generated condition is valid Kintone (the emulator's query engine accepts it)", () => {
  const all: readonly (readonly [Case, Partial<KintoneSchemaOptions>, boolean])[] = [
    ...appCases.map((item) => [item, {}, false] as const),
    ...subtableCases.map((item) => [item, {}, true] as const),
    ...lambdaCases.map((item) => [item, {}, false] as const),
  ];
  it.each(
    all
      .filter(([item]) => item[2] !== undefined)
      .map(([item, options, subtable]) => [item[0], item, options, subtable] as const),
  )('%s', (_name, item, options, subtable) => {
    const { condition } = translate(item[1], options, subtable);
    const fields = sampleForm.properties as unknown as FieldProperties;
    expect(() =>
      compileQuery(`${condition ?? ''} order by $id asc limit 500`, {
        fields,
        loginUser: { code: 'user1' },
        primaryOrganization: undefined,
        now: new Date('2024-01-31T00:00:00Z'),
        timeZone: 'Asia/Tokyo',
        usage: 'records',
      }),
    ).not.toThrow();
  });
});

// Query → matching records over the fixture app: every operator per field type, the date
// functions, subtable rules, emptiness, escaping, whitespace, order by and paging.
import { describe, expect, it } from 'vitest';
import type { KintoneRecord } from '../model/record.js';
import { compileQuery } from './compile-query.js';
import type { QueryContext } from './query-engine-contract.js';
import { selectRecords } from './select-records.js';
import { fixtureContext, fixtureRecords } from './test-support/query-fixture-app.js';

function idOf(record: KintoneRecord): number {
  return Number(record['$id']?.value);
}

/** The ids of the fixture records a query's condition matches, ascending. */
function matchingIds(query: string, context: QueryContext = fixtureContext()): number[] {
  const compiled = compileQuery(query, context);
  return fixtureRecords
    .filter((record) => compiled.matches(record))
    .map(idOf)
    .sort((a, b) => a - b);
}

/** The ids of the page a query selects, in query order. */
function selectedIds(query: string, context: QueryContext = fixtureContext()): number[] {
  return selectRecords(fixtureRecords, compileQuery(query, context)).records.map(idOf);
}

const allIds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const allExcept = (...excluded: number[]): number[] =>
  allIds.filter((id) => !excluded.includes(id));

type Case = readonly [query: string, expected: readonly number[]];

function table(name: string, cases: readonly Case[], context?: QueryContext): void {
  describe(name, () => {
    it.each(cases)('%s', (query, expected) => {
      expect(matchingIds(query, context)).toEqual(expected);
    });
  });
}

table('empty queries and logic', [
  ['', allIds],
  ['   \u3000\t\n', allIds],
  ['order by $id asc', allIds],
  ['((($id = 1)))', [1]],
  ['amount = 10 or amount = 20 and stage in ("Won")', [1, 9, 12]],
  ['(amount = 10 or amount = 20) and stage in ("Won")', [9, 12]],
  ['amount = 10 and (stage in ("Open") or priority in ("High"))', [1]],
  ['title = "Order A" AND amount > 5 OR $id = 3', [1, 3, 12]],
  ['title = "Order A"\u3000and\u3000amount > 5', [1, 12]],
  ['title = "Order B"\n\tor\r\n$id = 1', [1, 2]],
  ['$id>10 and $id<12', [11]],
  ['($id=1)or($id=2)', [1, 2]],
]);

table('$id and RECORD_NUMBER (with an app code)', [
  ['$id = 3', [3]],
  ['$id > 9', [10, 11, 12]],
  ['$id <= 2', [1, 2]],
  ['$id != 1', allExcept(1)],
  ['$id >= "11"', [11, 12]],
  ['$id in (1, 5, "7")', [1, 5, 7]],
  ['$id not in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)', [11, 12]],
  ['Record_number = "APP-12"', [12]],
  ['Record_number = 12', [12]],
  ['Record_number < 3', [1, 2]],
  ['Record_number in ("APP-2", 4)', [2, 4]],
  ['Record_number not in ("APP-2", 4)', allExcept(2, 4)],
]);

table('NUMBER and CALC', [
  ['amount = 10', [1, 9, 12]],
  ['amount = "10"', [1, 9, 12]],
  ['amount = 1000', [6]],
  ['amount != 10', [2, 3, 4, 5, 6, 7, 8, 10, 11]],
  ['amount > 10', [4, 6, 10, 11]],
  ['amount >= 10', [1, 4, 6, 9, 10, 11, 12]],
  ['amount < 0', [2]],
  ['amount <= 0', [2, 7]],
  ['amount < 9.995', [2, 5, 7, 8]],
  ['amount > -6', allExcept(3)],
  ['amount = ""', [3]],
  ['amount != ""', allExcept(3)],
  ['amount in ("", 100)', [3, 4]],
  ['amount not in (10, 20, "")', [2, 4, 5, 6, 7, 8, 11]],
  ['total = 4', [5, 7]],
  ['total > 100', [4, 6]],
  ['total in (10, 20)', [9, 10, 12]],
  ['worked > "1:00"', [1, 2]],
  ['worked = "0:45"', [4]],
  ['worked < "24:00"', [2, 4]],
  ['finish = THIS_WEEK()', [1, 2, 4]],
  ['finish > "2026-04-21"', [1, 2]],
  ['finish in ("2026-04-25", "2026-04-21")', [1, 4]],
  ['finish in ("")', allExcept(1, 2, 4)],
]);

table('SINGLE_LINE_TEXT, LINK and a Japanese field code', [
  ['title = "Order A"', [1, 12]],
  ['title = "order a"', [7]],
  ['title != "Order A"', [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
  ['title in ("Order B", "Order C")', [2, 8]],
  ['title not in ("Order A", "")', [2, 4, 5, 6, 7, 8, 9, 10, 11]],
  ['title = ""', [3]],
  ['title in ("")', [3]],
  ['title = "Quoted \\"name\\" \\\\ path"', [4]],
  ['title = "Tokyo日本語テキスト"', [5]],
  ['site = "https://example.com/a"', [1]],
  ['site in ("")', allExcept(1, 4)],
  ['site like "example"', [1, 4]],
  ['顧客名 = "サイボウズ"', [5]],
  ['顧客名\u3000=\u3000"東京商事"', [4]],
  ['顧客名 in ("東京商事", "")', [3, 4, 6, 7, 8, 9, 10, 11, 12]],
]);

table('like: word search', [
  ['title like "order"', [1, 2, 7, 8, 9, 10, 11, 12]],
  ['title like "ORD"', []],
  ['title like "a"', [1, 7, 12]],
  ['title not like "order"', [3, 4, 5, 6]],
  ['title like "full"', [6]],
  ['title like "ｆｕｌｌ"', [6]],
  ['title like "tokyo"', [5]],
  ['title like "日本語"', [5]],
  ['title like "テキスト"', [5]],
  ['title like "日"', []],
  ['title like "quoted name"', [4]],
  ['title like "name quoted"', [4]],
  ['title like "quoted missing"', []],
  ['title like "!!"', []],
  ['title like ""', []],
  ['title not like ""', allIds],
  ['site like "com"', [1, 4]],
  ['memo like "keyword"', [1, 6]],
  ['memo like "key"', []],
  ['memo like "GAMMA"', [1, 9]],
  ['memo like "gamma keyword"', [1]],
  ['memo like "keyword gamma"', [1]],
  ['memo like "abc"', [6]],
  ['memo like "second"', [4]],
  ['memo like "東京都"', [5]],
  ['memo like "会議"', [5]],
  ['memo not like "gamma"', allExcept(1, 9)],
  ['顧客名 like "株式会社"', [1, 2]],
  ['顧客名 like "サイボウズ"', [2, 5]],
  ['body like "world"', [1]],
  ['body like "div"', []],
  ['body like "amp"', []],
  ['body like "会議"', [4]],
  ['attachments like "report"', [1]],
  ['attachments like "pdf"', [1]],
  ['attachments like "png"', [4]],
  ['attachments like "2024"', [1]],
  ['attachments like "見積書"', [6]],
  ['attachments not like "report"', allExcept(1)],
]);

table('is empty / is not empty', [
  ['memo is empty', [3, 8, 10, 11, 12]],
  ['memo is not empty', [1, 2, 4, 5, 6, 7, 9]],
  ['memo IS NOT EMPTY', [1, 2, 4, 5, 6, 7, 9]],
  ['body is empty', allExcept(1, 4)],
  ['body is not empty', [1, 4]],
  ['attachments is empty', allExcept(1, 4, 6)],
  ['attachments is not empty', [1, 4, 6]],
]);

table('selection fields', [
  ['stage in ("Open")', [1, 5, 7, 10, 11]],
  ['stage in ("Won", "Lost")', [2, 4, 6, 8, 9, 12]],
  ['stage not in ("Open")', [2, 3, 4, 6, 8, 9, 12]],
  ['stage in ("")', [3]],
  ['stage not in ("")', allExcept(3)],
  ['priority in ("High")', [1, 4, 6, 8]],
  ['priority in ("")', [3, 9, 10, 11, 12]],
  ['priority not in ("High", "Low")', [3, 9, 10, 11, 12]],
  ['tags in ("red")', [1, 4, 6, 9]],
  ['tags in ("green", "blue")', [1, 2, 5, 6, 8]],
  ['tags not in ("red")', [2, 3, 5, 7, 8, 10, 11, 12]],
  ['tags in ("")', [3, 7, 10, 11, 12]],
  ['tags not in ("")', [1, 2, 4, 5, 6, 8, 9]],
  ['regions in ("東京")', [1, 5]],
  ['regions in ("Nagoya")', [2, 4, 7]],
  ['regions not in ("大阪")', [1, 3, 4, 6, 7, 8, 9, 10, 11, 12]],
]);

table('users, organizations, groups, creator, modifier', [
  ['owner in ("alice")', [1, 4, 9]],
  ['owner in (LOGINUSER())', [1, 4, 9]],
  ['owner in ("carol")', [2, 5]],
  ['owner not in (LOGINUSER())', [2, 3, 5, 6, 7, 8, 10, 11, 12]],
  ['owner in ("")', [3, 6, 10, 11, 12]],
  ['owner in ("Alice")', []],
  ['department in (PRIMARY_ORGANIZATION())', [1, 4, 7]],
  ['department in ("dev")', [2, 4, 5]],
  ['team in ("admins")', [1, 5]],
  ['team not in ("devs")', [1, 2, 3, 6, 7, 8, 9, 10, 11, 12]],
  ['Created_by in (LOGINUSER())', [1, 4, 9, 12]],
  ['Created_by in ("bob", "dave")', [2, 5, 6, 8, 10]],
  ['Created_by not in ("alice")', [2, 3, 5, 6, 7, 8, 10, 11]],
  ['Updated_by in ("bob")', [1, 2, 8]],
]);

table('LOGINUSER() is the caller', [['Created_by in (LOGINUSER())', [2, 5, 8]]], {
  ...fixtureContext(),
  loginUser: { code: 'bob' },
});

table(
  'PRIMARY_ORGANIZATION() without a primary organization is ignored',
  [
    ['department in (PRIMARY_ORGANIZATION())', allIds],
    ['department not in (PRIMARY_ORGANIZATION())', allIds],
    ['department in (PRIMARY_ORGANIZATION(), "dev")', [2, 4, 5]],
  ],
  { ...fixtureContext(), primaryOrganization: undefined },
);

table('process management: STATUS, STATUS_ASSIGNEE, CATEGORY', [
  ['Status = "Done"', [2, 5, 7, 9, 10, 11, 12]],
  ['Status != "Done"', [1, 3, 4, 6, 8]],
  ['Status in ("In progress", "Not started")', [1, 3, 4, 6, 8]],
  ['Status not in ("Done")', [1, 3, 4, 6, 8]],
  ['Assignee in (LOGINUSER())', [1, 5]],
  ['Assignee in ("bob")', [4, 5]],
  ['Assignee in ("")', [2, 3, 7, 8, 9, 10, 11, 12]],
  ['Categories in ("A")', [1, 4, 7]],
  ['Categories in ("B")', [4, 5]],
  ['Categories not in ("A")', [2, 3, 5, 6, 8, 9, 10, 11, 12]],
]);

// Today is Thursday 2026-04-23 in Tokyo; this week is 04-19 … 04-25.
table('DATE and the date functions', [
  ['due = "2026-04-23"', [1, 12]],
  ['due = TODAY()', [1, 12]],
  ['due = YESTERDAY()', [2]],
  ['due = TOMORROW()', [6]],
  ['due != TODAY()', [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
  ['due < TODAY()', [2, 4, 8, 9, 11]],
  ['due <= TODAY()', [1, 2, 4, 8, 9, 11, 12]],
  ['due > TODAY()', [5, 6, 7, 10]],
  ['due >= "2026-04-24"', [5, 6, 7, 10]],
  ['due = THIS_WEEK()', [1, 2, 4, 6, 12]],
  ['due = THIS_WEEK(SUNDAY)', [4]],
  ['due = THIS_WEEK(FRIDAY)', [6]],
  ['due = LAST_WEEK()', [11]],
  ['due = NEXT_WEEK()', [5, 7]],
  ['due < THIS_WEEK()', [8, 9, 11]],
  ['due > THIS_WEEK()', [5, 7, 10]],
  ['due <= THIS_WEEK()', [1, 2, 4, 6, 8, 9, 11, 12]],
  ['due >= THIS_WEEK()', [1, 2, 4, 5, 6, 7, 10, 12]],
  ['due = THIS_MONTH()', [1, 2, 4, 5, 6, 11, 12]],
  ['due = THIS_MONTH(LAST)', [5]],
  ['due = THIS_MONTH(31)', [5]],
  ['due = THIS_MONTH(16)', [11]],
  ['due = LAST_MONTH()', [8]],
  ['due = LAST_MONTH(LAST)', [8]],
  ['due = NEXT_MONTH()', [7, 10]],
  ['due = NEXT_MONTH(1)', [7]],
  ['due < THIS_MONTH()', [8, 9]],
  ['due > THIS_MONTH()', [7, 10]],
  ['due = THIS_YEAR()', [1, 2, 4, 5, 6, 7, 8, 10, 11, 12]],
  ['due = LAST_YEAR()', [9]],
  ['due = NEXT_YEAR()', []],
  ['due = FROM_TODAY(7, DAYS)', [5]],
  ['due = FROM_TODAY(-7, DAYS)', [11]],
  ['due = FROM_TODAY(-1, WEEKS)', [11]],
  ['due = FROM_TODAY(1, MONTHS)', [10]],
  ['due = FROM_TODAY(-1, YEARS)', [9]],
  ['due = ""', [3]],
  ['due != ""', allExcept(3)],
  ['due = "2026-04-22T16:00:00Z"', [1, 12]],
]);

table('TIME', [
  ['alarm = "09:00"', [1, 9]],
  ['alarm = "09:00:00"', [1, 9]],
  ['alarm < "09:00"', [4, 7]],
  ['alarm >= "18:30"', [2, 6]],
  ['alarm != "09:00"', [2, 3, 4, 5, 6, 7, 8, 10, 11, 12]],
  ['alarm = ""', [3, 10, 11, 12]],
]);

table('DATETIME, CREATED_TIME, UPDATED_TIME (Tokyo)', [
  ['meeting = TODAY()', [1, 5, 9]],
  ['meeting = "2026-04-23"', [1, 5, 9]],
  ['meeting = YESTERDAY()', [2]],
  ['meeting = TOMORROW()', [6]],
  ['meeting < TODAY()', [2, 4, 8, 11]],
  ['meeting <= TODAY()', [1, 2, 4, 5, 8, 9, 11]],
  ['meeting > TODAY()', [6, 7, 10]],
  ['meeting >= TODAY()', [1, 5, 6, 7, 9, 10]],
  ['meeting = "2026-04-23T09:30:00+0900"', [1]],
  ['meeting = "2026-04-23T09:30:00+09:00"', [1]],
  ['meeting = "2026-04-23T00:30:00Z"', [1]],
  ['meeting = "2026-04-22T19:30:00-0500"', [1]],
  ['meeting = "2026-04-23T09:30"', [1]],
  ['meeting = "2026-04-23T00:30:45Z"', [1]],
  ['meeting > "2026-04-23T00:30:00Z"', [5, 6, 7, 10]],
  ['meeting >= "2026-04-23T00:30:00Z"', [1, 5, 6, 7, 10]],
  ['meeting != "2026-04-23T00:30:00Z"', allExcept(1)],
  ['meeting = THIS_WEEK()', [1, 2, 4, 5, 6, 9]],
  ['meeting = NEXT_WEEK(SUNDAY)', [7]],
  ['meeting = LAST_WEEK(MONDAY)', [11]],
  ['meeting = THIS_MONTH()', [1, 2, 4, 5, 6, 7, 9, 11]],
  ['meeting = NEXT_MONTH()', [10]],
  ['meeting = LAST_YEAR()', [8]],
  ['meeting = ""', [3, 12]],
  ['meeting < NOW()', [1, 2, 4, 8, 9, 11]],
  ['meeting > NOW()', [5, 6, 7, 10]],
  ['Created_datetime = TODAY()', [4, 12]],
  ['Created_datetime = THIS_YEAR()', allExcept(8)],
  ['Created_datetime = LAST_YEAR()', [8]],
  ['Created_datetime < "2026-01-01"', [8]],
  ['Created_datetime >= "2026-01-01T00:00:00+0900"', allExcept(8)],
  ['Created_datetime = LAST_MONTH()', [5]],
  ['Created_datetime = THIS_WEEK()', [2, 4, 6, 9, 10, 12]],
  ['Created_datetime >= FROM_TODAY(-1, DAYS)', [4, 9, 12]],
  ['Updated_datetime = NOW()', [4]],
  ['Updated_datetime = TODAY()', [1, 4, 12]],
  ['Updated_datetime >= NOW()', [4]],
]);

table(
  'days follow the user time zone: New York',
  [
    ['meeting = TODAY()', [1, 2, 9]],
    ['due = TODAY()', [2]],
  ],
  { ...fixtureContext(), timeZone: 'America/New_York' },
);

table('days follow the user time zone: UTC', [['meeting = TODAY()', [1, 5, 6]]], {
  ...fixtureContext(),
  timeZone: 'UTC',
});

table('subtable fields: any row, every row, same row', [
  ['qty > 5', [1, 4, 6]],
  ['qty >= 5', [1, 4, 6, 8]],
  ['qty < 1', [10]],
  ['qty in (1, 2)', [2, 5]],
  ['qty not in (5)', [1, 2, 5, 6, 7, 10]],
  ['qty not in (0)', [1, 2, 4, 5, 6, 7, 8]],
  ['qty > 0 or qty not in (0)', [1, 2, 4, 5, 6, 7, 8]],
  ['item like "apple"', [1, 4, 6, 8]],
  ['item not like "apple"', [2, 5, 7, 10]],
  ['item in ("apple")', [1, 6, 8]],
  ['item in ("")', [10]],
  ['kind in ("part")', [1, 4, 5, 6, 10]],
  ['kind not in ("part")', [2, 7, 8]],
  ['kind in ("")', [6]],
  ['note is empty', [1, 4, 5, 6, 7, 8, 10]],
  ['note is not empty', [2]],
  ['shipped < "2026-04-02"', [1, 2]],
  ['item like "apple" and qty >= 5', [4, 6, 8]],
  ['item like "apple" and kind in ("part")', [1, 4, 6]],
  ['(item like "apple" and kind in ("part")) and qty > 4', [4, 6]],
  ['item like "apple" and amount >= 100', [4, 6]],
  ['item like "banana" or qty > 6', [1, 4]],
  ['item like "apple" and kind not in ("service")', [6]],
  ['(item in ("apple") or qty > 9) and kind in ("service")', [1, 8]],
]);

describe('order by', () => {
  const cases: readonly Case[] = [
    ['', [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]],
    ['order by $id asc', allIds],
    ['ORDER BY $id ASC', allIds],
    ['order by amount asc', [3, 2, 7, 5, 8, 12, 9, 1, 10, 11, 4, 6]],
    ['order by amount desc', [6, 4, 11, 10, 12, 9, 1, 8, 5, 7, 2, 3]],
    ['order by amount', [6, 4, 11, 10, 12, 9, 1, 8, 5, 7, 2, 3]],
    ['order by total asc', [3, 2, 7, 5, 12, 9, 8, 10, 1, 11, 4, 6]],
    ['order by title asc', [3, 12, 1, 2, 8, 9, 10, 11, 4, 5, 7, 6]],
    ['order by stage asc, $id asc', [3, 1, 5, 7, 10, 11, 2, 6, 9, 12, 4, 8]],
    ['order by due asc', [3, 9, 8, 11, 4, 2, 12, 1, 6, 5, 7, 10]],
    ['order by meeting desc', [10, 7, 6, 5, 1, 9, 2, 4, 11, 8, 12, 3]],
    ['order by Record_number asc', allIds],
    ['order by Created_by asc, $id asc', [1, 4, 9, 12, 2, 5, 8, 3, 7, 11, 6, 10]],
    ['order by alarm asc', [12, 11, 10, 3, 4, 7, 9, 1, 5, 8, 2, 6]],
    ['order by finish desc limit 4', [1, 2, 4, 12]],
    ['order by worked asc, $id asc limit 5', [3, 5, 6, 7, 8]],
    ['order by Status asc, amount desc', [11, 10, 12, 9, 5, 7, 2, 4, 1, 8, 6, 3]],
    ['amount > 10 order by amount asc', [10, 11, 4, 6]],
  ];
  it.each(cases)('%s', (query, expected) => {
    expect(selectedIds(query)).toEqual(expected);
  });

  it('compares like the selection sorts', () => {
    const compiled = compileQuery('order by amount asc', fixtureContext());
    const sorted = [...fixtureRecords].sort((a, b) => compiled.compare(a, b)).map(idOf);
    expect(sorted).toEqual([3, 2, 7, 5, 8, 12, 9, 1, 10, 11, 4, 6]);
  });

  it('sorts through compare when given another CompiledQuery implementation', () => {
    const compiled = compileQuery('order by title asc limit 4', fixtureContext());
    const plain = {
      matches: (record: KintoneRecord) => compiled.matches(record),
      compare: (a: KintoneRecord, b: KintoneRecord) => compiled.compare(a, b),
      limit: compiled.limit,
      offset: compiled.offset,
    };
    expect(selectRecords(fixtureRecords, plain).records.map(idOf)).toEqual([3, 12, 1, 2]);
  });
});

describe('limit and offset', () => {
  it.each([
    ['order by $id asc limit 3', [1, 2, 3], 12],
    ['order by $id asc limit 3 offset 2', [3, 4, 5], 12],
    ['order by $id asc offset 10', [11, 12], 12],
    ['limit 0', [], 12],
    ['amount > 10 order by amount asc limit 2 offset 1', [11, 4], 4],
    ['offset 20', [], 12],
    ['limit 500 offset 10000', [], 12],
  ] as const)('%s', (query, expected, totalCount) => {
    const selection = selectRecords(fixtureRecords, compileQuery(query, fixtureContext()));
    expect(selection.records.map(idOf)).toEqual(expected);
    expect(selection.totalCount).toBe(totalCount);
  });

  it('reports limit and offset', () => {
    expect(compileQuery('limit 7 offset 3', fixtureContext())).toMatchObject({
      limit: 7,
      offset: 3,
    });
    expect(compileQuery('', fixtureContext())).toMatchObject({ limit: undefined, offset: 0 });
  });

  it('applies the default limit when the query has none', () => {
    const compiled = compileQuery('order by $id asc', fixtureContext());
    expect(selectRecords(fixtureRecords, compiled, { defaultLimit: 5 }).records.map(idOf)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(selectRecords(fixtureRecords, compiled).records).toHaveLength(12);
  });

  it('accepts a cursor query without limit and offset', () => {
    const compiled = compileQuery(
      'amount > 10 order by amount asc',
      fixtureContext({ usage: 'cursor' }),
    );
    expect(compiled.limit).toBeUndefined();
    expect(fixtureRecords.filter((record) => compiled.matches(record)).map(idOf)).toEqual([
      4, 6, 10, 11,
    ]);
  });
});

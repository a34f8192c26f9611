/**
 * Large objects. With "Server Driven Pagination" on, Salesforce ignores its own page size
 * and follows `@odata.nextLink` to the end; each page may hold at most 2,000 rows, and a
 * response may not exceed 8 MB (16 MB per result set). With client-driven paging (the
 * default) it moves with `$skip`, also past Kintone's 10,000-record offset limit. The two
 * apps below are loaded into the emulator for this: one with 12,000 records, one with
 * wide records (long texts) that fill 7 MiB long before 2,000 rows.
 */
import type { SeedApp, SeedRecord } from '../../../src/kintone-emulator/index.js';
import type { SalesforceQuery } from '../support/salesforce-query.js';

export const bigAppRecords = 12_000;
export const wideAppRecords = 700;
/** Characters of each long text of the wide app: 8 of them make about 32 KB per record. */
export const wideTextLength = 4_000;

const groups = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'];

export const bigApp: SeedApp = {
  name: 'Big app',
  code: 'BIGAPP',
  fields: {
    title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
    amount: { type: 'NUMBER', code: 'amount', label: 'Amount' },
    group: {
      type: 'DROP_DOWN',
      code: 'group',
      label: 'Group',
      options: Object.fromEntries(
        groups.map((group, index) => [group, { label: group, index: String(index) }]),
      ),
    },
    happened: { type: 'DATE', code: 'happened', label: 'Happened' },
  },
  records: function* (): Iterable<SeedRecord> {
    for (let index = 1; index <= bigAppRecords; index++) {
      yield {
        title: { value: `Row ${index}` },
        amount: { value: String((index * 7919) % 1000) },
        group: { value: groups[index % groups.length] },
        happened: {
          value: new Date(Date.UTC(2024, 0, 1 + (index % 366))).toISOString().slice(0, 10),
        },
      };
    }
  },
};

const wideFields = Array.from({ length: 8 }, (_, index) => `text_${index + 1}`);

export const wideApp: SeedApp = {
  name: 'Wide app',
  code: 'WIDEAPP',
  fields: {
    title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
    ...Object.fromEntries(
      wideFields.map((code): [string, unknown] => [
        code,
        { type: 'MULTI_LINE_TEXT', code, label: code },
      ]),
    ),
  },
  records: function* (): Iterable<SeedRecord> {
    for (let index = 1; index <= wideAppRecords; index++) {
      const filler = `Record ${index} `.padEnd(wideTextLength, 'abcdefghij ');
      yield {
        title: { value: `Wide ${index}` },
        ...Object.fromEntries(wideFields.map((code) => [code, { value: filler }])),
      };
    }
  },
};

export interface ServerDrivenRead {
  readonly screen: string;
  readonly query: SalesforceQuery;
  /** The test's reading of the filter. */
  readonly matches?: (entity: Readonly<Record<string, unknown>>) => boolean;
}

/** Reads Salesforce pages through with next links (`Prefer: odata.maxpagesize=2000`). */
export const serverDrivenReads: readonly ServerDrivenRead[] = [
  {
    screen: 'A report over all 12,000 records',
    query: { set: 'BIGAPP', select: ['RecordId', 'title', 'amount', 'group'] },
  },
  {
    screen: 'Sorted by Group, then Amount descending (sorted by the gateway)',
    query: {
      set: 'BIGAPP',
      select: ['RecordId', 'title', 'amount', 'group'],
      orderBy: 'group asc,amount desc',
    },
  },
  {
    screen: 'Filtered on Amount at least 500 and a date range',
    query: {
      set: 'BIGAPP',
      select: ['RecordId', 'amount', 'happened'],
      filter: 'amount ge 500 and happened lt 2024-10-01',
    },
    matches: (entity) =>
      (entity['amount'] as number) >= 500 && (entity['happened'] as string) < '2024-10-01',
  },
];

/** Client-driven pages around Kintone's 10,000-record offset limit (200 rows, $top=201). */
export const deepSkips: readonly number[] = [9_800, 10_000, 10_200, 11_800];

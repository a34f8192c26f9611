/**
 * The detail page of a record, lookups and related lists. Salesforce fetches one record by
 * its External ID — through a key segment (`/Set(123)`, composite `/Set(A=1,B=2)`) or a
 * `$filter` on the key fields — and the rows of a related list by the field that refers to
 * the parent's External ID.
 */

export interface KeySegmentRead {
  readonly screen: string;
  readonly set: string;
  /** The key as written in the URL. */
  readonly segment: string;
  /** The key values of the entity it must return. */
  readonly key: Readonly<Record<string, number>>;
  readonly select?: readonly string[];
}

export const keySegmentReads: readonly KeySegmentRead[] = [
  { screen: 'Open customer 3', set: 'CUSTOMERS', segment: '(3)', key: { RecordId: 3 } },
  {
    screen: 'Open customer 3, the fields of its page layout',
    set: 'CUSTOMERS',
    segment: '(3)',
    key: { RecordId: 3 },
    select: ['RecordId', 'customer_id', 'company_name', 'city', 'employees', 'customer_since'],
  },
  { screen: 'Open deal 7', set: 'DEALS', segment: '(7)', key: { RecordId: 7 } },
  {
    screen: 'Open a line item (composite External ID)',
    set: 'DEALS_line_items',
    segment: '(ParentRecordId=1,RowId=2)',
    key: { ParentRecordId: 1, RowId: 2 },
  },
  {
    screen: 'Open a guest-space request',
    set: 'Guest_PARTNER',
    segment: '(4)',
    key: { RecordId: 4 },
  },
];

export interface KeyFilterRead {
  readonly screen: string;
  readonly set: string;
  readonly filter: string;
  readonly select: readonly string[];
  /** The key values of the entities it must return, in order. */
  readonly keys: readonly Readonly<Record<string, number>>[];
}

export const keyFilterReads: readonly KeyFilterRead[] = [
  {
    screen: 'Lookup of customer 3 by External ID',
    set: 'CUSTOMERS',
    filter: 'RecordId eq 3',
    select: ['RecordId', 'company_name'],
    keys: [{ RecordId: 3 }],
  },
  {
    screen: 'Lookups of several customers at once',
    set: 'CUSTOMERS',
    filter: 'RecordId eq 3 or RecordId eq 5 or RecordId eq 11',
    select: ['RecordId', 'company_name'],
    keys: [{ RecordId: 3 }, { RecordId: 5 }, { RecordId: 11 }],
  },
  {
    screen: 'Lookup of a line item by its composite External ID',
    set: 'DEALS_line_items',
    filter: 'ParentRecordId eq 1 and RowId eq 2',
    select: ['ParentRecordId', 'RowId', 'product'],
    keys: [{ ParentRecordId: 1, RowId: 2 }],
  },
  {
    screen: 'A record that does not exist: an empty result, not an error',
    set: 'CUSTOMERS',
    filter: 'RecordId eq 999999',
    select: ['RecordId', 'company_name'],
    keys: [],
  },
];

/** The related list "Line items" on a deal's page. */
export const relatedListRead = {
  screen: 'Related list "Line items" on deal 5',
  set: 'DEALS_line_items',
  filter: 'ParentRecordId eq 5',
  select: ['ParentRecordId', 'RowId', 'product', 'quantity', 'unit_price', 'subtotal'],
} as const;

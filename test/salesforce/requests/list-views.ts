/**
 * Tabs and list views of an external object. Salesforce shows 25 rows (asks for 26 to
 * learn whether there are more), 200 when a report or "show more" pages (asks for 201),
 * and takes 202 of a SOQL LIMIT above 202 (`$top=301` is from Salesforce's own example).
 * Sorting a column adds `$orderby`; "Request Row Counts" adds `$count=true` (always on with
 * the 4.01 adapter). Client-driven paging (the default) moves with `$skip`.
 */
import type { SalesforceQuery } from '../support/salesforce-query.js';

export interface ListViewRequest extends SalesforceQuery {
  /** What the user does in Salesforce. */
  readonly screen: string;
}

const dealColumns = ['RecordId', 'deal_name', 'stage', 'probability', 'close_date'];

export const listViewRequests: readonly ListViewRequest[] = [
  {
    screen: 'Open the Deals tab: the "All" list view, 25 rows, with row counts',
    set: 'DEALS',
    select: dealColumns,
    top: 26,
  },
  {
    screen: 'The same list view, "Request Row Counts" off (4.0 adapter sends $count=false)',
    set: 'DEALS',
    select: dealColumns,
    top: 26,
    requestRowCounts: false,
  },
  {
    screen:
      'A lookup field’s search dialog: only the External ID (as Salesforce’s Suppliers example)',
    set: 'CUSTOMERS',
    select: ['RecordId'],
    top: 26,
  },
  {
    screen: 'A report or "show more": 200 rows',
    set: 'DEALS',
    select: dealColumns,
    top: 201,
  },
  {
    screen: 'SOQL with LIMIT 300',
    set: 'DEALS',
    select: ['RecordId', 'deal_name', 'customer', 'total'],
    top: 301,
  },
  {
    screen: 'Sort by Expected close date, newest first',
    set: 'DEALS',
    select: dealColumns,
    orderBy: 'close_date desc',
    top: 26,
  },
  {
    screen: 'Sort by Deal name (text: sorted by the gateway)',
    set: 'DEALS',
    select: dealColumns,
    orderBy: 'deal_name asc',
    top: 26,
  },
  {
    screen: 'SOQL ORDER BY stage, probability DESC, close_date',
    set: 'DEALS',
    select: dealColumns,
    orderBy: 'stage asc,probability desc,close_date asc',
    top: 201,
  },
  {
    screen: 'Sort by Record ID descending (pushed down to Kintone)',
    set: 'DEALS',
    select: dealColumns,
    orderBy: 'RecordId desc',
    top: 26,
  },
  {
    screen: 'Sort by Last contacted (date-time) on Customers',
    set: 'CUSTOMERS',
    select: ['RecordId', 'company_name', 'city', 'last_contacted', 'annual_revenue'],
    orderBy: 'last_contacted desc',
    top: 26,
  },
  {
    screen: 'Sort by a column with empty values (Notes): empty first ascending',
    set: 'CUSTOMERS',
    select: ['RecordId', 'company_name', 'notes'],
    orderBy: 'notes asc',
    top: 26,
  },
  {
    screen: 'Subtable rows as their own object, sorted by Subtotal',
    set: 'DEALS_line_items',
    select: ['ParentRecordId', 'RowId', 'product', 'quantity', 'subtotal'],
    orderBy: 'subtotal desc',
    top: 26,
  },
  {
    screen: 'Support tickets tab with the process status',
    set: 'TICKETS',
    select: ['RecordId', 'subject', 'Status', 'Assignee', 'priority', 'reported_at'],
    orderBy: 'reported_at desc',
    top: 26,
  },
  {
    screen: 'A guest-space app',
    set: 'Guest_PARTNER',
    select: ['RecordId', 'title', 'partner', 'due', 'state'],
    top: 26,
  },
];

/** Client-driven paging: the pages a 200-row list view walks through, with `$skip`. */
export const clientDrivenPaging: readonly {
  readonly screen: string;
  readonly query: SalesforceQuery;
  readonly pageSize: number;
}[] = [
  {
    screen: 'Page through all deals, 200 at a time, unsorted',
    query: { set: 'DEALS', select: dealColumns },
    pageSize: 200,
  },
  {
    screen: 'Page through all deals sorted by Stage (many equal values across page ends)',
    query: { set: 'DEALS', select: dealColumns, orderBy: 'stage asc' },
    pageSize: 200,
  },
  {
    screen: 'Page through subtable rows sorted by Product, descending',
    query: {
      set: 'DEALS_line_items',
      select: ['ParentRecordId', 'RowId', 'product'],
      orderBy: 'product desc',
    },
    pageSize: 200,
  },
];

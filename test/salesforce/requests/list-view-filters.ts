/**
 * List-view filters and SOQL WHERE clauses as `$filter`: comparisons on text, number,
 * date and date-time fields, `eq null`, `and` / `or` / `not`, `startswith` / `endswith`,
 * date literals (`2024-01-31`) and date-time literals (`2024-01-31T09:00:00Z`). Each row
 * pairs the filter Salesforce sends with the test's own reading of it (`matches`), which
 * the test applies to the rows read without a filter. `empty: true` marks filters that
 * select nothing in the demo data; every other one must select at least one row.
 */
import { compare, text, type Entity } from '../support/reference-rows.js';

export interface FilterCase {
  /** The list-view filter or SOQL condition the user wrote. */
  readonly screen: string;
  readonly set: string;
  readonly select: readonly string[];
  readonly filter: string;
  readonly matches: (entity: Entity) => boolean;
  readonly empty?: true;
}

const { eq, ne, gt, ge, lt, le } = compare;
const customerColumns = ['RecordId', 'customer_id', 'company_name', 'city', 'employees'];
const dealColumns = ['RecordId', 'deal_name', 'stage', 'probability', 'close_date', 'total'];

function customers(
  screen: string,
  filter: string,
  matches: (entity: Entity) => boolean,
  select: readonly string[] = customerColumns,
): FilterCase {
  return { screen, set: 'CUSTOMERS', select, filter, matches };
}

function deals(screen: string, filter: string, matches: (entity: Entity) => boolean): FilterCase {
  return { screen, set: 'DEALS', select: dealColumns, filter, matches };
}

const startsWith = (entity: Entity, property: string, prefix: string): boolean =>
  text(entity, property)?.startsWith(prefix) ?? false;
const endsWith = (entity: Entity, property: string, suffix: string): boolean =>
  text(entity, property)?.endsWith(suffix) ?? false;

export const textFilters: readonly FilterCase[] = [
  customers('City equals London', "city eq 'London'", (e) => eq(e, 'city', 'London')),
  customers('City equals San Francisco', "city eq 'San Francisco'", (e) =>
    eq(e, 'city', 'San Francisco'),
  ),
  customers('City not equal to London', "city ne 'London'", (e) => ne(e, 'city', 'London')),
  customers('Company name greater than "M"', "company_name gt 'M'", (e) =>
    gt(e, 'company_name', 'M'),
  ),
  customers('Company name greater or equal "Orbit"', "company_name ge 'Orbit'", (e) =>
    ge(e, 'company_name', 'Orbit'),
  ),
  customers('Company name less than "C"', "company_name lt 'C'", (e) => lt(e, 'company_name', 'C')),
  customers('Company name less or equal "Blue"', "company_name le 'Blue'", (e) =>
    le(e, 'company_name', 'Blue'),
  ),
  customers(
    'Customer ID equals CUST-00003 (a lookup by another field)',
    "customer_id eq 'CUST-00003'",
    (e) => eq(e, 'customer_id', 'CUST-00003'),
  ),
  {
    ...customers("A quote in the value: O'Hara & Sons", "company_name eq 'O''Hara & Sons'", (e) =>
      eq(e, 'company_name', "O'Hara & Sons"),
    ),
    empty: true,
  },
  customers('Rank (a radio button) equals A', "rank eq 'A'", (e) => eq(e, 'rank', 'A'), [
    'RecordId',
    'company_name',
    'rank',
  ]),
  customers(
    'Interests (check boxes as text) equals "Mobile"',
    "interests eq 'Mobile'",
    (e) => eq(e, 'interests', 'Mobile'),
    ['RecordId', 'interests'],
  ),
  customers(
    'Preferred call time (a Kintone time, text in Salesforce) equals 12:00:00',
    "preferred_call_time eq '12:00:00'",
    (e) => eq(e, 'preferred_call_time', '12:00:00'),
    ['RecordId', 'preferred_call_time'],
  ),
  customers(
    'Preferred call time from "16:00" (compared as text)',
    "preferred_call_time ge '16:00'",
    (e) => ge(e, 'preferred_call_time', '16:00'),
    ['RecordId', 'preferred_call_time'],
  ),
  deals('Stage equals Closed Won (a drop-down)', "stage eq 'Closed Won'", (e) =>
    eq(e, 'stage', 'Closed Won'),
  ),
  deals('Stage not equal to Closed Lost', "stage ne 'Closed Lost'", (e) =>
    ne(e, 'stage', 'Closed Lost'),
  ),
];

export const numberFilters: readonly FilterCase[] = [
  customers('Employees equals 4008', 'employees eq 4008', (e) => eq(e, 'employees', 4008)),
  customers('Employees not equal to 4008', 'employees ne 4008', (e) => ne(e, 'employees', 4008)),
  customers('Employees greater than 2500', 'employees gt 2500', (e) => gt(e, 'employees', 2500)),
  customers('Employees at least 2500', 'employees ge 2500', (e) => ge(e, 'employees', 2500)),
  customers('Employees less than 500', 'employees lt 500', (e) => lt(e, 'employees', 500)),
  customers('Employees at most 500', 'employees le 500', (e) => le(e, 'employees', 500)),
  customers(
    'Annual revenue below 5,000,000',
    'annual_revenue lt 5000000',
    (e) => lt(e, 'annual_revenue', 5_000_000),
    ['RecordId', 'company_name', 'annual_revenue'],
  ),
  deals('Probability at least 60', 'probability ge 60', (e) => ge(e, 'probability', 60)),
  deals('Probability equals 0', 'probability eq 0', (e) => eq(e, 'probability', 0)),
  deals('Total over 50,000', 'total gt 50000', (e) => gt(e, 'total', 50_000)),
  deals('Total at most 12,345.5 (a decimal literal)', 'total le 12345.5', (e) =>
    le(e, 'total', 12_345.5),
  ),
];

const dateColumns = ['RecordId', 'company_name', 'customer_since', 'last_contacted'];

export const dateFilters: readonly FilterCase[] = [
  customers(
    'Customer since equals 2025-07-16',
    'customer_since eq 2025-07-16',
    (e) => eq(e, 'customer_since', '2025-07-16'),
    dateColumns,
  ),
  customers(
    'Customer since not 2025-07-16',
    'customer_since ne 2025-07-16',
    (e) => ne(e, 'customer_since', '2025-07-16'),
    dateColumns,
  ),
  customers(
    'Customer since after 2024-01-31',
    'customer_since gt 2024-01-31',
    (e) => gt(e, 'customer_since', '2024-01-31'),
    dateColumns,
  ),
  customers(
    'Customer since on or after 2024-01-31',
    'customer_since ge 2024-01-31',
    (e) => ge(e, 'customer_since', '2024-01-31'),
    dateColumns,
  ),
  customers(
    'Customer since before 2024-01-31',
    'customer_since lt 2024-01-31',
    (e) => lt(e, 'customer_since', '2024-01-31'),
    dateColumns,
  ),
  customers(
    'Customer since on or before 2024-01-31',
    'customer_since le 2024-01-31',
    (e) => le(e, 'customer_since', '2024-01-31'),
    dateColumns,
  ),
  deals(
    'Close date in 2024 (THIS YEAR-style range)',
    'close_date ge 2024-01-01 and close_date le 2024-12-31',
    (e) => ge(e, 'close_date', '2024-01-01') && le(e, 'close_date', '2024-12-31'),
  ),
  customers(
    'Last contacted after 2024-01-31T09:00:00Z',
    'last_contacted gt 2024-01-31T09:00:00Z',
    (e) => gt(e, 'last_contacted', '2024-01-31T09:00:00Z'),
    dateColumns,
  ),
  customers(
    'Last contacted on or after 2024-01-31T09:00:00Z',
    'last_contacted ge 2024-01-31T09:00:00Z',
    (e) => ge(e, 'last_contacted', '2024-01-31T09:00:00Z'),
    dateColumns,
  ),
  customers(
    'Last contacted before 2024-01-31T09:00:00Z',
    'last_contacted lt 2024-01-31T09:00:00Z',
    (e) => lt(e, 'last_contacted', '2024-01-31T09:00:00Z'),
    dateColumns,
  ),
  customers(
    'Last contacted on or before 2024-01-31T09:00:00Z',
    'last_contacted le 2024-01-31T09:00:00Z',
    (e) => le(e, 'last_contacted', '2024-01-31T09:00:00Z'),
    dateColumns,
  ),
  customers(
    'Last contacted equals 2024-06-12T06:16:00Z',
    'last_contacted eq 2024-06-12T06:16:00Z',
    (e) => eq(e, 'last_contacted', '2024-06-12T06:16:00Z'),
    dateColumns,
  ),
  customers(
    'Last contacted not 2024-06-12T06:16:00Z',
    'last_contacted ne 2024-06-12T06:16:00Z',
    (e) => ne(e, 'last_contacted', '2024-06-12T06:16:00Z'),
    dateColumns,
  ),
  customers(
    'Last contacted from 2024-01-31T18:00:00+09:00 (an offset: the same instant as 09:00Z)',
    'last_contacted ge 2024-01-31T18:00:00+09:00',
    (e) => ge(e, 'last_contacted', '2024-01-31T09:00:00Z'),
    dateColumns,
  ),
  {
    screen: 'Tickets reported in February 2024',
    set: 'TICKETS',
    select: ['RecordId', 'subject', 'reported_at'],
    filter: 'reported_at ge 2024-02-01T00:00:00Z and reported_at lt 2024-03-01T00:00:00Z',
    matches: (e) =>
      ge(e, 'reported_at', '2024-02-01T00:00:00Z') && lt(e, 'reported_at', '2024-03-01T00:00:00Z'),
  },
];

export const nullAndLogicFilters: readonly FilterCase[] = [
  customers('Notes equals "" (empty)', 'notes eq null', (e) => eq(e, 'notes', null), [
    'RecordId',
    'notes',
  ]),
  customers('Notes not empty', 'notes ne null', (e) => ne(e, 'notes', null), ['RecordId', 'notes']),
  {
    ...customers('Contact name empty', 'contact_name eq null', (e) => eq(e, 'contact_name', null)),
    empty: true,
  },
  {
    ...customers('Employees empty', 'employees eq null', (e) => eq(e, 'employees', null)),
    empty: true,
  },
  customers(
    'City is London or Tokyo',
    "city eq 'London' or city eq 'Tokyo'",
    (e) => eq(e, 'city', 'London') || eq(e, 'city', 'Tokyo'),
  ),
  customers(
    'Employees over 1000 and rank A',
    "employees gt 1000 and rank eq 'A'",
    (e) => gt(e, 'employees', 1000) && eq(e, 'rank', 'A'),
    ['RecordId', 'employees', 'rank'],
  ),
  customers('Not (city is London)', "not (city eq 'London')", (e) => !eq(e, 'city', 'London')),
  customers(
    'Not (employees over 2500)',
    'not (employees gt 2500)',
    (e) => !gt(e, 'employees', 2500),
  ),
  customers(
    'Notes filled in and city not Tokyo',
    "not (notes eq null) and city ne 'Tokyo'",
    (e) => !eq(e, 'notes', null) && ne(e, 'city', 'Tokyo'),
    ['RecordId', 'city', 'notes'],
  ),
  deals(
    'Late-stage deals closing from 2024-01-31',
    "(stage eq 'Closed Won' or stage eq 'Negotiation') and probability ge 60 and close_date ge 2024-01-31",
    (e) =>
      (eq(e, 'stage', 'Closed Won') || eq(e, 'stage', 'Negotiation')) &&
      ge(e, 'probability', 60) &&
      ge(e, 'close_date', '2024-01-31'),
  ),
  deals(
    'Open deals: not won, not lost',
    "not (stage eq 'Closed Won' or stage eq 'Closed Lost')",
    (e) => !(eq(e, 'stage', 'Closed Won') || eq(e, 'stage', 'Closed Lost')),
  ),
];

export const stringFunctionFilters: readonly FilterCase[] = [
  customers('Company name starts with "Blue"', "startswith(company_name,'Blue')", (e) =>
    startsWith(e, 'company_name', 'Blue'),
  ),
  customers(
    'Company name starts with "Blue" (compared with true)',
    "startswith(company_name,'Blue') eq true",
    (e) => startsWith(e, 'company_name', 'Blue'),
  ),
  customers('Company name ends with "K.K."', "endswith(company_name,'K.K.') eq true", (e) =>
    endsWith(e, 'company_name', 'K.K.'),
  ),
  customers(
    'E-mail ends with ".example"',
    "endswith(email,'.example')",
    (e) => endsWith(e, 'email', '.example'),
    ['RecordId', 'email'],
  ),
  customers(
    'Customer ID does not start with CUST-0000',
    "not startswith(customer_id,'CUST-0000')",
    (e) => !startsWith(e, 'customer_id', 'CUST-0000'),
  ),
  {
    screen: 'Line items of one deal, with 10 or more units of a product',
    set: 'DEALS_line_items',
    select: ['ParentRecordId', 'RowId', 'product', 'quantity'],
    filter: "startswith(product,'Training') and quantity ge 10",
    matches: (e) => startsWith(e, 'product', 'Training') && ge(e, 'quantity', 10),
  },
];

export const filterGroups: readonly {
  readonly name: string;
  readonly cases: readonly FilterCase[];
}[] = [
  { name: 'text', cases: textFilters },
  { name: 'number', cases: numberFilters },
  { name: 'date and date-time', cases: dateFilters },
  { name: 'null, and, or, not', cases: nullAndLogicFilters },
  { name: 'startswith, endswith', cases: stringFunctionFilters },
];

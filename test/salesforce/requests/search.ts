/**
 * Search (the global search box, and a lookup's search dialog). By default Salesforce sends
 * an `or` of `contains(Field,'text') eq true` over every text field of the object; with
 * "Use Free-Text Search Expressions" on, it sends `$search=text` (one case-sensitive
 * phrase, ASCII punctuation other than `-` removed). Both come with `$select`,
 * `$count=true` and `$top=25` as in Salesforce's documented examples.
 *
 * What the gateway does with them: `contains()` is an exact, case-sensitive substring
 * match (evaluated by the gateway: Kintone's own search is by whole words). `$search` on an
 * app is Kintone's word search over its text fields (single-line and multi-line text, rich
 * text, links): every word must be a whole word of one field, case-insensitively; on a
 * subtable it is the gateway's case-insensitive substring search over its text columns.
 */

export interface SearchCase {
  readonly screen: string;
  readonly set: string;
  readonly select: readonly string[];
  readonly text: string;
  /** The properties Kintone's word search looks in (`$search` on an app). */
  readonly wordSearchFields?: readonly string[];
  readonly empty?: true;
}

const customerText = [
  'customer_id',
  'company_name',
  'contact_name',
  'email',
  'website',
  'city',
  'notes',
];
const customerColumns = ['RecordId', 'customer_id', 'company_name', 'city'];
const dealText = ['deal_name', 'customer', 'customer_company', 'customer_city'];
const ticketText = ['subject', 'description'];

function customers(screen: string, searchText: string, empty?: true): SearchCase {
  return {
    screen,
    set: 'CUSTOMERS',
    select: customerColumns,
    text: searchText,
    wordSearchFields: customerText,
    ...(empty === undefined ? {} : { empty }),
  };
}

/** Searches sent both ways (default `contains()` form, and `$search`). */
export const searchCases: readonly SearchCase[] = [
  customers('Search Customers for "London"', 'London'),
  customers('Search Customers for "Blue"', 'Blue'),
  customers('Search Customers for a customer ID "CUST-00003"', 'CUST-00003'),
  customers('Search Customers for "pilot" (in the Notes long text)', 'pilot'),
  {
    screen: 'Search Deals for "Sapporo"',
    set: 'DEALS',
    select: ['RecordId', 'deal_name', 'customer_company', 'customer_city'],
    text: 'Sapporo',
    wordSearchFields: dealText,
  },
  {
    screen: 'Search Support tickets for "password"',
    set: 'TICKETS',
    select: ['RecordId', 'subject', 'Status'],
    text: 'password',
    wordSearchFields: ticketText,
  },
  {
    screen: 'Search the line items (a subtable) for "licence"',
    set: 'DEALS_line_items',
    select: ['ParentRecordId', 'RowId', 'product'],
    text: 'licence',
  },
];

/** Where the two forms differ: substrings and case. */
export const defaultSearchOnly: readonly SearchCase[] = [
  customers('Search for part of a word, "Lond" (contains() finds substrings)', 'Lond'),
  customers('Search for "london" in lower case (contains() is case-sensitive)', 'london', true),
  customers('Search for "K.K." (punctuation is kept in the default form)', 'K.K.'),
  customers("Search for O'Hara (a quote in the text)", "O'Hara", true),
];

export const freeTextSearchOnly: readonly SearchCase[] = [
  customers('Free-text search for "Lond": whole words only, no match', 'Lond', true),
  customers('Free-text search for "london" in lower case: Kintone ignores case', 'london'),
  customers(
    'Free-text search for two words, "Blue Analytics": both must be found',
    'Blue Analytics',
  ),
  {
    screen: 'Free-text search for "LICENCE" on a subtable: the gateway ignores case',
    set: 'DEALS_line_items',
    select: ['ParentRecordId', 'RowId', 'product'],
    text: 'LICENCE',
  },
  {
    screen: 'Free-text search for the word "NOT" (an operator only between words)',
    set: 'TICKETS',
    select: ['RecordId', 'subject', 'Status'],
    text: 'NOT',
    wordSearchFields: ticketText,
  },
];

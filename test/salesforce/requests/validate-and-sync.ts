/**
 * Setup → External Data Sources → (the Tsunagi source) → "Validate and Sync": Salesforce
 * reads `$metadata` (CSDL XML), lists the entity sets, and for each one the administrator
 * picks creates an external object whose fields follow the type-mapping table. Below: the
 * request, the objects Salesforce lists for the demo, and the field each property becomes.
 */

export const validateAndSyncRequest = {
  method: 'GET',
  path: '/$metadata',
  headers: { Accept: 'application/xml' },
} as const;

/** The entity sets "Validate and Sync" lists (every one has a key, so every one can sync). */
export const listedExternalObjects = [
  'Apps',
  'CUSTOMERS',
  'DEALS',
  'DEALS_line_items',
  'Guest_Apps',
  'Guest_PARTNER',
  'TICKETS',
];

const kintoneSystemFields = {
  RecordId: 'Number',
  Revision: 'Number',
  Record_number: 'Text(64)',
  Updated_by: 'Text(255)',
  Created_by: 'Text(255)',
  Updated_datetime: 'Date/Time',
  Created_datetime: 'Date/Time',
};

/** Kintone field → Salesforce field, per external object of the demo. */
export const externalObjectFields: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  CUSTOMERS: {
    ...kintoneSystemFields,
    customer_id: 'Text(20)', // SINGLE_LINE_TEXT with maxLength 20
    company_name: 'Text(100)',
    contact_name: 'Text(255)', // no Kintone maxLength: the connector's default 255
    email: 'Text(255)', // LINK (mail)
    website: 'Text(255)', // LINK (web)
    city: 'Text(255)',
    employees: 'Number', // NUMBER
    annual_revenue: 'Number',
    industry: 'Text(255)', // DROP_DOWN: its option text
    rank: 'Text(255)', // RADIO_BUTTON
    interests: 'Text(255)', // CHECK_BOX: options joined with ";" (Salesforce's multi-select separator)
    regions: 'Text(255)', // MULTI_SELECT, the same
    customer_since: 'Date/Time', // DATE: Salesforce shows it at 00:00
    last_contacted: 'Date/Time', // DATETIME
    preferred_call_time: 'Text(16)', // TIME: Edm.TimeOfDay is unsupported, so text "hh:mm:ss"
    notes: 'Long Text Area(32768)', // MULTI_LINE_TEXT
    account_manager: 'Text(255)', // USER_SELECT: user codes
  },
  DEALS: {
    ...kintoneSystemFields,
    deal_name: 'Text(255)',
    customer: 'Text(255)', // lookup key
    customer_company: 'Text(255)', // lookup copy
    customer_city: 'Text(255)',
    stage: 'Text(255)',
    probability: 'Number',
    close_date: 'Date/Time',
    owner: 'Text(255)',
    total: 'Number', // CALC
    weighted_total: 'Number',
  },
  DEALS_line_items: {
    // A subtable row: its key is the row id together with the record id (composite key).
    RowId: 'Number',
    ParentRecordId: 'Number',
    ParentRevision: 'Number',
    product: 'Text(255)',
    quantity: 'Number',
    unit_price: 'Number',
    subtotal: 'Number',
  },
  TICKETS: {
    ...kintoneSystemFields,
    Status: 'Text(255)', // process management
    Assignee: 'Text(255)',
    subject: 'Text(255)',
    description: 'Long Text Area(32768)',
    priority: 'Text(255)',
    channel: 'Text(255)',
    reported_at: 'Date/Time',
    handler: 'Text(255)',
  },
  Guest_PARTNER: {
    ...kintoneSystemFields,
    title: 'Text(255)',
    partner: 'Text(255)',
    due: 'Date/Time',
    state: 'Text(255)',
  },
};

/** The key Salesforce makes the External ID of each object. */
export const externalIds: Readonly<Record<string, readonly string[]>> = {
  Apps: ['AppId'],
  CUSTOMERS: ['RecordId'],
  DEALS: ['RecordId'],
  DEALS_line_items: ['ParentRecordId', 'RowId'],
  Guest_Apps: ['AppId'],
  Guest_PARTNER: ['RecordId'],
  TICKETS: ['RecordId'],
};

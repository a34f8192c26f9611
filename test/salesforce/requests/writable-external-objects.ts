/**
 * "Writable External Objects": the user creates a record (Salesforce POSTs every field it
 * has a value for), edits it (Salesforce PATCHes every field of the object, changed or
 * not, read-only ones included), and deletes it. Errors come back as OData JSON error
 * bodies, which Salesforce shows to the user. The bodies below are what the user typed.
 */

/** "New Customer": every writable field of the Customers object. */
export const newCustomer = {
  customer_id: 'CUST-SF-0001',
  company_name: 'Salesforce Replay K.K.',
  contact_name: 'Aiko Tanaka',
  email: 'aiko.tanaka@replay.example',
  website: 'https://www.replay.example',
  city: 'Kyoto',
  employees: 120,
  annual_revenue: 2500000.5,
  industry: 'Software',
  rank: 'A',
  interests: 'Cloud;Mobile',
  regions: 'Kansai;Overseas',
  customer_since: '2024-01-31',
  last_contacted: '2024-01-31T09:00:00Z',
  preferred_call_time: '10:30:00',
  notes: 'Created from Salesforce.\nSecond line: 日本語も。',
  account_manager: 'sato',
} as const;

/** The fields the user changes on the edit page (the rest is sent unchanged). */
export const customerEdit = {
  city: 'Osaka',
  employees: 150,
  interests: 'Analytics',
  notes: null,
} as const;

/** "New Deal" for an existing customer: the lookup fills the customer's company and city. */
export const newDeal = {
  deal_name: 'Replay licence for Kyoto office',
  customer: 'CUST-00003',
  stage: 'Proposal',
  probability: 60,
  close_date: '2024-03-31',
  owner: 'suzuki',
} as const;

export interface InvalidCreate {
  readonly screen: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** The fields the error names (its `details` targets), as Salesforce shows them. */
  readonly fields: readonly string[];
}

/** Saves Salesforce refuses with the gateway's error message next to the fields. */
export const invalidCreates: readonly InvalidCreate[] = [
  {
    screen: 'A value that is not an option, an impossible date and text in a number field',
    body: {
      customer_id: 'CUST-SF-0100',
      company_name: 'Bad values Ltd',
      rank: 'Z',
      customer_since: '2024-02-30',
      employees: 'many',
    },
    fields: ['rank', 'customer_since', 'employees'],
  },
  {
    screen: 'A required field left empty',
    body: { customer_id: 'CUST-SF-0101', city: 'Tokyo' },
    fields: ['company_name'],
  },
  {
    screen: 'Text longer than the Kintone field allows (Customer ID: 20 characters)',
    body: { customer_id: 'CUST-SF-0102-TOO-LONG-FOR-KINTONE', company_name: 'Long Ltd' },
    fields: ['customer_id'],
  },
  {
    screen: 'A Customer ID that another record has (Kintone: "prohibit duplicate values")',
    body: { customer_id: 'CUST-00001', company_name: 'Duplicate Ltd' },
    fields: ['customer_id'],
  },
  {
    screen: 'A number below the field’s minimum (Employees: at least 0)',
    body: { customer_id: 'CUST-SF-0103', company_name: 'Negative Ltd', employees: -5 },
    fields: ['employees'],
  },
  {
    screen: 'A read-only field given a value (Record number)',
    body: { customer_id: 'CUST-SF-0104', company_name: 'Read-only Ltd', Record_number: 'X-1' },
    fields: ['Record_number'],
  },
];

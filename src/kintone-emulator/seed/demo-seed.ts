/**
 * The built-in demo seed: a small company's Kintone — "Customers" (most field types),
 * "Deals" (lookup to Customers, a "Line items" subtable, CALC totals), "Support tickets"
 * (process management with statuses and assignees) and "Partner requests" in a guest
 * space — with deterministic generated records (seeded generator: the same options give
 * the same data). `records` sets the size of the largest app (Deals).
 */
import { SeededRandom } from '../support/seeded-random.js';
import type { SeedDocument, SeedRecord, SeedUser } from './seed-document.js';
import {
  cities,
  companyFirstWords,
  companySecondWords,
  companySuffixes,
  dealStages,
  familyNames,
  givenNames,
  industries,
  interests,
  products,
  regions,
  ticketSubjects,
} from './demo-vocabulary.js';

export interface DemoSeedOptions {
  /** Records in the largest app (Deals); default 3,000. */
  readonly records?: number;
  /** Seed of the data generator; default 2026. */
  readonly randomSeed?: number;
  /** The domain administrator, added as a user. */
  readonly adminUser?: string;
  readonly adminPassword?: string;
}

export const demoUsers: readonly SeedUser[] = [
  {
    code: 'sato',
    name: 'Hana Sato',
    password: 'sato-password',
    email: 'sato@example.com',
    primaryOrganization: 'sales',
  },
  {
    code: 'suzuki',
    name: 'Kenji Suzuki',
    password: 'suzuki-password',
    email: 'suzuki@example.com',
    primaryOrganization: 'sales',
  },
  {
    code: 'tanaka',
    name: 'Yui Tanaka',
    password: 'tanaka-password',
    email: 'tanaka@example.com',
    primaryOrganization: 'support',
  },
  {
    code: 'ito',
    name: 'Ren Ito',
    password: 'ito-password',
    email: 'ito@example.com',
    primaryOrganization: 'support',
  },
  {
    code: 'brown',
    name: 'Emma Brown',
    password: 'brown-password',
    email: 'brown@example.com',
    timeZone: 'America/Los_Angeles',
    language: 'en',
  },
  { code: 'viewer', name: 'Read Only', password: 'viewer-password', email: 'viewer@example.com' },
];

const salesUsers = ['sato', 'suzuki', 'brown'];
const supportUsers = ['tanaka', 'ito'];

function options(values: readonly string[]): Record<string, { label: string; index: string }> {
  return Object.fromEntries(
    values.map((value, index) => [value, { label: value, index: String(index) }]),
  );
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function isoDate(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

const baseDay = Date.UTC(2023, 0, 1) / 86_400_000;

function customerRecords(count: number, random: SeededRandom): () => Iterable<SeedRecord> {
  return function* () {
    for (let index = 1; index <= count; index++) {
      const given = random.pick(givenNames);
      const family = random.pick(familyNames);
      const company = `${random.pick(companyFirstWords)} ${random.pick(companySecondWords)} ${random.pick(companySuffixes)}`;
      const domain = company
        .toLowerCase()
        .replace(/[^a-z]+/g, '-')
        .replace(/^-|-$/g, '');
      const sinceDay = baseDay + random.integer(0, 1000);
      yield {
        customer_id: { value: `CUST-${pad(index, 5)}` },
        company_name: { value: company },
        contact_name: { value: `${given} ${family}` },
        email: { value: `${given.toLowerCase()}.${family.toLowerCase()}@${domain}.example` },
        website: { value: `https://www.${domain}.example` },
        city: { value: random.pick(cities) },
        employees: { value: String(random.integer(5, 5000)) },
        annual_revenue: { value: String(random.integer(10, 50_000) * 1000) },
        industry: { value: random.pick(industries) },
        rank: { value: random.pick(['A', 'B', 'C']) },
        interests: { value: interests.filter(() => random.chance(0.35)) },
        regions: { value: regions.filter(() => random.chance(0.2)) },
        customer_since: { value: isoDate(sinceDay) },
        last_contacted: {
          value: `${isoDate(sinceDay + random.integer(0, 400))}T${pad(random.integer(0, 23), 2)}:${pad(random.integer(0, 59), 2)}:00Z`,
        },
        preferred_call_time: {
          value: `${pad(random.integer(9, 17), 2)}:${random.pick(['00', '30'])}`,
        },
        notes: {
          value: random.chance(0.3)
            ? `Met at the ${random.pick(cities)} trade fair.\nInterested in a pilot.`
            : '',
        },
        account_manager: { value: [{ code: random.pick(salesUsers) }] },
      };
    }
  };
}

function dealRecords(
  count: number,
  customers: number,
  random: SeededRandom,
): () => Iterable<SeedRecord> {
  return function* () {
    for (let index = 1; index <= count; index++) {
      const stage = random.pick(dealStages);
      const probability =
        stage === 'Closed Won'
          ? 100
          : stage === 'Closed Lost'
            ? 0
            : (dealStages.indexOf(stage) + 1) * 20;
      const rows = random.integer(1, 4);
      const lineItems = [];
      for (let row = 0; row < rows; row++) {
        const product = random.pick(products);
        lineItems.push({
          value: {
            product: { value: product.name },
            quantity: { value: String(random.integer(1, 20)) },
            unit_price: { value: String(product.price) },
          },
        });
      }
      yield {
        deal_name: {
          value: `${random.pick(products).name} for ${random.pick(cities)} office #${index}`,
        },
        customer: { value: `CUST-${pad(random.integer(1, customers), 5)}` },
        stage: { value: stage },
        probability: { value: String(probability) },
        close_date: { value: isoDate(baseDay + random.integer(0, 1200)) },
        owner: { value: [{ code: random.pick(salesUsers) }] },
        line_items: { value: lineItems },
      };
    }
  };
}

function ticketRecords(count: number, random: SeededRandom): () => Iterable<SeedRecord> {
  const paths: readonly (readonly string[])[] = [
    [],
    ['Start'],
    ['Start', 'Ask customer'],
    ['Start', 'Resolve'],
    ['Start', 'Ask customer', 'Customer replied', 'Resolve'],
  ];
  return function* () {
    for (let index = 1; index <= count; index++) {
      yield {
        subject: { value: random.pick(ticketSubjects) },
        description: { value: `Reported by phone. Reference ${pad(index, 6)}.` },
        priority: { value: random.pick(['Low', 'Normal', 'High', 'Urgent']) },
        channel: { value: random.pick(['Email', 'Phone', 'Web']) },
        reported_at: {
          value: `${isoDate(baseDay + random.integer(0, 1200))}T${pad(random.integer(0, 23), 2)}:${pad(random.integer(0, 59), 2)}:00Z`,
        },
        handler: { value: [{ code: random.pick(supportUsers) }] },
        $actions: random.pick(paths),
      };
    }
  };
}

function demoToken(random: SeededRandom): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let token = '';
  for (let index = 0; index < 40; index++)
    token += alphabet[random.integer(0, alphabet.length - 1)] ?? 'A';
  return token;
}

export function buildDemoSeed(demoOptions: DemoSeedOptions = {}): SeedDocument {
  const deals = Math.max(1, Math.floor(demoOptions.records ?? 3000));
  const customers = Math.max(20, Math.ceil(deals / 10));
  const tickets = Math.max(20, Math.ceil(deals / 5));
  const random = new SeededRandom(demoOptions.randomSeed ?? 2026);
  const tokenRandom = new SeededRandom((demoOptions.randomSeed ?? 2026) + 1);
  const adminUser = demoOptions.adminUser ?? 'Administrator';
  const users: SeedUser[] = [
    {
      code: adminUser,
      name: 'Administrator',
      password: demoOptions.adminPassword ?? 'admin-password',
      administrator: true,
    },
    ...demoUsers,
  ];
  return {
    users,
    groups: [
      { code: 'sales-team', name: 'Sales team', members: salesUsers },
      { code: 'support-team', name: 'Support team', members: supportUsers },
    ],
    organizations: [
      { code: 'sales', name: 'Sales Division', members: ['sato', 'suzuki'] },
      { code: 'support', name: 'Customer Support', members: supportUsers },
    ],
    spaces: [{ id: 1, name: 'Partner portal', isGuest: true }],
    apps: [
      {
        name: 'Customers',
        code: 'CUSTOMERS',
        description: 'Companies we sell to.',
        apiTokens: [{ token: demoToken(tokenRandom) }],
        permissions: [
          {
            entity: { type: 'USER', code: 'viewer' },
            appEditable: false,
            recordViewable: true,
            recordAddable: false,
            recordEditable: false,
            recordDeletable: false,
          },
          {
            entity: { type: 'GROUP', code: 'everyone' },
            appEditable: false,
            recordViewable: true,
            recordAddable: true,
            recordEditable: true,
            recordDeletable: true,
          },
        ],
        fields: {
          customer_id: {
            type: 'SINGLE_LINE_TEXT',
            code: 'customer_id',
            label: 'Customer ID',
            required: true,
            unique: true,
            maxLength: '20',
          },
          company_name: {
            type: 'SINGLE_LINE_TEXT',
            code: 'company_name',
            label: 'Company name',
            required: true,
            maxLength: '100',
          },
          contact_name: { type: 'SINGLE_LINE_TEXT', code: 'contact_name', label: 'Contact name' },
          email: { type: 'LINK', code: 'email', label: 'Email', protocol: 'MAIL' },
          website: { type: 'LINK', code: 'website', label: 'Website', protocol: 'WEB' },
          city: { type: 'SINGLE_LINE_TEXT', code: 'city', label: 'City' },
          employees: { type: 'NUMBER', code: 'employees', label: 'Employees', minValue: '0' },
          annual_revenue: {
            type: 'NUMBER',
            code: 'annual_revenue',
            label: 'Annual revenue',
            unit: 'USD',
            unitPosition: 'AFTER',
            digit: true,
          },
          industry: {
            type: 'DROP_DOWN',
            code: 'industry',
            label: 'Industry',
            options: options(industries),
          },
          rank: {
            type: 'RADIO_BUTTON',
            code: 'rank',
            label: 'Rank',
            options: options(['A', 'B', 'C']),
            defaultValue: 'B',
          },
          interests: {
            type: 'CHECK_BOX',
            code: 'interests',
            label: 'Interests',
            options: options(interests),
          },
          regions: {
            type: 'MULTI_SELECT',
            code: 'regions',
            label: 'Regions',
            options: options(regions),
          },
          customer_since: { type: 'DATE', code: 'customer_since', label: 'Customer since' },
          last_contacted: { type: 'DATETIME', code: 'last_contacted', label: 'Last contacted' },
          preferred_call_time: {
            type: 'TIME',
            code: 'preferred_call_time',
            label: 'Preferred call time',
          },
          notes: { type: 'MULTI_LINE_TEXT', code: 'notes', label: 'Notes' },
          account_manager: {
            type: 'USER_SELECT',
            code: 'account_manager',
            label: 'Account manager',
          },
        },
        records: customerRecords(customers, random),
      },
      {
        name: 'Deals',
        code: 'DEALS',
        description: 'Sales opportunities and their line items.',
        apiTokens: [{ token: demoToken(tokenRandom) }],
        fields: {
          deal_name: {
            type: 'SINGLE_LINE_TEXT',
            code: 'deal_name',
            label: 'Deal name',
            required: true,
          },
          customer: {
            type: 'SINGLE_LINE_TEXT',
            code: 'customer',
            label: 'Customer',
            lookup: {
              relatedApp: { code: 'CUSTOMERS' },
              relatedKeyField: 'customer_id',
              fieldMappings: [
                { field: 'customer_company', relatedField: 'company_name' },
                { field: 'customer_city', relatedField: 'city' },
              ],
              lookupPickerFields: ['customer_id', 'company_name'],
            },
          },
          customer_company: {
            type: 'SINGLE_LINE_TEXT',
            code: 'customer_company',
            label: 'Customer company',
          },
          customer_city: {
            type: 'SINGLE_LINE_TEXT',
            code: 'customer_city',
            label: 'Customer city',
          },
          stage: {
            type: 'DROP_DOWN',
            code: 'stage',
            label: 'Stage',
            options: options(dealStages),
            defaultValue: 'Prospecting',
          },
          probability: {
            type: 'NUMBER',
            code: 'probability',
            label: 'Probability',
            minValue: '0',
            maxValue: '100',
            unit: '%',
            unitPosition: 'AFTER',
          },
          close_date: { type: 'DATE', code: 'close_date', label: 'Expected close date' },
          owner: {
            type: 'USER_SELECT',
            code: 'owner',
            label: 'Owner',
            defaultValue: [{ code: 'LOGINUSER()', type: 'FUNCTION' }],
          },
          line_items: {
            type: 'SUBTABLE',
            code: 'line_items',
            label: 'Line items',
            fields: {
              product: {
                type: 'SINGLE_LINE_TEXT',
                code: 'product',
                label: 'Product',
                required: true,
              },
              quantity: {
                type: 'NUMBER',
                code: 'quantity',
                label: 'Quantity',
                minValue: '0',
                defaultValue: '1',
              },
              unit_price: { type: 'NUMBER', code: 'unit_price', label: 'Unit price' },
              subtotal: {
                type: 'CALC',
                code: 'subtotal',
                label: 'Subtotal',
                expression: 'quantity * unit_price',
              },
            },
          },
          total: { type: 'CALC', code: 'total', label: 'Total', expression: 'SUM(subtotal)' },
          weighted_total: {
            type: 'CALC',
            code: 'weighted_total',
            label: 'Weighted total',
            expression: 'total * probability / 100',
          },
        },
        records: dealRecords(deals, customers, random),
      },
      {
        name: 'Support tickets',
        code: 'TICKETS',
        description: 'Customer requests handled by the support team.',
        apiTokens: [{ token: demoToken(tokenRandom) }],
        fields: {
          subject: { type: 'SINGLE_LINE_TEXT', code: 'subject', label: 'Subject', required: true },
          description: { type: 'MULTI_LINE_TEXT', code: 'description', label: 'Description' },
          priority: {
            type: 'DROP_DOWN',
            code: 'priority',
            label: 'Priority',
            options: options(['Low', 'Normal', 'High', 'Urgent']),
            defaultValue: 'Normal',
          },
          channel: {
            type: 'RADIO_BUTTON',
            code: 'channel',
            label: 'Channel',
            options: options(['Email', 'Phone', 'Web']),
            defaultValue: 'Email',
          },
          reported_at: {
            type: 'DATETIME',
            code: 'reported_at',
            label: 'Reported at',
            defaultNowValue: true,
          },
          handler: { type: 'USER_SELECT', code: 'handler', label: 'Handler' },
        },
        processManagement: {
          enable: true,
          states: {
            'Not started': {
              name: 'Not started',
              index: '0',
              assignee: {
                type: 'ONE',
                entities: [{ entity: { type: 'FIELD_ENTITY', code: 'handler' } }],
              },
            },
            'In progress': {
              name: 'In progress',
              index: '1',
              assignee: {
                type: 'ONE',
                entities: [{ entity: { type: 'FIELD_ENTITY', code: 'handler' } }],
              },
            },
            'Waiting for customer': {
              name: 'Waiting for customer',
              index: '2',
              assignee: { type: 'ONE', entities: [{ entity: { type: 'CREATOR' } }] },
            },
            Resolved: { name: 'Resolved', index: '3', assignee: { type: 'ONE', entities: [] } },
          },
          actions: [
            { name: 'Start', from: 'Not started', to: 'In progress' },
            { name: 'Ask customer', from: 'In progress', to: 'Waiting for customer' },
            { name: 'Customer replied', from: 'Waiting for customer', to: 'In progress' },
            { name: 'Resolve', from: 'In progress', to: 'Resolved' },
            { name: 'Reopen', from: 'Resolved', to: 'In progress' },
          ],
        },
        records: ticketRecords(tickets, random),
      },
      {
        name: 'Partner requests',
        code: 'PARTNER',
        description: 'Requests from partners, in the guest space.',
        space: 1,
        apiTokens: [{ token: demoToken(tokenRandom) }],
        fields: {
          title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title', required: true },
          partner: { type: 'SINGLE_LINE_TEXT', code: 'partner', label: 'Partner' },
          due: { type: 'DATE', code: 'due', label: 'Due' },
          state: {
            type: 'DROP_DOWN',
            code: 'state',
            label: 'State',
            options: options(['New', 'Accepted', 'Done']),
            defaultValue: 'New',
          },
        },
        records: Array.from({ length: 25 }, (_, index) => ({
          title: { value: `Co-marketing request ${index + 1}` },
          partner: {
            value: `${companyFirstWords[index % companyFirstWords.length] ?? 'Blue'} Partners`,
          },
          due: { value: isoDate(baseDay + 30 * index) },
          state: { value: ['New', 'Accepted', 'Done'][index % 3] },
        })),
      },
    ],
  };
}

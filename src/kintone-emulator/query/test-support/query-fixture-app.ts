/**
 * A fixture app for query-engine tests: fields of every queryable type (with a subtable,
 * selection fields with options, user/organization/group selects, process management,
 * a related-records field and a group) and twelve records in read shape, evaluated at a
 * fixed instant in Asia/Tokyo.
 *
 * Calendar at `fixtureNow` (2026-04-23T03:30:00Z = Thursday 12:30 in Tokyo): today is
 * 2026-04-23, this week Sun 04-19 … Sat 04-25, this month April (30 days).
 */
import type { FieldProperties, FieldProperty } from '../../model/field-property.js';
import type {
  FieldRawValue,
  FieldValue,
  FileValue,
  KintoneRecord,
  SubtableRow,
  UserEntity,
} from '../../model/record.js';
import type { QueryContext } from '../query-engine-contract.js';

export const fixtureNow = new Date('2026-04-23T03:30:00Z');
export const fixtureTimeZone = 'Asia/Tokyo';

function field(code: string, type: FieldProperty['type'], extra: Partial<FieldProperty> = {}) {
  return { code, type, label: code, noLabel: false, ...extra } satisfies FieldProperty;
}

function options(...values: string[]): FieldProperty['options'] {
  return Object.fromEntries(
    values.map((value, index) => [value, { label: value, index: String(index) }]),
  );
}

const subtableFields: Readonly<Record<string, FieldProperty>> = {
  item: field('item', 'SINGLE_LINE_TEXT'),
  qty: field('qty', 'NUMBER'),
  kind: field('kind', 'DROP_DOWN', { options: options('part', 'service') }),
  shipped: field('shipped', 'DATE'),
  note: field('note', 'MULTI_LINE_TEXT'),
};

export const fixtureFields: FieldProperties = {
  Record_number: field('Record_number', 'RECORD_NUMBER'),
  Created_by: field('Created_by', 'CREATOR'),
  Created_datetime: field('Created_datetime', 'CREATED_TIME'),
  Updated_by: field('Updated_by', 'MODIFIER'),
  Updated_datetime: field('Updated_datetime', 'UPDATED_TIME'),
  Status: { type: 'STATUS', code: 'Status', label: 'Status', enabled: true },
  Assignee: { type: 'STATUS_ASSIGNEE', code: 'Assignee', label: 'Assignee', enabled: true },
  Categories: { type: 'CATEGORY', code: 'Categories', label: 'Categories', enabled: true },
  title: field('title', 'SINGLE_LINE_TEXT'),
  memo: field('memo', 'MULTI_LINE_TEXT'),
  body: field('body', 'RICH_TEXT'),
  site: field('site', 'LINK', { protocol: 'WEB' }),
  amount: field('amount', 'NUMBER'),
  total: field('total', 'CALC', { format: 'NUMBER', expression: 'amount + SUM(qty)' }),
  worked: field('worked', 'CALC', { format: 'HOUR_MINUTE', expression: 'amount * 60' }),
  finish: field('finish', 'CALC', { format: 'DATE', expression: 'due + 2 * 86400' }),
  due: field('due', 'DATE'),
  alarm: field('alarm', 'TIME'),
  meeting: field('meeting', 'DATETIME'),
  stage: field('stage', 'DROP_DOWN', { options: options('Open', 'Won', 'Lost') }),
  priority: field('priority', 'RADIO_BUTTON', { options: options('High', 'Low') }),
  tags: field('tags', 'CHECK_BOX', { options: options('red', 'green', 'blue') }),
  regions: field('regions', 'MULTI_SELECT', { options: options('東京', '大阪', 'Nagoya') }),
  owner: field('owner', 'USER_SELECT'),
  department: field('department', 'ORGANIZATION_SELECT'),
  team: field('team', 'GROUP_SELECT'),
  attachments: field('attachments', 'FILE'),
  顧客名: field('顧客名', 'SINGLE_LINE_TEXT'),
  items: field('items', 'SUBTABLE', { fields: subtableFields }),
  related: field('related', 'REFERENCE_TABLE'),
  section: field('section', 'GROUP'),
};

/** The context the tests compile queries in (caller alice, primary organization sales). */
export function fixtureContext(overrides: Partial<QueryContext> = {}): QueryContext {
  return {
    fields: fixtureFields,
    loginUser: { code: 'alice' },
    primaryOrganization: 'sales',
    now: fixtureNow,
    timeZone: fixtureTimeZone,
    usage: 'records',
    ...overrides,
  };
}

const userNames: Readonly<Record<string, string>> = {
  alice: 'Alice',
  bob: 'Bob',
  carol: 'Carol',
  dave: 'Dave',
  sales: 'Sales',
  dev: 'Development',
  admins: 'Administrators',
  devs: 'Developers',
};

function entity(code: string): UserEntity {
  return { code, name: userNames[code] ?? code };
}

function file(name: string): FileValue {
  return { contentType: 'application/octet-stream', fileKey: `key-${name}`, name, size: '1234' };
}

/** The empty read value of a field type. */
function emptyValue(type: FieldProperty['type']): FieldRawValue {
  switch (type) {
    case 'DROP_DOWN':
    case 'RADIO_BUTTON':
    case 'DATE':
    case 'TIME':
      return null;
    case 'CHECK_BOX':
    case 'MULTI_SELECT':
    case 'USER_SELECT':
    case 'ORGANIZATION_SELECT':
    case 'GROUP_SELECT':
    case 'FILE':
    case 'SUBTABLE':
    case 'STATUS_ASSIGNEE':
    case 'CATEGORY':
      return [];
    case 'CREATOR':
    case 'MODIFIER':
      return { code: '', name: '' };
    default:
      return '';
  }
}

type Values = Readonly<Record<string, FieldRawValue>>;

/** Values given as codes for user-like fields and names for files, for brevity. */
interface RecordInput {
  readonly values?: Values;
  readonly users?: Readonly<Record<string, readonly string[]>>;
  readonly files?: readonly string[];
  readonly rows?: readonly Values[];
  readonly createdBy?: string;
  readonly updatedBy?: string;
}

let nextRowId = 100;

function cells(properties: Readonly<Record<string, FieldProperty>>, values: Values) {
  const result: Record<string, FieldValue> = {};
  for (const [code, property] of Object.entries(properties)) {
    result[code] = { type: property.type, value: values[code] ?? emptyValue(property.type) };
  }
  return result;
}

function fixtureRecord(id: number, input: RecordInput): KintoneRecord {
  const record: Record<string, FieldValue> = {};
  for (const [code, property] of Object.entries(fixtureFields)) {
    if (property.type === 'REFERENCE_TABLE' || property.type === 'GROUP') continue;
    record[code] = {
      type: property.type,
      value: input.values?.[code] ?? emptyValue(property.type),
    };
  }
  for (const [code, users] of Object.entries(input.users ?? {})) {
    const property = fixtureFields[code];
    if (property === undefined) throw new Error(`unknown fixture field ${code}`);
    record[code] = { type: property.type, value: users.map(entity) };
  }
  record['$id'] = { type: '__ID__', value: String(id) };
  record['$revision'] = { type: '__REVISION__', value: '1' };
  record['Record_number'] = { type: 'RECORD_NUMBER', value: `APP-${id}` };
  record['Created_by'] = { type: 'CREATOR', value: entity(input.createdBy ?? 'alice') };
  record['Updated_by'] = { type: 'MODIFIER', value: entity(input.updatedBy ?? 'alice') };
  record['attachments'] = { type: 'FILE', value: (input.files ?? []).map(file) };
  const rows: SubtableRow[] = (input.rows ?? []).map((values) => ({
    id: String((nextRowId += 1)),
    value: cells(subtableFields, values),
  }));
  record['items'] = { type: 'SUBTABLE', value: rows };
  return record;
}

export const fixtureRecords: readonly KintoneRecord[] = [
  fixtureRecord(1, {
    values: {
      title: 'Order A',
      memo: 'gamma keyword',
      body: '<div>Hello <b>World</b> &amp; more</div>',
      site: 'https://example.com/a',
      amount: '10',
      total: '23',
      worked: '25:30',
      finish: '2026-04-25',
      due: '2026-04-23',
      alarm: '09:00',
      meeting: '2026-04-23T00:30:00Z',
      stage: 'Open',
      priority: 'High',
      tags: ['red', 'green'],
      regions: ['東京'],
      顧客名: '山田商事株式会社',
      Created_datetime: '2026-04-01T00:00:00Z',
      Updated_datetime: '2026-04-22T15:00:00Z',
      Status: 'In progress',
      Categories: ['A'],
    },
    users: { owner: ['alice'], department: ['sales'], team: ['admins'], Assignee: ['alice'] },
    files: ['report_2024.pdf'],
    rows: [
      { item: 'apple', qty: '3', kind: 'part', shipped: '2026-04-01', note: 'fresh' },
      { item: 'banana', qty: '10', kind: 'service' },
    ],
    createdBy: 'alice',
    updatedBy: 'bob',
  }),
  fixtureRecord(2, {
    values: {
      title: 'Order B',
      memo: 'keyboard shortcuts',
      body: '<div><br></div>',
      amount: '-5.5',
      total: '-4.5',
      worked: '1:05',
      finish: '2026-04-24',
      due: '2026-04-22',
      alarm: '18:30',
      meeting: '2026-04-22T14:59:00Z',
      stage: 'Won',
      priority: 'Low',
      tags: ['blue'],
      regions: ['大阪', 'Nagoya'],
      顧客名: '株式会社サイボウズ',
      Created_datetime: '2026-04-20T01:00:00Z',
      Updated_datetime: '2026-04-20T01:00:00Z',
      Status: 'Done',
    },
    users: { owner: ['bob', 'carol'], department: ['dev'] },
    rows: [{ item: 'cherry', qty: '1', kind: 'service', shipped: '2026-03-31', note: 'late' }],
    createdBy: 'bob',
    updatedBy: 'bob',
  }),
  fixtureRecord(3, {
    values: {
      memo: '  \n\t\u3000',
      Created_datetime: '2026-01-10T00:00:00Z',
      Updated_datetime: '2026-01-10T00:00:00Z',
      Status: 'Not started',
    },
    createdBy: 'carol',
    updatedBy: 'carol',
  }),
  fixtureRecord(4, {
    values: {
      title: 'Quoted "name" \\ path',
      memo: 'first line\nsecond line',
      body: '<p>東京都の会議</p>',
      site: 'https://example.com/b',
      amount: '100',
      total: '112',
      worked: '0:45',
      finish: '2026-04-21',
      due: '2026-04-19',
      alarm: '00:00',
      meeting: '2026-04-19T15:00:00Z',
      stage: 'Lost',
      priority: 'High',
      tags: ['red'],
      regions: ['Nagoya'],
      顧客名: '東京商事',
      Created_datetime: '2026-04-23T03:00:00Z',
      Updated_datetime: '2026-04-23T03:30:00Z',
      Status: 'In progress',
      Categories: ['A', 'B'],
    },
    users: { owner: ['alice'], department: ['sales', 'dev'], team: ['devs'], Assignee: ['bob'] },
    files: ['photo.PNG', 'notes.txt'],
    rows: [
      { item: 'apple pie', qty: '5', kind: 'part', shipped: '2026-04-23' },
      { item: 'durian', qty: '7', kind: 'service' },
    ],
    createdBy: 'alice',
    updatedBy: 'alice',
  }),
  fixtureRecord(5, {
    values: {
      title: 'Tokyo日本語テキスト',
      memo: '東京都の会議 report',
      amount: '2',
      total: '4',
      due: '2026-04-30',
      alarm: '12:30',
      meeting: '2026-04-23T14:59:00Z',
      stage: 'Open',
      priority: 'Low',
      tags: ['green'],
      regions: ['東京', '大阪'],
      顧客名: 'サイボウズ',
      Created_datetime: '2026-03-15T00:00:00Z',
      Updated_datetime: '2026-04-10T00:00:00Z',
      Status: 'Done',
      Categories: ['B'],
    },
    users: {
      owner: ['carol'],
      department: ['dev'],
      team: ['admins', 'devs'],
      Assignee: ['alice', 'bob'],
    },
    rows: [{ item: 'egg', qty: '2', kind: 'part' }],
    createdBy: 'bob',
    updatedBy: 'carol',
  }),
  fixtureRecord(6, {
    values: {
      title: 'ＦＵＬＬ width',
      memo: 'ＡＢＣ corp, Keyword-based',
      amount: '1000',
      total: '1006',
      due: '2026-04-24',
      alarm: '23:59',
      meeting: '2026-04-23T15:00:00Z',
      stage: 'Won',
      priority: 'High',
      tags: ['red', 'blue'],
      Created_datetime: '2026-04-19T00:00:00Z',
      Updated_datetime: '2026-04-19T00:00:00Z',
      Status: 'Not started',
    },
    users: { Assignee: ['dave'] },
    files: ['見積書2026.xlsx'],
    rows: [{ item: 'apple', qty: '6', kind: 'part' }, { item: 'fig' }],
    createdBy: 'dave',
    updatedBy: 'dave',
  }),
  fixtureRecord(7, {
    values: {
      title: 'order a',
      memo: 'alpha beta',
      amount: '0',
      total: '4',
      due: '2026-05-01',
      alarm: '07:05',
      meeting: '2026-04-26T00:00:00Z',
      stage: 'Open',
      priority: 'Low',
      regions: ['Nagoya'],
      Created_datetime: '2025-12-31T15:00:00Z',
      Updated_datetime: '2025-12-31T15:00:00Z',
      Status: 'Done',
      Categories: ['A'],
    },
    users: { owner: ['dave'], department: ['sales'] },
    rows: [{ item: 'grape', qty: '4', kind: 'service' }],
    createdBy: 'carol',
    updatedBy: 'carol',
  }),
  fixtureRecord(8, {
    values: {
      title: 'Order C',
      amount: '9.99',
      total: '14.99',
      due: '2026-03-31',
      alarm: '13:00',
      meeting: '2025-12-31T14:59:00Z',
      stage: 'Lost',
      priority: 'High',
      tags: ['green', 'blue'],
      Created_datetime: '2025-12-31T14:59:00Z',
      Updated_datetime: '2025-12-31T14:59:00Z',
      Status: 'In progress',
    },
    users: { owner: ['bob'] },
    rows: [{ item: 'apple', qty: '5', kind: 'service' }],
    createdBy: 'bob',
    updatedBy: 'bob',
  }),
  fixtureRecord(9, {
    values: {
      title: 'Order D',
      memo: 'Gamma',
      amount: '10',
      total: '10',
      due: '2025-04-23',
      alarm: '09:00',
      meeting: '2026-04-22T15:00:00Z',
      stage: 'Won',
      tags: ['red'],
      Created_datetime: '2026-04-22T14:59:00Z',
      Updated_datetime: '2026-04-22T14:59:00Z',
      Status: 'Done',
    },
    users: { owner: ['alice'] },
    createdBy: 'alice',
    updatedBy: 'alice',
  }),
  fixtureRecord(10, {
    values: {
      title: 'Order E',
      amount: '20',
      total: '20',
      due: '2026-05-23',
      meeting: '2026-05-01T00:00:00Z',
      stage: 'Open',
      Created_datetime: '2026-04-21T00:00:00Z',
      Updated_datetime: '2026-04-21T00:00:00Z',
      Status: 'Done',
    },
    rows: [{ item: '', qty: '0', kind: 'part', note: '  ' }],
    createdBy: 'dave',
    updatedBy: 'dave',
  }),
  fixtureRecord(11, {
    values: {
      title: 'Order F',
      amount: '30',
      total: '30',
      due: '2026-04-16',
      meeting: '2026-04-12T15:00:00Z',
      stage: 'Open',
      Created_datetime: '2026-04-13T00:00:00Z',
      Updated_datetime: '2026-04-13T00:00:00Z',
      Status: 'Done',
    },
    createdBy: 'carol',
    updatedBy: 'carol',
  }),
  fixtureRecord(12, {
    values: {
      title: 'Order A',
      amount: '10',
      total: '10',
      due: '2026-04-23',
      stage: 'Won',
      Created_datetime: '2026-04-23T00:00:00Z',
      Updated_datetime: '2026-04-23T00:00:00Z',
      Status: 'Done',
    },
    createdBy: 'alice',
    updatedBy: 'alice',
  }),
];

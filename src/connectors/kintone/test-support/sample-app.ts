/**
 * Test support: a Kintone app's form (fields.json) with one field of every type the
 * connector maps, the tables built from it, and small builders of bound expressions over
 * their columns, for the translation and planning tests.
 */
import type { ScanRequest } from '../../connector.js';
import type { Value } from '../../../odata/edm/primitive-type.js';
import type { PropertyModel } from '../../../odata/edm/service-model.js';
import {
  booleanType,
  type BoundExpression,
  type BuiltInFunction,
  type ComparisonOperator,
  type NavigationNode,
} from '../../../odata/semantic/expression.js';
import type { OrderByItem } from '../../../odata/semantic/order-by.js';
import {
  andNode,
  comparisonNode,
  inNode,
  literalNode,
  orNode,
  propertyNode,
} from '../../../odata/plan/expression-nodes.js';
import { buildAppTables } from '../schema/build-app-tables.js';
import type { KintoneFormFields } from '../schema/kintone-field-property.js';
import type { KintoneTableSchema } from '../schema/kintone-table-model.js';
import type { KintoneSchemaOptions } from '../settings/kintone-settings.js';

const options3 = (names: readonly string[]) =>
  Object.fromEntries(names.map((name, index) => [name, { label: name, index: String(index) }]));

export const sampleForm: KintoneFormFields = {
  revision: '7',
  properties: {
    Record_number: { type: 'RECORD_NUMBER', code: 'Record_number', label: 'Record number' },
    Created_by: { type: 'CREATOR', code: 'Created_by', label: 'Created by' },
    Created_datetime: { type: 'CREATED_TIME', code: 'Created_datetime', label: 'Created datetime' },
    Updated_by: { type: 'MODIFIER', code: 'Updated_by', label: 'Updated by' },
    Updated_datetime: { type: 'UPDATED_TIME', code: 'Updated_datetime', label: 'Updated datetime' },
    Status: { type: 'STATUS', code: 'Status', label: 'Status', enabled: true },
    Assignee: { type: 'STATUS_ASSIGNEE', code: 'Assignee', label: 'Assignee', enabled: false },
    Categories: { type: 'CATEGORY', code: 'Categories', label: 'Categories', enabled: false },
    title: {
      type: 'SINGLE_LINE_TEXT',
      code: 'title',
      label: 'Title',
      required: true,
      maxLength: '64',
    },
    memo: { type: 'MULTI_LINE_TEXT', code: 'memo', label: 'Memo' },
    body: { type: 'RICH_TEXT', code: 'body', label: 'Body' },
    site: { type: 'LINK', code: 'site', label: 'Site', maxLength: '' },
    amount: { type: 'NUMBER', code: 'amount', label: 'Amount', displayScale: '2' },
    total: {
      type: 'CALC',
      code: 'total',
      label: 'Total',
      format: 'NUMBER',
      expression: 'amount*2',
    },
    stage: {
      type: 'DROP_DOWN',
      code: 'stage',
      label: 'Stage',
      options: options3(['Open', 'Won', 'Lost']),
    },
    priority: {
      type: 'RADIO_BUTTON',
      code: 'priority',
      label: 'Priority',
      options: options3(['High', 'Low']),
    },
    tags: { type: 'CHECK_BOX', code: 'tags', label: 'Tags', options: options3(['A', 'B', 'C']) },
    due: { type: 'DATE', code: 'due', label: 'Due' },
    meeting: { type: 'DATETIME', code: 'meeting', label: 'Meeting' },
    start: { type: 'TIME', code: 'start', label: 'Start' },
    owners: { type: 'USER_SELECT', code: 'owners', label: 'Owners' },
    files: { type: 'FILE', code: 'files', label: 'Files' },
    会社名: { type: 'SINGLE_LINE_TEXT', code: '会社名', label: '会社名' },
    items: {
      type: 'SUBTABLE',
      code: 'items',
      label: 'Items',
      fields: {
        item: { type: 'SINGLE_LINE_TEXT', code: 'item', label: 'Item' },
        qty: { type: 'NUMBER', code: 'qty', label: 'Qty' },
      },
    },
    label1: { type: 'LABEL', code: 'label1', label: 'A label' },
  },
};

export const defaultSchemaOptions: KintoneSchemaOptions = {
  salesforceMode: false,
  numbersAsDouble: false,
  multiValueMode: 'delimited',
  multiValueDelimiter: ';',
  defaultTextLength: 255,
  containsAsLike: false,
};

export function sampleTables(options: Partial<KintoneSchemaOptions> = {}): {
  app: KintoneTableSchema;
  items: KintoneTableSchema;
} {
  const tables = buildAppTables(
    { appId: 12, name: 'Deals', label: 'Deals' },
    sampleForm,
    { ...defaultSchemaOptions, ...options },
    new Map([['items', 'Deals_items']]),
    false,
  );
  const items = tables.subtables[0];
  if (items === undefined) throw new Error('sample app has no subtable');
  return { app: tables.app, items };
}

/** The property model of a table column, as the catalog would build it. */
export function propertyOf(table: KintoneTableSchema, columnName: string): PropertyModel {
  const columnIndex = table.columns.findIndex((column) => column.name === columnName);
  const column = table.columns[columnIndex];
  if (column === undefined) throw new Error(`no column ${columnName}`);
  return {
    name: column.propertyName,
    column: column.name,
    columnIndex,
    type: column.type,
    collection: column.collection,
    nullable: column.nullable,
    computed: column.computed,
    immutable: column.immutable,
  };
}

/** Builders of bound expressions over one table's columns. */
export function expressions(table: KintoneTableSchema) {
  const column = (name: string): BoundExpression => propertyNode(propertyOf(table, name));
  const literal = (name: string, value: Value): BoundExpression => {
    const property = propertyOf(table, name);
    return literalNode(value === null ? 'null' : property.type, value);
  };
  const compare = (operator: ComparisonOperator) => (name: string, value: Value) =>
    comparisonNode(operator, column(name), literal(name, value));
  return {
    column,
    eq: compare('eq'),
    ne: compare('ne'),
    gt: compare('gt'),
    ge: compare('ge'),
    lt: compare('lt'),
    le: compare('le'),
    in: (name: string, values: readonly Value[]) =>
      inNode(
        column(name),
        values.map((value) => literal(name, value)),
      ),
    and: andNode,
    or: orNode,
    not: (operand: BoundExpression): BoundExpression =>
      Object.freeze({ kind: 'not', resultType: booleanType, operand }),
    call: (name: BuiltInFunction, columnName: string, text: string): BoundExpression =>
      Object.freeze({
        kind: 'call',
        resultType: booleanType,
        name,
        args: [column(columnName), literalNode('Edm.String', text)],
      }),
    boolean: (value: boolean) => literalNode('Edm.Boolean', value),
    /** `<navigation>/any(i: predicate)` or `all`, the predicate built over the related table. */
    lambda: (
      operator: 'any' | 'all',
      navigation: string,
      related: KintoneTableSchema,
      predicate: (row: (column: string) => BoundExpression) => BoundExpression,
    ): BoundExpression => {
      const source = Object.freeze<NavigationNode>({
        kind: 'navigation',
        resultType: { type: 'Edm.Boolean', collection: true },
        variable: null,
        navigation: {
          name: navigation,
          targetSet: related.name,
          targetType: related.name,
          collection: true,
          nullable: false,
          constraints: [],
        },
        next: undefined,
      });
      const row = (column: string): BoundExpression => {
        const property = propertyOf(related, column);
        return Object.freeze({
          kind: 'property',
          resultType: { type: property.type, collection: false },
          variable: 'i',
          property,
        });
      };
      return Object.freeze({
        kind: 'lambda',
        resultType: booleanType,
        operator,
        source,
        variable: 'i',
        predicate: predicate(row),
      });
    },
    asc: (name: string): OrderByItem => ({ expression: column(name), direction: 'asc' }),
    desc: (name: string): OrderByItem => ({ expression: column(name), direction: 'desc' }),
  };
}

/** A scan request over every column, with the planner's default total order. */
export function scanRequest(
  table: KintoneTableSchema,
  changes: Partial<Omit<ScanRequest, 'table'>> = {},
): ScanRequest {
  const order = expressions(table);
  return {
    table,
    projection: table.columns.map((_column, index) => index),
    filter: undefined,
    search: undefined,
    orderBy: table.key.map((name) => order.asc(name)),
    skip: undefined,
    top: undefined,
    count: false,
    ...changes,
  };
}

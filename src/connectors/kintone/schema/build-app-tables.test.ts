// The tables of an app: columns, types and facets per field type, keys, ETags,
// relationships to subtables, options, and the names chosen for apps and subtables.
import { describe, expect, it } from 'vitest';
import { sampleTables } from '../test-support/sample-app.js';
import { tableNames } from './app-directory.js';
import type { KintoneFormFields } from './kintone-field-property.js';

describe('buildAppTables', () => {
  it('maps every field type to a column', () => {
    const { app } = sampleTables();
    const summary = app.columns.map((column) => [
      column.name,
      column.propertyName,
      column.collection ? `Collection(${column.type})` : column.type,
      column.maxLength ?? column.scale ?? null,
      column.computed ? 'computed' : 'writable',
    ]);
    expect(summary).toEqual([
      ['$id', 'RecordId', 'Edm.Int64', null, 'computed'],
      ['$revision', 'Revision', 'Edm.Int64', null, 'computed'],
      ['Record_number', 'Record_number', 'Edm.String', 64, 'computed'],
      ['Created_by', 'Created_by', 'Edm.String', 255, 'computed'],
      ['Created_datetime', 'Created_datetime', 'Edm.DateTimeOffset', null, 'computed'],
      ['Updated_by', 'Updated_by', 'Edm.String', 255, 'computed'],
      ['Updated_datetime', 'Updated_datetime', 'Edm.DateTimeOffset', null, 'computed'],
      ['Status', 'Status', 'Edm.String', 255, 'computed'],
      ['title', 'title', 'Edm.String', 64, 'writable'],
      ['memo', 'memo', 'Edm.String', 32768, 'writable'],
      ['body', 'body', 'Edm.String', 131072, 'writable'],
      ['site', 'site', 'Edm.String', 255, 'writable'],
      ['amount', 'amount', 'Edm.Decimal', 2, 'writable'],
      ['total', 'total', 'Edm.Decimal', 'variable', 'computed'],
      ['stage', 'stage', 'Edm.String', 255, 'writable'],
      ['priority', 'priority', 'Edm.String', 255, 'writable'],
      ['tags', 'tags', 'Edm.String', 255, 'writable'],
      ['due', 'due', 'Edm.Date', null, 'writable'],
      ['meeting', 'meeting', 'Edm.DateTimeOffset', null, 'writable'],
      ['start', 'start', 'Edm.TimeOfDay', null, 'writable'],
      ['owners', 'owners', 'Edm.String', 255, 'writable'],
      ['files', 'files', 'Edm.String', 1000, 'computed'],
      ['会社名', 'Field', 'Edm.String', 255, 'writable'],
    ]);
    expect(app.key).toEqual(['$id']);
    expect(app.etagColumn).toBe('$revision');
    expect(app.revision).toBe('7');
    expect(app.columns.find((column) => column.name === 'stage')?.allowedValues).toEqual([
      'Open',
      'Won',
      'Lost',
    ]);
    expect(app.columns.find((column) => column.name === 'title')?.requiredOnCreate).toBe(true);
  });

  it('publishes each subtable as a table with its parent, both ways', () => {
    const { app, items } = sampleTables();
    expect(app.relationships).toEqual([
      {
        name: 'items',
        targetTable: '12.items',
        collection: true,
        columns: [{ column: '$id', targetColumn: '$parentId' }],
        partner: 'Parent',
      },
    ]);
    expect(items).toMatchObject({
      id: '12.items',
      name: 'Deals_items',
      parentId: '12',
      key: ['$parentId', '$rowId'],
      etagColumn: '$parentRevision',
    });
    expect(items.columns.map((column) => `${column.propertyName}:${column.type}`)).toEqual([
      'RowId:Edm.Int64',
      'ParentRecordId:Edm.Int64',
      'ParentRevision:Edm.Int64',
      'item:Edm.String',
      'qty:Edm.Decimal',
    ]);
    expect(items.relationships).toEqual([
      {
        name: 'Parent',
        targetTable: '12',
        collection: false,
        columns: [{ column: '$parentId', targetColumn: '$id' }],
        partner: 'items',
      },
    ]);
  });

  it('follows the options: Salesforce mode, doubles, collections', () => {
    const { app } = sampleTables({
      salesforceMode: true,
      numbersAsDouble: true,
      multiValueMode: 'collection',
    });
    const type = (name: string) => {
      const column = app.columns.find((candidate) => candidate.name === name);
      return column?.collection ? `Collection(${column.type})` : column?.type;
    };
    expect([type('start'), type('amount'), type('tags'), type('owners')]).toEqual([
      'Edm.String',
      'Edm.Double',
      'Collection(Edm.String)',
      'Collection(Edm.String)',
    ]);
  });

  it('declares allowed values for single choices and option collections, not for delimited text', () => {
    const allowed = (tables: ReturnType<typeof sampleTables>, name: string) =>
      tables.app.columns.find((column) => column.name === name)?.allowedValues;
    const delimited = sampleTables();
    expect(allowed(delimited, 'stage')).toEqual(['Open', 'Won', 'Lost']);
    // "A;C" is a valid value of the delimited text: AllowedValues ["A","B","C"] would refuse it.
    expect(allowed(delimited, 'tags')).toBeUndefined();
    expect(allowed(sampleTables({ multiValueMode: 'collection' }), 'tags')).toEqual([
      'A',
      'B',
      'C',
    ]);
  });

  it('declares pushdown truthfully: sorting only where Kintone sorts exactly', () => {
    const { app } = sampleTables();
    const sortable = app.columns
      .filter((column) => column.pushdown.sort)
      .map((column) => column.name);
    expect(sortable).toEqual(['$id', 'Created_datetime', 'Updated_datetime']);
    expect(app.columns.find((column) => column.name === '$revision')?.pushdown.filter).toEqual([]);
  });
});

describe('tableNames', () => {
  const form = (subtable?: string): KintoneFormFields => ({
    revision: '1',
    properties:
      subtable === undefined
        ? {}
        : { [subtable]: { type: 'SUBTABLE', code: subtable, fields: {} } },
  });
  it('uses the app code, else an ASCII form of the name, else App_<id>, unique', () => {
    const names = tableNames([
      { app: { appId: '3', code: 'DEALS', name: 'Deals' }, form: form('lines') },
      { app: { appId: '4', code: '', name: 'Deals' }, form: form() },
      { app: { appId: '5', code: '', name: '顧客管理' }, form: form() },
      { app: { appId: '6', code: '', name: 'Café orders (2024)' }, form: form('明細') },
      { app: { appId: '7', code: '', name: 'apps' }, form: form() },
    ]);
    expect(Object.fromEntries(names)).toEqual({
      apps: 'Apps',
      '3': 'DEALS',
      '3.lines': 'DEALS_lines',
      '4': 'Deals_2',
      '5': 'App_5',
      '6': 'Cafe_orders_2024',
      '6.明細': 'Cafe_orders_2024_Table',
      '7': 'apps_2',
    });
  });
});

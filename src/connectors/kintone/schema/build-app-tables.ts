/**
 * Builds the TableSchemas of one Kintone app from its form fields: the app's table (key
 * RecordId from `$id`, ETag column Revision from `$revision`, one column per field) and
 * one table per subtable (key ParentRecordId + RowId: Kintone reaches a row only through
 * its record; ETag ParentRevision), joined by a
 * relationship in both directions so that $expand and navigation work. Names are valid
 * OData identifiers derived from field codes, unique per table.
 */
import type { ColumnSchema, RelationshipSchema } from '../../connector.js';
import { toODataIdentifier, uniqueIdentifier } from '../../../catalog/odata-identifier.js';
import type { KintoneSchemaOptions } from '../settings/kintone-settings.js';
import { mapField, shortTextLength } from './field-mapping.js';
import type { KintoneFieldProperty, KintoneFormFields } from './kintone-field-property.js';
import {
  appTableId,
  subtableTableId,
  type KintoneColumnSource,
  type KintoneTableSchema,
  type SubtableSource,
} from './kintone-table-model.js';

export const recordIdProperty = 'RecordId';
export const revisionProperty = 'Revision';
export const rowIdProperty = 'RowId';
export const parentRecordIdProperty = 'ParentRecordId';
export const parentRevisionProperty = 'ParentRevision';
export const parentNavigation = 'Parent';

/** Column names (source identifiers) of the pseudo fields; "$" never starts a field code. */
export const recordIdColumn = '$id';
export const revisionColumn = '$revision';
export const rowIdColumn = '$rowId';
export const parentIdColumn = '$parentId';
export const parentRevisionColumn = '$parentRevision';

export interface AppIdentity {
  readonly appId: number;
  /** Entity set name of the app's table. */
  readonly name: string;
  readonly label: string;
  readonly description?: string;
}

export interface AppTables {
  readonly app: KintoneTableSchema;
  readonly subtables: readonly KintoneTableSchema[];
}

interface Built {
  columns: ColumnSchema[];
  sources: KintoneColumnSource[];
  taken: Set<string>;
}

function propertyNameFor(code: string, label: string | undefined, taken: Set<string>): string {
  const base =
    toODataIdentifier(code) ??
    (label === undefined ? undefined : toODataIdentifier(label)) ??
    'Field';
  const name = uniqueIdentifier(base, taken);
  taken.add(name);
  return name;
}

function systemColumn(
  built: Built,
  propertyName: string,
  column: Omit<ColumnSchema, 'propertyName'>,
  source: KintoneColumnSource,
): void {
  built.taken.add(propertyName);
  built.columns.push({ ...column, propertyName });
  built.sources.push(source);
}

const integerKey = {
  type: 'Edm.Int64' as const,
  collection: false,
  nullable: false,
  computed: true,
  immutable: false,
  requiredOnCreate: false,
};

const idPushdown = { filter: ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in'] as const, sort: true };
const noPushdown = { filter: [], sort: false };

function addFields(
  built: Built,
  fields: readonly KintoneFieldProperty[],
  options: KintoneSchemaOptions,
  lookupTargets: ReadonlySet<string>,
  inSubtable: boolean,
): void {
  for (const field of fields) {
    const mapped = mapField(field, options, { inSubtable, lookupTargets });
    if (mapped === undefined) continue;
    const propertyName = propertyNameFor(field.code, field.label, built.taken);
    built.columns.push({ ...mapped.column, propertyName });
    built.sources.push(mapped.source);
  }
}

function lookupTargetsOf(properties: Readonly<Record<string, KintoneFieldProperty>>): Set<string> {
  const targets = new Set<string>();
  const visit = (field: KintoneFieldProperty): void => {
    for (const mapping of field.lookup?.fieldMappings ?? []) targets.add(mapping.field);
    for (const inner of Object.values(field.fields ?? {})) visit(inner);
  };
  for (const field of Object.values(properties)) visit(field);
  return targets;
}

/** Fields in a stable order: system fields first as Kintone lists them, then by code. */
function orderedFields(
  properties: Readonly<Record<string, KintoneFieldProperty>>,
): KintoneFieldProperty[] {
  return Object.values(properties);
}

export function buildAppTables(
  identity: AppIdentity,
  form: KintoneFormFields,
  options: KintoneSchemaOptions,
  subtableNames: ReadonlyMap<string, string>,
  readOnly: boolean,
): AppTables {
  const lookupTargets = lookupTargetsOf(form.properties);
  const tableId = appTableId(identity.appId);
  const app: Built = { columns: [], sources: [], taken: new Set() };
  systemColumn(
    app,
    recordIdProperty,
    {
      ...integerKey,
      name: recordIdColumn,
      label: 'Record ID',
      pushdown: { filter: [...idPushdown.filter], sort: true },
    },
    {
      code: recordIdColumn,
      fieldType: '__ID__',
      valueKind: 'recordId',
      queryKind: 'id',
      writable: false,
      collection: false,
    },
  );
  systemColumn(
    app,
    revisionProperty,
    { ...integerKey, name: revisionColumn, label: 'Revision', pushdown: noPushdown },
    {
      code: revisionColumn,
      fieldType: '__REVISION__',
      valueKind: 'revision',
      queryKind: 'none',
      writable: false,
      collection: false,
    },
  );
  const fields = orderedFields(form.properties);
  addFields(app, fields, options, lookupTargets, false);

  const subtables: KintoneTableSchema[] = [];
  const subtableSources: Record<string, SubtableSource> = {};
  const relationships: RelationshipSchema[] = [];
  for (const field of fields) {
    if (field.type !== 'SUBTABLE') continue;
    const name = subtableNames.get(field.code);
    if (name === undefined) continue;
    const navigationName = uniqueIdentifier(toODataIdentifier(field.code) ?? 'Rows', app.taken);
    app.taken.add(navigationName);
    const childId = subtableTableId(identity.appId, field.code);
    relationships.push({
      name: navigationName,
      targetTable: childId,
      collection: true,
      columns: [{ column: recordIdColumn, targetColumn: parentIdColumn }],
      partner: parentNavigation,
    });
    const child: Built = { columns: [], sources: [], taken: new Set([parentNavigation]) };
    systemColumn(
      child,
      rowIdProperty,
      { ...integerKey, name: rowIdColumn, label: 'Row ID', pushdown: noPushdown },
      {
        code: rowIdColumn,
        fieldType: 'ROW_ID',
        valueKind: 'rowId',
        queryKind: 'none',
        writable: false,
        collection: false,
      },
    );
    systemColumn(
      child,
      parentRecordIdProperty,
      {
        ...integerKey,
        computed: false,
        immutable: true,
        requiredOnCreate: true,
        name: parentIdColumn,
        label: 'Parent record ID',
        pushdown: { filter: [...idPushdown.filter], sort: true },
      },
      {
        code: parentIdColumn,
        fieldType: 'PARENT_ID',
        valueKind: 'parentId',
        queryKind: 'id',
        writable: true,
        collection: false,
      },
    );
    systemColumn(
      child,
      parentRevisionProperty,
      { ...integerKey, name: parentRevisionColumn, label: 'Parent revision', pushdown: noPushdown },
      {
        code: parentRevisionColumn,
        fieldType: '__REVISION__',
        valueKind: 'revision',
        queryKind: 'none',
        writable: false,
        collection: false,
      },
    );
    addFields(child, Object.values(field.fields ?? {}), options, lookupTargets, true);
    subtableSources[navigationName] = {
      code: field.code,
      columns: Object.fromEntries(
        child.columns.flatMap((column, index) => {
          const source = child.sources[index];
          return source === undefined || source.code.startsWith('$')
            ? []
            : [[column.name, { source, nullable: column.nullable }]];
        }),
      ),
    };
    subtables.push({
      id: childId,
      name,
      label: `${identity.label} / ${field.label ?? field.code}`,
      revision: form.revision,
      parentId: tableId,
      columns: child.columns,
      key: [parentIdColumn, rowIdColumn],
      etagColumn: parentRevisionColumn,
      relationships: [
        {
          name: parentNavigation,
          targetTable: tableId,
          collection: false,
          columns: [{ column: parentIdColumn, targetColumn: recordIdColumn }],
          partner: navigationName,
        },
      ],
      writable: { insert: !readOnly, update: !readOnly, delete: !readOnly },
      pushdown: { top: false, skip: false, count: false, select: true, search: false },
      kintone: {
        kind: 'subtable',
        appId: identity.appId,
        subtableCode: field.code,
        columns: child.sources,
        delimiter: options.multiValueDelimiter,
        containsAsLike: options.containsAsLike,
      },
    });
  }

  const appTable: KintoneTableSchema = {
    id: tableId,
    name: identity.name,
    label: identity.label,
    ...(identity.description === undefined || identity.description === ''
      ? {}
      : { description: identity.description }),
    revision: form.revision,
    columns: app.columns,
    key: [recordIdColumn],
    etagColumn: revisionColumn,
    relationships,
    writable: { insert: !readOnly, update: !readOnly, delete: !readOnly },
    pushdown: { top: true, skip: true, count: true, select: true, search: true },
    kintone: {
      kind: 'app',
      appId: identity.appId,
      columns: app.sources,
      delimiter: options.multiValueDelimiter,
      containsAsLike: options.containsAsLike,
      subtables: subtableSources,
    },
  };
  return { app: appTable, subtables };
}

const appsColumns: readonly [string, string, ColumnSchema['type'], 'id' | 'none'][] = [
  ['appId', 'AppId', 'Edm.Int64', 'id'],
  ['code', 'Code', 'Edm.String', 'none'],
  ['name', 'Name', 'Edm.String', 'none'],
  ['description', 'Description', 'Edm.String', 'none'],
  ['spaceId', 'SpaceId', 'Edm.Int64', 'id'],
  ['threadId', 'ThreadId', 'Edm.Int64', 'id'],
  ['createdAt', 'CreatedAt', 'Edm.DateTimeOffset', 'none'],
  ['creator', 'Creator', 'Edm.String', 'none'],
  ['modifiedAt', 'ModifiedAt', 'Edm.DateTimeOffset', 'none'],
  ['modifier', 'Modifier', 'Edm.String', 'none'],
];

/** The read-only table that lists the apps of the connection. */
export function buildAppsTable(name: string, revision: string): KintoneTableSchema {
  const columns: ColumnSchema[] = appsColumns.map(([member, propertyName, type]) => ({
    name: member,
    propertyName,
    label: propertyName,
    type,
    collection: false,
    nullable: member !== 'appId',
    ...(type === 'Edm.String'
      ? { maxLength: member === 'description' ? 65535 : shortTextLength }
      : {}),
    computed: true,
    immutable: false,
    requiredOnCreate: false,
    pushdown: noPushdown,
  }));
  return {
    id: 'apps',
    name,
    label: 'Kintone apps',
    revision,
    columns,
    key: ['appId'],
    relationships: [],
    writable: { insert: false, update: false, delete: false },
    pushdown: { top: false, skip: false, count: false, select: false, search: false },
    kintone: {
      kind: 'apps',
      appId: 0,
      columns: appsColumns.map(([member, , type, queryKind]) => ({
        code: member,
        fieldType: 'APP',
        valueKind: type === 'Edm.DateTimeOffset' ? 'dateTime' : 'appAttribute',
        queryKind,
        writable: false,
        collection: false,
        appMember: member,
      })),
      delimiter: ';',
      containsAsLike: false,
    },
  };
}

/**
 * How one Kintone field becomes one column: its EDM type and facets, whether it is
 * written by clients, its default, how its values convert (ValueKind), which Kintone
 * query operators apply (QueryKind) and the pushdown it declares. docs/kintone-connector.md
 * documents the same table for administrators; keep the two in step.
 */
import type { ColumnPushdown, ColumnSchema, FilterOperation } from '../../connector.js';
import type { EdmPrimitiveType, Value } from '../../../odata/edm/primitive-type.js';
import type { KintoneSchemaOptions } from '../settings/kintone-settings.js';
import type { KintoneFieldProperty } from './kintone-field-property.js';
import type { KintoneColumnSource, QueryKind, ValueKind } from './kintone-table-model.js';
import { canonicalDecimal } from '../read/kintone-values.js';

/** MaxLength of multi-line text (Salesforce's default long text area length). */
export const multiLineTextLength = 32768;
/** MaxLength of rich text: HTML markup needs room; Salesforce's largest long text area. */
export const richTextLength = 131072;
/** MaxLength of selections, user codes and other short texts. */
export const shortTextLength = 255;
/** MaxLength of lists of file names. */
export const fileNamesLength = 1000;

/** Field types that are never columns (layout elements, related records, subtables themselves). */
const notColumns = new Set(['LABEL', 'SPACER', 'HR', 'GROUP', 'REFERENCE_TABLE', 'SUBTABLE']);

export interface MappedField {
  /** The column without its property name (assigned by the table builder). */
  readonly column: Omit<ColumnSchema, 'propertyName'>;
  readonly source: KintoneColumnSource;
}

const exactSortKinds: ReadonlySet<QueryKind> = new Set(['id', 'systemTime']);

export function pushdownFor(
  queryKind: QueryKind,
  collection: boolean,
  options: Pick<KintoneSchemaOptions, 'containsAsLike'>,
  inSubtable: boolean,
  fieldType = '',
): ColumnPushdown {
  // Fields inside a subtable are filtered per record ("any row"), which the gateway refines per row.
  let filter: FilterOperation[];
  switch (queryKind) {
    case 'id':
      filter = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in'];
      break;
    case 'systemTime':
      filter = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
      break;
    case 'number':
      filter = ['eq', 'gt', 'ge', 'lt', 'le', 'in'];
      break;
    case 'date':
    case 'dateTime':
    case 'time':
      filter = ['eq', 'gt', 'ge', 'lt', 'le'];
      break;
    case 'text':
      filter = ['eq', 'in', 'isNull', ...(options.containsAsLike ? (['contains'] as const) : [])];
      break;
    case 'longText':
      // `is empty` on rich text is not documented reliably: only multi-line text declares it.
      filter = [
        ...(fieldType === 'RICH_TEXT' ? [] : (['isNull'] as const)),
        ...(options.containsAsLike ? (['contains'] as const) : []),
      ];
      break;
    case 'choice':
      filter = ['eq', 'ne', 'in', 'isNull'];
      break;
    case 'multiChoice':
    case 'entities':
      filter = collection ? ['any', 'isNull'] : ['isNull'];
      break;
    case 'entity':
    case 'status':
      filter = ['eq', 'in'];
      break;
    case 'files':
      filter = ['isNull'];
      break;
    case 'none':
      filter = [];
      break;
  }
  return { filter, sort: !inSubtable && exactSortKinds.has(queryKind) };
}

function numberSetting(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function optionKeys(field: KintoneFieldProperty): string[] {
  return Object.entries(field.options ?? {})
    .sort(([, left], [, right]) => Number(left.index ?? 0) - Number(right.index ?? 0))
    .map(([key]) => key);
}

interface Shape {
  type: EdmPrimitiveType;
  valueKind: ValueKind;
  queryKind: QueryKind;
  maxLength?: number;
  scale?: number | 'variable';
  writable: boolean;
  nullable: boolean;
  collection: boolean;
  options?: string[];
}

function shapeOf(field: KintoneFieldProperty, options: KintoneSchemaOptions): Shape | undefined {
  const multi = options.multiValueMode === 'collection';
  const delimited = (length: number): Partial<Shape> =>
    multi ? { collection: true } : { collection: false, maxLength: length };
  const numberType: EdmPrimitiveType = options.numbersAsDouble ? 'Edm.Double' : 'Edm.Decimal';
  const scale = numberSetting(field.displayScale);
  const numeric = {
    type: numberType,
    valueKind: (options.numbersAsDouble ? 'double' : 'decimal') as ValueKind,
    ...(options.numbersAsDouble ? {} : { scale: scale ?? ('variable' as const) }),
  };
  const base = { writable: true, nullable: true, collection: false };
  switch (field.type) {
    case 'RECORD_NUMBER':
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'recordNumber',
        queryKind: 'none',
        maxLength: 64,
        writable: false,
        nullable: false,
      };
    case 'CREATOR':
    case 'MODIFIER':
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'entity',
        queryKind: 'entity',
        maxLength: shortTextLength,
        writable: false,
        nullable: false,
      };
    case 'CREATED_TIME':
    case 'UPDATED_TIME':
      return {
        ...base,
        type: 'Edm.DateTimeOffset',
        valueKind: 'dateTime',
        queryKind: 'systemTime',
        writable: false,
        nullable: false,
      };
    case 'STATUS':
      if (field.enabled === false) return undefined;
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'choice',
        queryKind: 'status',
        maxLength: shortTextLength,
        writable: false,
      };
    case 'STATUS_ASSIGNEE':
      if (field.enabled === false) return undefined;
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'entities',
        queryKind: 'entities',
        ...delimited(shortTextLength),
        writable: false,
      };
    case 'CATEGORY':
      if (field.enabled === false) return undefined;
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'multiChoice',
        queryKind: 'multiChoice',
        ...delimited(shortTextLength),
        writable: false,
      };
    case 'SINGLE_LINE_TEXT':
    case 'LINK': {
      const maxLength = numberSetting(field.maxLength) ?? options.defaultTextLength;
      const calculated = field.type === 'SINGLE_LINE_TEXT' && (field.expression ?? '') !== '';
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'text',
        queryKind: 'text',
        maxLength,
        writable: !calculated,
      };
    }
    case 'MULTI_LINE_TEXT':
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'text',
        queryKind: 'longText',
        maxLength: multiLineTextLength,
      };
    case 'RICH_TEXT':
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'text',
        queryKind: 'longText',
        maxLength: richTextLength,
      };
    case 'NUMBER':
      return { ...base, ...numeric, queryKind: 'number' };
    case 'CALC':
      switch (field.format) {
        case 'DATETIME':
          return {
            ...base,
            type: 'Edm.DateTimeOffset',
            valueKind: 'dateTime',
            queryKind: 'none',
            writable: false,
          };
        case 'DATE':
          return {
            ...base,
            type: 'Edm.Date',
            valueKind: 'date',
            queryKind: 'none',
            writable: false,
          };
        case 'TIME':
          return options.salesforceMode
            ? {
                ...base,
                type: 'Edm.String',
                valueKind: 'timeText',
                queryKind: 'none',
                maxLength: 5,
                writable: false,
              }
            : {
                ...base,
                type: 'Edm.TimeOfDay',
                valueKind: 'timeOfDay',
                queryKind: 'none',
                writable: false,
              };
        case 'HOUR_MINUTE':
        case 'DAY_HOUR_MINUTE':
          return {
            ...base,
            type: 'Edm.String',
            valueKind: 'text',
            queryKind: 'none',
            maxLength: 32,
            writable: false,
          };
        default:
          return { ...base, ...numeric, queryKind: 'number', writable: false };
      }
    case 'RADIO_BUTTON':
    case 'DROP_DOWN': {
      const keys = optionKeys(field);
      const longest = Math.max(0, ...keys.map((key) => key.length));
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'choice',
        queryKind: 'choice',
        maxLength: Math.max(shortTextLength, longest),
        options: keys,
      };
    }
    case 'CHECK_BOX':
    case 'MULTI_SELECT': {
      const keys = optionKeys(field);
      const total = keys.reduce(
        (sum, key) => sum + key.length + options.multiValueDelimiter.length,
        0,
      );
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'multiChoice',
        queryKind: 'multiChoice',
        ...delimited(Math.max(shortTextLength, total)),
        options: keys,
      };
    }
    case 'DATE':
      return { ...base, type: 'Edm.Date', valueKind: 'date', queryKind: 'date' };
    case 'DATETIME':
      return { ...base, type: 'Edm.DateTimeOffset', valueKind: 'dateTime', queryKind: 'dateTime' };
    case 'TIME':
      return options.salesforceMode
        ? { ...base, type: 'Edm.String', valueKind: 'timeText', queryKind: 'time', maxLength: 5 }
        : { ...base, type: 'Edm.TimeOfDay', valueKind: 'timeOfDay', queryKind: 'time' };
    case 'USER_SELECT':
    case 'ORGANIZATION_SELECT':
    case 'GROUP_SELECT':
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'entities',
        queryKind: 'entities',
        ...delimited(shortTextLength),
      };
    case 'FILE':
      return {
        ...base,
        type: 'Edm.String',
        valueKind: 'files',
        queryKind: 'files',
        ...delimited(fileNamesLength),
        writable: false,
      };
    default:
      return undefined;
  }
}

function defaultValueOf(
  field: KintoneFieldProperty,
  shape: Shape,
  delimiter: string,
): Value | undefined {
  const value = field.defaultValue;
  if (!shape.writable || field.defaultNowValue === true) return undefined;
  if (typeof value === 'string') {
    if (value === '') return undefined;
    switch (shape.valueKind) {
      case 'text':
      case 'choice':
        return value;
      case 'decimal':
        return canonicalDecimal(value) ?? undefined;
      case 'double': {
        const number = Number(value);
        return Number.isFinite(number) ? number : undefined;
      }
      case 'date':
        return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
      default:
        return undefined;
    }
  }
  if (Array.isArray(value) && shape.valueKind === 'multiChoice') {
    const items = value.filter((item): item is string => typeof item === 'string');
    if (items.length === 0) return undefined;
    return shape.collection ? items : items.join(delimiter);
  }
  return undefined;
}

/** The column of a field, or undefined for fields that are not published (layout, disabled features). */
export function mapField(
  field: KintoneFieldProperty,
  options: KintoneSchemaOptions,
  context: { readonly inSubtable: boolean; readonly lookupTargets: ReadonlySet<string> },
): MappedField | undefined {
  if (notColumns.has(field.type)) return undefined;
  const shape = shapeOf(field, options);
  if (shape === undefined) return undefined;
  const writable = shape.writable && !context.lookupTargets.has(field.code);
  const defaultValue = defaultValueOf(field, shape, options.multiValueDelimiter);
  const minLength = numberSetting(field.minLength);
  const kintoneMaxLength = numberSetting(field.maxLength);
  const column: Omit<ColumnSchema, 'propertyName'> = {
    name: field.code,
    ...(field.label === undefined ? {} : { label: field.label }),
    type: shape.type,
    collection: shape.collection,
    nullable: shape.nullable,
    ...(shape.maxLength === undefined ? {} : { maxLength: shape.maxLength }),
    ...(shape.scale === undefined ? {} : { scale: shape.scale }),
    computed: !writable,
    immutable: false,
    requiredOnCreate: writable && field.required === true && defaultValue === undefined,
    // A delimited multi-value text holds several options ("A;B"), which AllowedValues (one
    // value among them) would refuse: only single choices and collections declare them.
    // The writer checks every item of a delimited value against the options itself.
    ...(shape.options === undefined || (shape.valueKind === 'multiChoice' && !shape.collection)
      ? {}
      : { allowedValues: shape.options }),
    ...(defaultValue === undefined ? {} : { defaultValue }),
    pushdown: pushdownFor(
      shape.queryKind,
      shape.collection,
      options,
      context.inSubtable,
      field.type,
    ),
  };
  const source: KintoneColumnSource = {
    code: field.code,
    fieldType: field.type,
    valueKind: shape.valueKind,
    queryKind: shape.queryKind,
    ...(shape.options === undefined ? {} : { options: shape.options }),
    ...(minLength === undefined ? {} : { minLength }),
    ...(kintoneMaxLength === undefined ? {} : { maxLength: kintoneMaxLength }),
    ...(field.minValue === undefined || field.minValue === '' ? {} : { minValue: field.minValue }),
    ...(field.maxValue === undefined || field.maxValue === '' ? {} : { maxValue: field.maxValue }),
    ...(field.unique === true ? { unique: true } : {}),
    writable,
    collection: shape.collection,
  };
  return { column, source };
}

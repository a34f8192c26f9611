/**
 * What the query language allows per field type (facts sheet §5.2) and how values of each
 * type are compared: the operator table, the sortable types, and the comparison domain
 * that decides how a stored value and a literal meet.
 */
import type { FieldProperty, FieldType } from '../model/field-property.js';
import type { ConditionOperator } from './query-syntax-tree.js';

/** How values of a field are compared. */
export type FieldDomain =
  /** Numbers (`NUMBER`, numeric `CALC`, `$id`). */
  | 'number'
  /** `RECORD_NUMBER`: `"12"` or `"APP-12"`, compared by the number. */
  | 'record-number'
  /** `DATE` and date `CALC`: days. */
  | 'date'
  /** `DATETIME`, `CREATED_TIME`, `UPDATED_TIME`, datetime `CALC`: minutes since the epoch (UTC). */
  | 'datetime'
  /** `TIME` and time `CALC`: minutes of the day. */
  | 'time'
  /** `CALC` in `HOUR_MINUTE` / `DAY_HOUR_MINUTE` format: signed minutes (`"25:01"`). */
  | 'duration'
  /** Plain strings (`SINGLE_LINE_TEXT`, `LINK`, `MULTI_LINE_TEXT`, `STATUS`). */
  | 'text'
  /** `RICH_TEXT`: HTML whose markup is not searched. */
  | 'rich-text'
  /** One selected option or null (`RADIO_BUTTON`, `DROP_DOWN`). */
  | 'choice'
  /** Selected options (`CHECK_BOX`, `MULTI_SELECT`, `CATEGORY`). */
  | 'choices'
  /** One `{ code, name }` (`CREATOR`, `MODIFIER`). */
  | 'entity'
  /** A list of `{ code, name }` (user, organization, group selects, `STATUS_ASSIGNEE`). */
  | 'entities'
  /** `FILE`: attachments, searched by file name. */
  | 'files'
  /** Not usable in a query (subtables, groups, related records, decoration fields). */
  | 'none';

const numberOperators: readonly ConditionOperator[] = [
  '=',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
  'in',
  'not in',
];
const textOperators: readonly ConditionOperator[] = ['=', '!=', 'in', 'not in', 'like', 'not like'];
const searchOperators: readonly ConditionOperator[] = [
  'like',
  'not like',
  'is empty',
  'is not empty',
];
const selectionOperators: readonly ConditionOperator[] = ['in', 'not in'];
const temporalOperators: readonly ConditionOperator[] = ['=', '!=', '>', '<', '>=', '<='];
const statusOperators: readonly ConditionOperator[] = ['=', '!=', 'in', 'not in'];

const operatorsByType: Readonly<Record<FieldType, ReadonlySet<ConditionOperator>>> = {
  __ID__: new Set(numberOperators),
  RECORD_NUMBER: new Set(numberOperators),
  NUMBER: new Set(numberOperators),
  CALC: new Set(numberOperators),
  SINGLE_LINE_TEXT: new Set(textOperators),
  LINK: new Set(textOperators),
  MULTI_LINE_TEXT: new Set(searchOperators),
  // Sources differ on `is empty` for rich text (open question 5): the emulator allows it.
  RICH_TEXT: new Set(searchOperators),
  FILE: new Set(searchOperators),
  CHECK_BOX: new Set(selectionOperators),
  RADIO_BUTTON: new Set(selectionOperators),
  DROP_DOWN: new Set(selectionOperators),
  MULTI_SELECT: new Set(selectionOperators),
  USER_SELECT: new Set(selectionOperators),
  ORGANIZATION_SELECT: new Set(selectionOperators),
  GROUP_SELECT: new Set(selectionOperators),
  CREATOR: new Set(selectionOperators),
  MODIFIER: new Set(selectionOperators),
  STATUS_ASSIGNEE: new Set(selectionOperators),
  CATEGORY: new Set(selectionOperators),
  DATE: new Set(temporalOperators),
  TIME: new Set(temporalOperators),
  DATETIME: new Set(temporalOperators),
  CREATED_TIME: new Set(temporalOperators),
  UPDATED_TIME: new Set(temporalOperators),
  STATUS: new Set(statusOperators),
  __REVISION__: new Set(),
  SUBTABLE: new Set(),
  REFERENCE_TABLE: new Set(),
  GROUP: new Set(),
  LABEL: new Set(),
  SPACER: new Set(),
  HR: new Set(),
};

/** The operators Kintone accepts for a field of this type (outside subtables). */
export function allowedOperators(type: FieldType): ReadonlySet<ConditionOperator> {
  return operatorsByType[type];
}

const sortableTypes: ReadonlySet<FieldType> = new Set<FieldType>([
  '__ID__',
  'RECORD_NUMBER',
  'NUMBER',
  'CALC',
  'SINGLE_LINE_TEXT',
  'LINK',
  'RADIO_BUTTON',
  'DROP_DOWN',
  'DATE',
  'TIME',
  'DATETIME',
  'CREATED_TIME',
  'UPDATED_TIME',
  'CREATOR',
  'MODIFIER',
  'STATUS',
]);

/** Whether `order by` accepts the type (single-valued, comparable fields only). */
export function isSortableType(type: FieldType): boolean {
  return sortableTypes.has(type);
}

/** Selection types whose `in` values must be options (`GAIA_IQ10`). */
export function hasOptionList(type: FieldType): boolean {
  return (
    type === 'CHECK_BOX' ||
    type === 'RADIO_BUTTON' ||
    type === 'DROP_DOWN' ||
    type === 'MULTI_SELECT'
  );
}

function calcDomain(format: string | undefined): FieldDomain {
  switch (format) {
    case 'DATE':
      return 'date';
    case 'DATETIME':
      return 'datetime';
    case 'TIME':
      return 'time';
    case 'HOUR_MINUTE':
    case 'DAY_HOUR_MINUTE':
      return 'duration';
    default:
      return 'number';
  }
}

/** The comparison domain of a field. */
export function fieldDomain(property: FieldProperty): FieldDomain {
  switch (property.type) {
    case '__ID__':
    case 'NUMBER':
      return 'number';
    case 'CALC':
      return calcDomain(property.format);
    case 'RECORD_NUMBER':
      return 'record-number';
    case 'DATE':
      return 'date';
    case 'DATETIME':
    case 'CREATED_TIME':
    case 'UPDATED_TIME':
      return 'datetime';
    case 'TIME':
      return 'time';
    case 'SINGLE_LINE_TEXT':
    case 'LINK':
    case 'MULTI_LINE_TEXT':
    case 'STATUS':
      return 'text';
    case 'RICH_TEXT':
      return 'rich-text';
    case 'RADIO_BUTTON':
    case 'DROP_DOWN':
      return 'choice';
    case 'CHECK_BOX':
    case 'MULTI_SELECT':
    case 'CATEGORY':
      return 'choices';
    case 'CREATOR':
    case 'MODIFIER':
      return 'entity';
    case 'USER_SELECT':
    case 'ORGANIZATION_SELECT':
    case 'GROUP_SELECT':
    case 'STATUS_ASSIGNEE':
      return 'entities';
    case 'FILE':
      return 'files';
    case '__REVISION__':
    case 'SUBTABLE':
    case 'REFERENCE_TABLE':
    case 'GROUP':
    case 'LABEL':
    case 'SPACER':
    case 'HR':
      return 'none';
  }
}

/**
 * Field definitions exactly as Kintone's `app/form/fields.json` returns them (facts sheet
 * §4.4): one object per field code, subtable inner fields only under their subtable's
 * `fields`. The emulator stores and serves these objects as they are.
 */

export type FieldType =
  | 'RECORD_NUMBER'
  | '__ID__'
  | '__REVISION__'
  | 'CREATOR'
  | 'CREATED_TIME'
  | 'MODIFIER'
  | 'UPDATED_TIME'
  | 'STATUS'
  | 'STATUS_ASSIGNEE'
  | 'CATEGORY'
  | 'SINGLE_LINE_TEXT'
  | 'MULTI_LINE_TEXT'
  | 'RICH_TEXT'
  | 'LINK'
  | 'NUMBER'
  | 'CALC'
  | 'RADIO_BUTTON'
  | 'DROP_DOWN'
  | 'CHECK_BOX'
  | 'MULTI_SELECT'
  | 'DATE'
  | 'TIME'
  | 'DATETIME'
  | 'USER_SELECT'
  | 'ORGANIZATION_SELECT'
  | 'GROUP_SELECT'
  | 'FILE'
  | 'SUBTABLE'
  | 'REFERENCE_TABLE'
  | 'GROUP'
  | 'LABEL'
  | 'SPACER'
  | 'HR';

/** A field property object; type-specific members are optional (see facts sheet §4.4). */
export interface FieldProperty {
  readonly type: FieldType;
  readonly code: string;
  readonly label: string;
  readonly noLabel?: boolean;
  readonly required?: boolean;
  readonly unique?: boolean;
  readonly defaultValue?: string | readonly string[] | readonly { code: string; type: string }[];
  readonly defaultNowValue?: boolean;
  readonly minLength?: string;
  readonly maxLength?: string;
  readonly minValue?: string;
  readonly maxValue?: string;
  readonly expression?: string;
  readonly hideExpression?: boolean;
  readonly format?: string;
  readonly displayScale?: string;
  readonly digit?: boolean;
  readonly unit?: string;
  readonly unitPosition?: 'BEFORE' | 'AFTER';
  readonly protocol?: 'WEB' | 'CALL' | 'MAIL';
  readonly options?: Readonly<Record<string, { readonly label: string; readonly index: string }>>;
  readonly align?: 'HORIZONTAL' | 'VERTICAL';
  readonly entities?: readonly { code: string; type: string }[];
  readonly thumbnailSize?: string;
  readonly enabled?: boolean;
  readonly lookup?: {
    readonly relatedApp: { readonly app: string; readonly code: string };
    readonly relatedKeyField: string;
    readonly fieldMappings: readonly { readonly field: string; readonly relatedField: string }[];
    readonly lookupPickerFields: readonly string[];
    readonly filterCond: string;
    readonly sort: string;
  };
  /** SUBTABLE only: the inner fields. */
  readonly fields?: Readonly<Record<string, FieldProperty>>;
  readonly referenceTable?: unknown;
  readonly openGroup?: boolean;
}

/** The `properties` object of fields.json. */
export type FieldProperties = Readonly<Record<string, FieldProperty>>;

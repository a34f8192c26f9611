/**
 * Field definitions sent to `preview/app/form/fields.json` (POST and PUT), checked and
 * completed into the full property objects Kintone returns (facts sheet §4.4): every
 * type-specific property present with its default, numeric settings as strings, `unique`
 * only where the type allows it, lookups resolved to `{app, code}` of their source app.
 * Cross-field rules (codes unique in the app, lookup mappings, CALC references and cycles)
 * are checked on the whole field set.
 */
import type { ValidationErrorCollector } from '../errors/kintone-error.js';
import type { LocalizedText } from '../errors/kintone-error.js';
import { validationMessages } from '../errors/validation-messages.js';
import type { AppState } from '../model/app-state.js';
import type { FieldProperties, FieldProperty, FieldType } from '../model/field-property.js';
import { calcReferences } from '../records/calc-expression.js';
import { parsedCalcExpression } from '../records/record-calculation.js';
import { CalcError } from '../records/calc-expression.js';
import { isJsonObject, type JsonObject } from '../support/json-value.js';
import {
  creatableFieldTypes,
  optionFieldTypes,
  subtableFieldTypes,
  systemFieldTypes,
  uniqueCapableTypes,
} from './field-type-facts.js';

const invalid: LocalizedText = { en: 'Enter a valid value.', ja: '正しい値を入力してください。' };

const propertyDefaults: Partial<Record<FieldType, Readonly<Record<string, unknown>>>> = {
  SINGLE_LINE_TEXT: {
    required: false,
    unique: false,
    defaultValue: '',
    minLength: '',
    maxLength: '',
    expression: '',
    hideExpression: false,
  },
  MULTI_LINE_TEXT: { required: false, defaultValue: '' },
  RICH_TEXT: { required: false, defaultValue: '' },
  NUMBER: {
    required: false,
    unique: false,
    defaultValue: '',
    minValue: '',
    maxValue: '',
    digit: false,
    displayScale: '',
    unit: '',
    unitPosition: 'BEFORE',
  },
  CALC: {
    required: false,
    expression: '',
    hideExpression: false,
    format: 'NUMBER',
    displayScale: '',
    unit: '',
    unitPosition: 'BEFORE',
  },
  LINK: {
    required: false,
    unique: false,
    defaultValue: '',
    minLength: '',
    maxLength: '',
    protocol: 'WEB',
  },
  RADIO_BUTTON: { required: false, defaultValue: '', options: {}, align: 'HORIZONTAL' },
  CHECK_BOX: { required: false, defaultValue: [], options: {}, align: 'HORIZONTAL' },
  DROP_DOWN: { required: false, defaultValue: '', options: {} },
  MULTI_SELECT: { required: false, defaultValue: [], options: {} },
  DATE: { required: false, unique: false, defaultValue: '', defaultNowValue: false },
  DATETIME: { required: false, unique: false, defaultValue: '', defaultNowValue: false },
  TIME: { required: false, defaultValue: '', defaultNowValue: false },
  FILE: { required: false, thumbnailSize: '150' },
  USER_SELECT: { required: false, defaultValue: [], entities: [] },
  ORGANIZATION_SELECT: { required: false, defaultValue: [], entities: [] },
  GROUP_SELECT: { required: false, defaultValue: [], entities: [] },
  SUBTABLE: {},
  GROUP: { openGroup: false },
  REFERENCE_TABLE: { referenceTable: null },
};

const numericSettings = new Set([
  'minLength',
  'maxLength',
  'minValue',
  'maxValue',
  'displayScale',
  'thumbnailSize',
]);
const enumSettings: Readonly<Record<string, readonly string[]>> = {
  unitPosition: ['BEFORE', 'AFTER'],
  protocol: ['WEB', 'CALL', 'MAIL'],
  align: ['HORIZONTAL', 'VERTICAL'],
  format: ['NUMBER', 'NUMBER_DIGIT', 'DATETIME', 'DATE', 'TIME', 'HOUR_MINUTE', 'DAY_HOUR_MINUTE'],
};
const fieldCodePattern = /^[\p{L}\p{N}_・＄￥]+$/u;

/** Finds an app by the `{app}` or `{code}` a lookup names. */
export type AppResolver = (reference: { app?: unknown; code?: unknown }) => AppState | undefined;

export function isValidFieldCode(code: string): boolean {
  return code.length > 0 && code.length <= 128 && fieldCodePattern.test(code) && !/^\d/.test(code);
}

function normalizeOptions(
  raw: unknown,
  key: string,
  errors: ValidationErrorCollector,
): Record<string, { label: string; index: string }> {
  const options: Record<string, { label: string; index: string }> = {};
  if (!isJsonObject(raw)) {
    errors.add(key, invalid);
    return options;
  }
  Object.entries(raw).forEach(([name, option], position) => {
    const label =
      isJsonObject(option) && typeof option['label'] === 'string' ? option['label'] : name;
    const index = isJsonObject(option) ? option['index'] : undefined;
    options[name] = {
      label,
      index:
        typeof index === 'number' || typeof index === 'string' ? String(index) : String(position),
    };
  });
  return options;
}

function normalizeLookup(
  raw: unknown,
  key: string,
  errors: ValidationErrorCollector,
  resolveApp: AppResolver,
): FieldProperty['lookup'] | undefined {
  if (!isJsonObject(raw) || !isJsonObject(raw['relatedApp'])) {
    errors.add(`${key}.relatedApp`, invalid);
    return undefined;
  }
  const relatedApp = raw['relatedApp'];
  const source = resolveApp({ app: relatedApp['app'], code: relatedApp['code'] });
  if (source === undefined) {
    errors.add(`${key}.relatedApp.app`, invalid);
    return undefined;
  }
  const sourceFields = (source.live ?? source.preview).fields;
  const relatedKeyField = raw['relatedKeyField'];
  const keyField = typeof relatedKeyField === 'string' ? sourceFields[relatedKeyField] : undefined;
  if (keyField === undefined || (keyField.type !== 'RECORD_NUMBER' && keyField.unique !== true)) {
    errors.add(`${key}.relatedKeyField`, invalid);
    return undefined;
  }
  const mappings: { field: string; relatedField: string }[] = [];
  const rawMappings = Array.isArray(raw['fieldMappings'])
    ? (raw['fieldMappings'] as unknown[])
    : [];
  rawMappings.forEach((mapping, index) => {
    const field = isJsonObject(mapping) ? mapping['field'] : undefined;
    const relatedField = isJsonObject(mapping) ? mapping['relatedField'] : undefined;
    if (
      typeof field !== 'string' ||
      typeof relatedField !== 'string' ||
      sourceFields[relatedField] === undefined
    ) {
      errors.add(`${key}.fieldMappings[${index}]`, invalid);
      return;
    }
    mappings.push({ field, relatedField });
  });
  const pickerFields = Array.isArray(raw['lookupPickerFields'])
    ? (raw['lookupPickerFields'] as unknown[]).filter(
        (item): item is string => typeof item === 'string',
      )
    : [];
  return {
    relatedApp: { app: String(source.id), code: source.code },
    relatedKeyField: keyField.code,
    fieldMappings: mappings,
    lookupPickerFields: pickerFields,
    filterCond: typeof raw['filterCond'] === 'string' ? raw['filterCond'] : '',
    sort: typeof raw['sort'] === 'string' ? raw['sort'] : '',
  };
}

/**
 * Checks and completes one field definition; `keyBase` is the errors key prefix
 * (`properties.code`). Returns undefined when it is unusable (errors collected).
 */
export function normalizeFieldProperty(
  raw: unknown,
  expectedCode: string,
  keyBase: string,
  errors: ValidationErrorCollector,
  resolveApp: AppResolver,
  insideSubtable = false,
): FieldProperty | undefined {
  if (!isJsonObject(raw)) {
    errors.add(keyBase, invalid);
    return undefined;
  }
  const type = raw['type'];
  const allowed = insideSubtable ? subtableFieldTypes : creatableFieldTypes;
  if (typeof type !== 'string' || !allowed.has(type as FieldType)) {
    errors.add(`${keyBase}.type`, validationMessages.enumValue);
    return undefined;
  }
  const fieldType = type as FieldType;
  const code = raw['code'] ?? expectedCode;
  if (typeof code !== 'string' || !isValidFieldCode(code)) {
    errors.add(`${keyBase}.code`, invalid);
    return undefined;
  }
  const label = raw['label'];
  if (typeof label !== 'string' || label.length > 128) {
    errors.add(`${keyBase}.label`, validationMessages.requiredParameter);
    return undefined;
  }
  const property: Record<string, unknown> = {
    type: fieldType,
    code,
    label,
    noLabel: raw['noLabel'] === true,
  };
  for (const [name, fallback] of Object.entries(propertyDefaults[fieldType] ?? {})) {
    const given = raw[name];
    if (given === undefined || given === null) {
      property[name] = fallback;
      continue;
    }
    if (numericSettings.has(name)) {
      if (given !== '' && typeof given !== 'string' && typeof given !== 'number') {
        errors.add(`${keyBase}.${name}`, invalid);
        continue;
      }
      if (given !== '' && Number.isNaN(Number(given))) {
        errors.add(`${keyBase}.${name}`, invalid);
        continue;
      }
      property[name] = String(given);
    } else if (enumSettings[name] !== undefined) {
      if (typeof given !== 'string' || !enumSettings[name].includes(given)) {
        errors.add(`${keyBase}.${name}`, validationMessages.enumValue);
        continue;
      }
      property[name] = given;
    } else if (typeof fallback === 'boolean') {
      property[name] = given === true || given === 'true';
    } else if (name === 'options') {
      property[name] = normalizeOptions(given, `${keyBase}.options`, errors);
    } else {
      property[name] = given;
    }
  }
  if (property['unique'] === true && !uniqueCapableTypes.has(fieldType)) property['unique'] = false;
  if (optionFieldTypes.has(fieldType)) {
    const options = property['options'] as Record<string, unknown>;
    const defaults = property['defaultValue'];
    const list = Array.isArray(defaults)
      ? (defaults as unknown[])
      : defaults === ''
        ? []
        : [defaults];
    for (const value of list) {
      if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(options, value)) {
        errors.add(`${keyBase}.defaultValue`, invalid);
      }
    }
  }
  if (
    fieldType === 'CALC' &&
    (typeof property['expression'] !== 'string' || property['expression'] === '')
  ) {
    errors.add(`${keyBase}.expression`, validationMessages.requiredParameter);
  }
  if (
    raw['lookup'] !== undefined &&
    raw['lookup'] !== null &&
    (fieldType === 'SINGLE_LINE_TEXT' || fieldType === 'NUMBER' || fieldType === 'LINK')
  ) {
    property['lookup'] = normalizeLookup(raw['lookup'], `${keyBase}.lookup`, errors, resolveApp);
  }
  if (fieldType === 'SUBTABLE') {
    const inner: Record<string, FieldProperty> = {};
    const rawFields = raw['fields'];
    if (!isJsonObject(rawFields) || Object.keys(rawFields).length === 0) {
      errors.add(`${keyBase}.fields`, validationMessages.requiredParameter);
    } else {
      for (const [innerCode, innerRaw] of Object.entries(rawFields)) {
        const normalized = normalizeFieldProperty(
          innerRaw,
          innerCode,
          `${keyBase}.fields.${innerCode}`,
          errors,
          resolveApp,
          true,
        );
        if (normalized !== undefined) inner[normalized.code] = normalized;
      }
    }
    property['fields'] = inner;
  }
  return property as unknown as FieldProperty;
}

/** Applies a PUT's changes to an existing definition (type changes are not allowed). */
export function mergeFieldChanges(
  existing: FieldProperty,
  changes: JsonObject,
  keyBase: string,
  errors: ValidationErrorCollector,
  resolveApp: AppResolver,
  insideSubtable = false,
): FieldProperty | undefined {
  if (systemFieldTypes.has(existing.type)) {
    const label = changes['label'];
    const code = changes['code'];
    return {
      ...existing,
      ...(typeof label === 'string' ? { label } : {}),
      ...(typeof code === 'string' && isValidFieldCode(code) ? { code } : {}),
    };
  }
  if (changes['type'] !== undefined && changes['type'] !== existing.type) {
    errors.add(`${keyBase}.type`, invalid);
    return undefined;
  }
  const merged: JsonObject = {
    ...(existing as unknown as JsonObject),
    ...changes,
    type: existing.type,
  };
  if (existing.type === 'SUBTABLE' && isJsonObject(changes['fields'])) {
    const innerMerged: JsonObject = { ...(existing.fields ?? {}) };
    for (const [innerCode, innerChanges] of Object.entries(changes['fields'])) {
      const current = existing.fields?.[innerCode];
      innerMerged[innerCode] =
        current !== undefined && isJsonObject(innerChanges)
          ? { ...(current as unknown as JsonObject), ...innerChanges, type: current.type }
          : innerChanges;
    }
    merged['fields'] = innerMerged;
  }
  if (existing.lookup !== undefined && changes['lookup'] === undefined) {
    merged['lookup'] = { ...existing.lookup, relatedApp: { app: existing.lookup.relatedApp.app } };
  }
  return normalizeFieldProperty(merged, existing.code, keyBase, errors, resolveApp, insideSubtable);
}

/** Checks rules that involve several fields of one app. */
export function validateFieldSet(fields: FieldProperties, errors: ValidationErrorCollector): void {
  const seen = new Set<string>();
  const scopeOf = new Map<string, FieldProperties>();
  for (const field of Object.values(fields)) {
    seen.add(field.code);
    scopeOf.set(field.code, fields);
  }
  for (const field of Object.values(fields)) {
    for (const inner of Object.values(field.fields ?? {})) {
      if (seen.has(inner.code))
        errors.add(
          `properties.${field.code}.fields.${inner.code}.code`,
          validationMessages.fieldCodeInUse(inner.code),
        );
      seen.add(inner.code);
      scopeOf.set(inner.code, field.fields ?? {});
    }
  }
  const calcFields = new Map<string, Set<string>>();
  const check = (field: FieldProperty, key: string, scope: FieldProperties): void => {
    for (const mapping of field.lookup?.fieldMappings ?? []) {
      const target = scope[mapping.field];
      if (target === undefined || target.code === field.code) {
        errors.add(`${key}.lookup.fieldMappings`, validationMessages.unknownField(mapping.field));
      }
    }
    const expression = field.expression;
    if (
      (field.type === 'CALC' || field.type === 'SINGLE_LINE_TEXT') &&
      typeof expression === 'string' &&
      expression !== ''
    ) {
      const parsed = parsedCalcExpression(expression);
      if (parsed instanceof CalcError) {
        errors.add(`${key}.expression`, invalid);
        return;
      }
      const references = calcReferences(parsed);
      for (const code of [...references.fields, ...references.summed]) {
        if (!seen.has(code)) errors.add(`${key}.expression`, validationMessages.unknownField(code));
      }
      calcFields.set(field.code, references.fields);
    }
  };
  for (const field of Object.values(fields)) {
    check(field, `properties.${field.code}`, fields);
    for (const inner of Object.values(field.fields ?? {})) {
      check(inner, `properties.${field.code}.fields.${inner.code}`, field.fields ?? {});
    }
  }
  // Cycles between calculated fields.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (code: string): boolean => {
    const mark = state.get(code);
    if (mark === 'done') return false;
    if (mark === 'visiting') return true;
    state.set(code, 'visiting');
    for (const reference of calcFields.get(code) ?? []) {
      if (calcFields.has(reference) && visit(reference)) return true;
    }
    state.set(code, 'done');
    return false;
  };
  for (const code of calcFields.keys()) {
    if (visit(code)) errors.add(`properties.${code}.expression`, invalid);
  }
}

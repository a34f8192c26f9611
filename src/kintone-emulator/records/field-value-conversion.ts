/**
 * Turns one field's value from write shape into read shape (facts sheet §4.2, §10):
 * numbers normalised, option membership checked, dates padded, date-times in UTC without
 * seconds, users / groups / organisations resolved to `{code, name}`, uploaded file keys
 * converted into download keys. Also the default value a field takes on POST.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { kintoneErrors } from '../errors/kintone-errors.js';
import type { ValidationErrorCollector } from '../errors/kintone-error.js';
import { validationMessages } from '../errors/validation-messages.js';
import type { FieldProperty } from '../model/field-property.js';
import type { FieldRawValue, FileValue, UserEntity } from '../model/record.js';
import { emptyValue } from '../fields/field-type-facts.js';
import { isJsonObject } from '../support/json-value.js';
import {
  dateInTimeZone,
  normalizeDate,
  normalizeDateTime,
  normalizeTime,
  timeInTimeZone,
  toKintoneDateTime,
} from './date-normalization.js';
import type { WriteEnvironment } from './write-environment.js';

const uploadLifetimeMilliseconds = 3 * 24 * 60 * 60 * 1000;

/** Where a value sits: `key` is the dotted path without `.value`. */
export interface ValueLocation {
  readonly key: string;
  /** Bracket form for top-level number errors (undefined inside subtables). */
  readonly bracketKey: string | undefined;
  readonly insideSubtable: boolean;
}

const decimalNumber = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Kintone's number normalisation (like JavaScript Number() then String()); undefined when not a number. */
export function normalizeNumber(raw: unknown): string | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (!decimalNumber.test(text)) return undefined;
  return String(Number(text));
}

function asText(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

function resolveEntities(
  environment: WriteEnvironment,
  field: FieldProperty,
  raw: unknown,
  location: ValueLocation,
  errors: ValidationErrorCollector,
): UserEntity[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) {
    errors.add(`${location.key}.value`, validationMessages.invalidValue);
    return [];
  }
  const entities: UserEntity[] = [];
  for (const item of raw) {
    const code = isJsonObject(item) ? item['code'] : undefined;
    if (typeof code !== 'string') {
      errors.add(`${location.key}.value`, validationMessages.invalidValue);
      continue;
    }
    entities.push(resolveEntity(environment, field.type, code));
  }
  return entities;
}

export function resolveEntity(
  environment: WriteEnvironment,
  type: FieldProperty['type'],
  code: string,
): UserEntity {
  const { state } = environment;
  if (type === 'ORGANIZATION_SELECT') {
    const organization = state.organizations.get(code);
    if (organization === undefined) throw kintoneErrors.organizationNotFound(code);
    return { code, name: organization.name };
  }
  if (type === 'GROUP_SELECT') {
    const group = state.groups.get(code);
    if (group === undefined) throw kintoneErrors.groupNotFound(code);
    return { code, name: group.name };
  }
  if (code === environment.actor.code) return environment.actor;
  const user = state.users.get(code);
  if (user === undefined) throw kintoneErrors.userNotFound(code);
  return { code, name: user.name };
}

/** A permanent download key in Kintone's form: a timestamp and 35 hexadecimal digits. */
function downloadKey(now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}${randomBytes(18).toString('hex').toUpperCase().slice(0, 35)}`;
}

function convertFiles(
  environment: WriteEnvironment,
  raw: unknown,
  existing: FieldRawValue | undefined,
  location: ValueLocation,
  errors: ValidationErrorCollector,
): FileValue[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) {
    errors.add(`${location.key}.value`, validationMessages.invalidValue);
    return [];
  }
  const kept = new Map<string, FileValue>();
  if (Array.isArray(existing)) {
    for (const file of existing as readonly FileValue[]) kept.set(file.fileKey, file);
  }
  const files: FileValue[] = [];
  for (const item of raw) {
    const key = isJsonObject(item) ? item['fileKey'] : undefined;
    if (typeof key !== 'string') {
      errors.add(`${location.key}.value`, validationMessages.invalidValue);
      continue;
    }
    const current = kept.get(key);
    if (current !== undefined) {
      files.push(current);
      continue;
    }
    const upload = environment.state.uploads.get(key);
    if (
      upload === undefined ||
      environment.now.getTime() - upload.uploadedAt > uploadLifetimeMilliseconds
    ) {
      throw kintoneErrors.fileNotFound(key);
    }
    const stored = {
      key: downloadKey(environment.now),
      app: environment.app.id,
      name: upload.name,
      contentType: upload.contentType,
      content: upload.content,
    };
    environment.state.putFile(stored);
    files.push({
      contentType: stored.contentType,
      fileKey: stored.key,
      name: stored.name,
      size: String(stored.content.length),
    });
  }
  return files;
}

function checkOption(
  field: FieldProperty,
  value: string,
  key: string,
  errors: ValidationErrorCollector,
): void {
  const options = field.options ?? {};
  if (!Object.prototype.hasOwnProperty.call(options, value)) {
    errors.add(key, validationMessages.notInOptions(value));
  }
}

/** Converts a written value of a data field (not SUBTABLE, not a system field). */
export function convertFieldValue(
  environment: WriteEnvironment,
  field: FieldProperty,
  raw: unknown,
  existing: FieldRawValue | undefined,
  location: ValueLocation,
  errors: ValidationErrorCollector,
): FieldRawValue {
  const valueKey = `${location.key}.value`;
  switch (field.type) {
    case 'SINGLE_LINE_TEXT':
    case 'MULTI_LINE_TEXT':
    case 'RICH_TEXT':
    case 'LINK': {
      const text = asText(raw);
      if (text === undefined) {
        errors.add(valueKey, validationMessages.invalidValue);
        return '';
      }
      return text;
    }
    case 'NUMBER': {
      if (raw === null || raw === undefined || raw === '') return '';
      const number = normalizeNumber(raw);
      if (number !== undefined) return number;
      if (location.insideSubtable) return '';
      errors.add(`${location.bracketKey ?? location.key}.value`, validationMessages.onlyNumbers);
      errors.add(valueKey, validationMessages.required);
      return '';
    }
    case 'RADIO_BUTTON':
    case 'DROP_DOWN': {
      if (raw === null || raw === undefined || raw === '') return null;
      const text = asText(raw);
      if (text === undefined) {
        errors.add(valueKey, validationMessages.invalidValue);
        return null;
      }
      checkOption(field, text, valueKey, errors);
      return text;
    }
    case 'CHECK_BOX':
    case 'MULTI_SELECT': {
      if (raw === null || raw === undefined) return [];
      if (!Array.isArray(raw)) {
        errors.add(valueKey, validationMessages.invalidValue);
        return [];
      }
      const values: string[] = [];
      raw.forEach((item, index) => {
        const text = asText(item);
        if (text === undefined || text === '') {
          errors.add(`${location.key}.values[${index}].value`, validationMessages.invalidValue);
          return;
        }
        checkOption(field, text, `${location.key}.values[${index}].value`, errors);
        values.push(text);
      });
      return values;
    }
    case 'DATE': {
      if (raw === null || raw === undefined || raw === '') return null;
      const date = typeof raw === 'string' ? normalizeDate(raw) : undefined;
      if (date === undefined) errors.add(valueKey, validationMessages.invalidDate);
      return date ?? null;
    }
    case 'TIME': {
      if (raw === null || raw === undefined || raw === '') return null;
      const time = typeof raw === 'string' ? normalizeTime(raw) : undefined;
      if (time === undefined) errors.add(valueKey, validationMessages.invalidTime);
      return time ?? null;
    }
    case 'DATETIME':
    case 'CREATED_TIME':
    case 'UPDATED_TIME': {
      if (raw === null || raw === undefined || raw === '') return '';
      const dateTime = typeof raw === 'string' ? normalizeDateTime(raw) : undefined;
      if (dateTime === undefined) errors.add(valueKey, validationMessages.invalidDateTime);
      return dateTime ?? '';
    }
    case 'USER_SELECT':
    case 'ORGANIZATION_SELECT':
    case 'GROUP_SELECT':
      return resolveEntities(environment, field, raw, location, errors);
    case 'FILE':
      return convertFiles(environment, raw, existing, location, errors);
    default:
      return emptyValue(field.type);
  }
}

/** The value a data field takes when a POST leaves it out (facts sheet §10.10). */
export function defaultFieldValue(
  environment: WriteEnvironment,
  field: FieldProperty,
): FieldRawValue {
  const defaultValue = field.defaultValue;
  switch (field.type) {
    case 'SINGLE_LINE_TEXT':
    case 'MULTI_LINE_TEXT':
    case 'RICH_TEXT':
    case 'LINK':
      return typeof defaultValue === 'string' ? defaultValue : '';
    case 'NUMBER':
      return typeof defaultValue === 'string' ? (normalizeNumber(defaultValue) ?? '') : '';
    case 'RADIO_BUTTON':
    case 'DROP_DOWN':
      return typeof defaultValue === 'string' && defaultValue !== '' ? defaultValue : null;
    case 'CHECK_BOX':
    case 'MULTI_SELECT':
      return Array.isArray(defaultValue)
        ? defaultValue.filter((item): item is string => typeof item === 'string')
        : [];
    case 'DATE':
      if (field.defaultNowValue === true)
        return dateInTimeZone(environment.now, environment.timeZone);
      return typeof defaultValue === 'string' && defaultValue !== ''
        ? (normalizeDate(defaultValue) ?? null)
        : null;
    case 'TIME':
      if (field.defaultNowValue === true)
        return timeInTimeZone(environment.now, environment.timeZone);
      return typeof defaultValue === 'string' && defaultValue !== ''
        ? (normalizeTime(defaultValue) ?? null)
        : null;
    case 'DATETIME':
      if (field.defaultNowValue === true) return toKintoneDateTime(environment.now);
      return typeof defaultValue === 'string' && defaultValue !== ''
        ? (normalizeDateTime(defaultValue) ?? '')
        : '';
    case 'USER_SELECT':
    case 'ORGANIZATION_SELECT':
    case 'GROUP_SELECT':
      return defaultEntities(environment, field);
    default:
      return emptyValue(field.type);
  }
}

function defaultEntities(environment: WriteEnvironment, field: FieldProperty): UserEntity[] {
  const entries = Array.isArray(field.defaultValue) ? field.defaultValue : [];
  const entities: UserEntity[] = [];
  for (const entry of entries) {
    if (!isJsonObject(entry)) continue;
    const code = entry['code'];
    if (typeof code !== 'string') continue;
    if (code === 'LOGINUSER()') {
      entities.push(environment.actor);
      continue;
    }
    if (code === 'PRIMARY_ORGANIZATION()') {
      const primary = environment.state.users.get(environment.actor.code)?.primaryOrganization;
      const organization =
        primary === undefined ? undefined : environment.state.organizations.get(primary);
      if (organization !== undefined)
        entities.push({ code: organization.code, name: organization.name });
      continue;
    }
    try {
      entities.push(resolveEntity(environment, field.type, code));
    } catch {
      // A default naming a user that no longer exists is left out.
    }
  }
  return entities;
}

/** A random identifier for uploads (Kintone's upload keys are UUIDs). */
export function newUploadKey(): string {
  return randomUUID();
}

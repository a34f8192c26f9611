/**
 * The fields every new app starts with (record number, creator, timestamps, and the
 * process-management fields, disabled), with codes and labels in the domain's language
 * (facts sheet §4.1: `Record_number` … on English domains, `レコード番号` … on Japanese ones).
 */
import type { FieldProperty, FieldType } from '../model/field-property.js';

interface SystemFieldName {
  readonly type: FieldType;
  readonly en: { readonly code: string; readonly label: string };
  readonly ja: { readonly code: string; readonly label: string };
}

const systemFieldNames: readonly SystemFieldName[] = [
  {
    type: 'RECORD_NUMBER',
    en: { code: 'Record_number', label: 'Record number' },
    ja: { code: 'レコード番号', label: 'レコード番号' },
  },
  {
    type: 'MODIFIER',
    en: { code: 'Updated_by', label: 'Updated by' },
    ja: { code: '更新者', label: '更新者' },
  },
  {
    type: 'CREATOR',
    en: { code: 'Created_by', label: 'Created by' },
    ja: { code: '作成者', label: '作成者' },
  },
  {
    type: 'UPDATED_TIME',
    en: { code: 'Updated_datetime', label: 'Updated datetime' },
    ja: { code: '更新日時', label: '更新日時' },
  },
  {
    type: 'CREATED_TIME',
    en: { code: 'Created_datetime', label: 'Created datetime' },
    ja: { code: '作成日時', label: '作成日時' },
  },
  {
    type: 'STATUS',
    en: { code: 'Status', label: 'Status' },
    ja: { code: 'ステータス', label: 'ステータス' },
  },
  {
    type: 'STATUS_ASSIGNEE',
    en: { code: 'Assignee', label: 'Assignee' },
    ja: { code: '作業者', label: '作業者' },
  },
  {
    type: 'CATEGORY',
    en: { code: 'Categories', label: 'Categories' },
    ja: { code: 'カテゴリー', label: 'カテゴリー' },
  },
];

export function systemFields(language: 'en' | 'ja'): Record<string, FieldProperty> {
  const fields: Record<string, FieldProperty> = {};
  for (const name of systemFieldNames) {
    const { code, label } = name[language];
    const processField =
      name.type === 'STATUS' || name.type === 'STATUS_ASSIGNEE' || name.type === 'CATEGORY';
    fields[code] = processField
      ? { type: name.type, code, label, enabled: false }
      : { type: name.type, code, label, noLabel: false };
  }
  return fields;
}

/** The label of a system field in another language, when it still has its default label. */
export function translatedSystemLabel(field: FieldProperty, language: 'en' | 'ja'): string {
  const name = systemFieldNames.find((candidate) => candidate.type === field.type);
  if (name === undefined) return field.label;
  if (field.label === name.en.label || field.label === name.ja.label) return name[language].label;
  return field.label;
}

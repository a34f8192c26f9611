/**
 * The texts of parameter and record validation failures (facts sheet §6.3), in English
 * and Japanese. English texts are the ones observed on real Kintone where known.
 */
import type { LocalizedText } from './kintone-error.js';

export const validationMessages = {
  requiredParameter: { en: 'Required field.', ja: '必須です。' },
  required: { en: 'Required.', ja: '必須です。' },
  unique: {
    en: 'This value already exists in another record.',
    ja: 'この値はほかのレコードで使用されています。',
  },
  greaterThanOrEqualToOne: {
    en: 'must be greater than or equal to 1',
    ja: '1以上である必要があります。',
  },
  notAnInteger: { en: 'must be an integer.', ja: '整数である必要があります。' },
  notABoolean: { en: 'must be a boolean.', ja: '真偽値である必要があります。' },
  notAString: { en: 'must be a string.', ja: '文字列である必要があります。' },
  notAnArray: { en: 'must be an array.', ja: '配列である必要があります。' },
  notAnObject: { en: 'must be an object.', ja: 'オブジェクトである必要があります。' },
  enumValue: { en: 'must be one of the enum value', ja: '列挙値のいずれかである必要があります。' },
  onlyNumbers: { en: 'Only numbers are allowed.', ja: '数字でなければなりません。' },
  invalidDate: { en: 'Enter a valid date.', ja: '日付が正しくありません。' },
  invalidTime: { en: 'Enter a valid time.', ja: '時刻が正しくありません。' },
  invalidDateTime: { en: 'Enter a valid date and time.', ja: '日時が正しくありません。' },
  invalidValue: { en: 'The value is invalid.', ja: '値が正しくありません。' },
  maxLength: (maxLength: number): LocalizedText => ({
    en: `Enter less than ${maxLength + 1} characters.`,
    ja: `${maxLength + 1}文字より短くしてください。`,
  }),
  minLength: (minLength: number): LocalizedText => ({
    en: `Enter more than ${minLength - 1} characters.`,
    ja: `${minLength - 1}文字より長くしてください。`,
  }),
  maxValue: (max: string): LocalizedText => ({
    en: `The value must be ${max} or less.`,
    ja: `${max}以下である必要があります。`,
  }),
  minValue: (min: string): LocalizedText => ({
    en: `The value must be ${min} or more.`,
    ja: `${min}以上である必要があります。`,
  }),
  notInOptions: (value: string): LocalizedText => ({
    en: `The value, "${value}", is not in options.`,
    ja: `"${value}"は選択肢にありません。`,
  }),
  tooManyItems: (maximum: number): LocalizedText => ({
    en: `Up to ${maximum} items can be specified.`,
    ja: `${maximum}件まで指定できます。`,
  }),
  tooManyRecordsAdded: {
    en: 'A maximum of 100 records can be added at one time.',
    ja: '一度に追加できるレコードは100件までです。',
  },
  tooManyRecordsUpdated: {
    en: 'A maximum of 100 records can be updated at one time.',
    ja: '一度に更新できるレコードは100件までです。',
  },
  deleteCount: {
    en: 'Between 1 and 100 records can be deleted at one time.',
    ja: '一度に削除できるレコードは1件から100件までです。',
  },
  tooManyBulkRequests: {
    en: 'A maximum of 20 requests can be sent at one time.',
    ja: '一度に送信できるリクエストは20件までです。',
  },
  valueBetween: (min: number, max: number): LocalizedText => ({
    en: `must be between ${min} and ${max}`,
    ja: `${min}から${max}までである必要があります。`,
  }),
  textTooLong: (max: number): LocalizedText => ({
    en: `size must be between 0 and ${max}`,
    ja: `0から${max}文字までである必要があります。`,
  }),
  idAndUpdateKey: {
    en: 'Specify either id or updateKey.',
    ja: 'idかupdateKeyのどちらかを指定してください。',
  },
  updateKeyField: {
    en: 'The field must be a text or number field that prohibits duplicate values.',
    ja: '重複禁止が設定された文字列（1行）または数値フィールドを指定してください。',
  },
  unknownField: (code: string): LocalizedText => ({
    en: `The field (code: ${code}) not found.`,
    ja: `指定されたフィールド（code: ${code}）が見つかりません。`,
  }),
  fieldCodeInUse: (code: string): LocalizedText => ({
    en: `The field code (${code}) is already in use.`,
    ja: `フィールドコード（${code}）は使用されています。`,
  }),
  unsupportedBulkApi: {
    en: 'This API cannot be used in a bulk request.',
    ja: 'このAPIは一括リクエストで使用できません。',
  },
} as const;

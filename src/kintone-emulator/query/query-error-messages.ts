/**
 * Every error the query engine can raise, in English and Japanese, in one table.
 *
 * Kintone's own English text is used where the facts sheet records it (`CB_VA01`,
 * `GAIA_IQ11`, `GAIA_QU01`); every other text is written for the emulator (the real
 * wording is not recorded) and says what is wrong and where. `CB_VA01` carries the detail
 * in `errors.query.messages`; since the contract's `errors` member has one language,
 * errors are raised as `LocalizedKintoneQueryError`, which also keeps the Japanese detail,
 * and `localizeQueryError` gives the server the body parts in the language it picked.
 */
import { KintoneQueryError } from './query-engine-contract.js';

interface MessagePair {
  readonly english: string;
  readonly japanese: string;
}

/** HTTP status of every query error. */
const queryErrorStatus = 400;

/** Top-level messages per Kintone error code. */
const errorMessages = {
  CB_VA01: () => ({
    english: 'Missing or invalid input.',
    japanese: '入力内容が正しくありません。',
  }),
  GAIA_IQ03: (p: { operator: string; code: string; type: string; inTable?: boolean }) => ({
    english: `The operator "${p.operator}" cannot be used with the field (${p.code}) of type ${p.type}${p.inTable === true ? ' in a table' : ''}.`,
    japanese: `${p.inTable === true ? 'テーブル内の' : ''}フィールド（${p.code}）の種類（${p.type}）には「${p.operator}」を使用できません。`,
  }),
  GAIA_IQ07: (p: { code: string }) => ({
    english: `The operators "=" and "!=" cannot be used with the field (${p.code}) in a table. Use "in" or "not in" instead.`,
    japanese: `テーブル内のフィールド（${p.code}）には演算子「=」「!=」を使用できません。「in」または「not in」を使用してください。`,
  }),
  GAIA_IQ10: (p: { value: string; code: string }) => ({
    english: `The value "${p.value}" is not an option of the field (${p.code}).`,
    japanese: `「${p.value}」はフィールド（${p.code}）の選択肢にありません。`,
  }),
  GAIA_IQ11: (p: { code: string }) => ({
    english: `Specified field (${p.code}) not found.`,
    japanese: `指定されたフィールド（${p.code}）が見つかりません。`,
  }),
  GAIA_IQ23: (p: { function: string; value: string }) => ({
    english: `The day "${p.value}" given to the function ${p.function} is invalid.`,
    japanese: `関数${p.function}に指定された日「${p.value}」が正しくありません。`,
  }),
  GAIA_IQ25: (p: { value: string }) => ({
    english: `The unit "${p.value}" given to the function FROM_TODAY is invalid. Specify DAYS, WEEKS, MONTHS or YEARS.`,
    japanese: `関数FROM_TODAYに指定された単位「${p.value}」が正しくありません。DAYS、WEEKS、MONTHS、YEARSのいずれかを指定してください。`,
  }),
  GAIA_IL08: (p: { function: string; expected: string; expectedJapanese: string }) => ({
    english: `The arguments of the function ${p.function} are invalid: it takes ${p.expected}.`,
    japanese: `関数${p.function}の引数が正しくありません。${p.expectedJapanese}を指定してください。`,
  }),
  GAIA_IR02: (p: { name: string; code: string }) => ({
    english: `"${p.name}" cannot be used: the field (${p.code}) is not a related records field.`,
    japanese: `「${p.name}」は使用できません。フィールド（${p.code}）は関連レコード一覧ではありません。`,
  }),
  GAIA_QU01: (_parameters: Readonly<Record<string, never>>) => ({
    english: 'limit must be 500 or less.',
    japanese: 'limitには500以下の値を指定してください。',
  }),
  GAIA_QU02: (_parameters: Readonly<Record<string, never>>) => ({
    english: 'offset must be 10000 or less.',
    japanese: 'offsetには10000以下の値を指定してください。',
  }),
} satisfies Record<string, (parameters: never) => MessagePair>;

/** The detail placed in `errors.query.messages` of a `CB_VA01` error. */
const invalidInputDetails = {
  'single-quote': (p: { position: number }) => ({
    english: `Invalid query at character ${p.position}: strings must be enclosed in double quotes (").`,
    japanese: `クエリ記法が間違っています（${p.position}文字目）。文字列はダブルクォート（"）で囲んでください。`,
  }),
  'unterminated-string': (p: { position: number }) => ({
    english: `Invalid query at character ${p.position}: the string is not closed with a double quote (").`,
    japanese: `クエリ記法が間違っています（${p.position}文字目）。文字列がダブルクォート（"）で閉じられていません。`,
  }),
  'control-character-in-string': (p: { position: number }) => ({
    english: `Invalid query at character ${p.position}: a tab, carriage return or line feed inside a string must be written as \\t, \\r or \\n.`,
    japanese: `クエリ記法が間違っています（${p.position}文字目）。文字列内のタブ・改行は \\t、\\r、\\n と記述してください。`,
  }),
  'invalid-escape': (p: { position: number; sequence: string }) => ({
    english: `Invalid query at character ${p.position}: unknown escape sequence ${p.sequence} (use \\", \\\\, \\t, \\n or \\r).`,
    japanese: `クエリ記法が間違っています（${p.position}文字目）。エスケープシーケンス ${p.sequence} は使用できません（\\"、\\\\、\\t、\\n、\\r のみ）。`,
  }),
  'unexpected-character': (p: { position: number; character: string }) => ({
    english: `Invalid query at character ${p.position}: unexpected character ${p.character}.`,
    japanese: `クエリ記法が間違っています（${p.position}文字目）。「${p.character}」は使用できません。`,
  }),
  'unexpected-token': (p: {
    position: number;
    expected: string;
    expectedJapanese: string;
    found: string;
    foundJapanese: string;
  }) => ({
    english: `Invalid query at character ${p.position}: expected ${p.expected} but found ${p.found}.`,
    japanese: `クエリ記法が間違っています（${p.position}文字目）。${p.expectedJapanese}が必要ですが、${p.foundJapanese}があります。`,
  }),
  'unknown-function': (p: { function: string }) => ({
    english: `Invalid query: unknown function ${p.function}().`,
    japanese: `クエリ記法が間違っています。関数${p.function}()は存在しません。`,
  }),
  'function-not-allowed': (p: { function: string; code: string }) => ({
    english: `Invalid query: the function ${p.function}() cannot be used with the field (${p.code}).`,
    japanese: `クエリ記法が間違っています。関数${p.function}()はフィールド（${p.code}）に使用できません。`,
  }),
  'invalid-value': (p: {
    value: string;
    code: string;
    expected: string;
    expectedJapanese: string;
  }) => ({
    english: `Invalid query: "${p.value}" is not a valid value for the field (${p.code}); expected ${p.expected}.`,
    japanese: `クエリ記法が間違っています。「${p.value}」はフィールド（${p.code}）の値として正しくありません（${p.expectedJapanese}）。`,
  }),
  'invalid-paging-number': (p: { clause: string; value: string }) => ({
    english: `Invalid query: ${p.clause} must be an integer of 0 or more, not ${p.value}.`,
    japanese: `クエリ記法が間違っています。${p.clause}には0以上の整数を指定してください（${p.value}）。`,
  }),
  'paging-in-cursor': (p: { clause: string }) => ({
    english: `Invalid query: ${p.clause} cannot be used in the query of a cursor; the cursor's size sets the page size.`,
    japanese: `クエリ記法が間違っています。カーソルのクエリには${p.clause}を指定できません。件数はカーソルのsizeで指定してください。`,
  }),
  'related-records-unsupported': (p: { name: string }) => ({
    english: `Invalid query: the emulator cannot evaluate conditions on related records fields (${p.name}).`,
    japanese: `クエリ記法が間違っています。エミュレーターは関連レコード一覧のフィールド（${p.name}）の条件を評価できません。`,
  }),
} satisfies Record<string, (parameters: never) => MessagePair>;

type ErrorMessages = typeof errorMessages;
type InvalidInputDetails = typeof invalidInputDetails;

/** Codes raised through `queryError` (everything except `CB_VA01`). */
export type QueryErrorCode = Exclude<keyof ErrorMessages, 'CB_VA01'>;
/** Reasons of `CB_VA01` errors. */
export type InvalidInputReason = keyof InvalidInputDetails;

/** A query error that also keeps the Japanese version of its `errors` member. */
export class LocalizedKintoneQueryError extends KintoneQueryError {
  constructor(
    code: string,
    englishMessage: string,
    japaneseMessage: string,
    errors?: Readonly<Record<string, { readonly messages: readonly string[] }>>,
    /** The `errors` member in Japanese. */
    readonly japaneseErrors?: Readonly<Record<string, { readonly messages: readonly string[] }>>,
  ) {
    super(code, queryErrorStatus, englishMessage, japaneseMessage, errors);
  }
}

/** A query error with a Kintone GAIA code. */
export function queryError<Code extends QueryErrorCode>(
  code: Code,
  parameters: Parameters<ErrorMessages[Code]>[0],
): LocalizedKintoneQueryError {
  const message = (errorMessages[code] as (parameters: unknown) => MessagePair)(parameters);
  return new LocalizedKintoneQueryError(code, message.english, message.japanese);
}

/** A `CB_VA01` error whose detail goes into `errors.query.messages`. */
export function invalidInput<Reason extends InvalidInputReason>(
  reason: Reason,
  parameters: Parameters<InvalidInputDetails[Reason]>[0],
): LocalizedKintoneQueryError {
  const top = errorMessages.CB_VA01();
  const detail = (invalidInputDetails[reason] as (parameters: unknown) => MessagePair)(parameters);
  return new LocalizedKintoneQueryError(
    'CB_VA01',
    top.english,
    top.japanese,
    { query: { messages: [detail.english] } },
    { query: { messages: [detail.japanese] } },
  );
}

/** The message and `errors` of a query error in the language the server picked. */
export function localizeQueryError(
  error: KintoneQueryError,
  language: 'en' | 'ja',
): {
  readonly code: string;
  readonly message: string;
  readonly errors?: Readonly<Record<string, { readonly messages: readonly string[] }>>;
} {
  if (language === 'en') {
    return error.errors === undefined
      ? { code: error.code, message: error.englishMessage }
      : { code: error.code, message: error.englishMessage, errors: error.errors };
  }
  const errors =
    error instanceof LocalizedKintoneQueryError && error.japaneseErrors !== undefined
      ? error.japaneseErrors
      : error.errors;
  return errors === undefined
    ? { code: error.code, message: error.japaneseMessage }
    : { code: error.code, message: error.japaneseMessage, errors };
}

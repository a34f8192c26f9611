/**
 * The query engine's entry point: `compileQuery(query, context)` parses a Kintone `query`
 * parameter (records.json GET, cursor POST), checks it against the app's fields and
 * compiles it once into closures, so that filtering runs without per-record parsing.
 *
 * Stages: `query-lexer` → `query-parser` (syntax, `CB_VA01`) → `condition-compiler`
 * (field types, values, functions; Kintone semantics) → `order-compiler` → paging checks
 * here. `select-records` applies a compiled query to a record collection with paging.
 *
 * Decisions on the open questions of the facts sheet (§13) and other unrecorded behaviour:
 * - Keywords (`and`, `or`, `not`, `in`, `like`, `is`, `empty`, `order by`, `asc`, `desc`,
 *   `limit`, `offset`) are case-insensitive. Function names (`TODAY`) and their symbol
 *   arguments (`DAYS`, `MONDAY`, `LAST`) must be upper case, as documented.
 * - `order by x` without a direction sorts descending; ties are broken by `$id desc`.
 * - `limit 0` is legal and selects no records (`totalCount` still counts every match).
 *   `limit` above 500 → `GAIA_QU01`; `offset` above 10,000 → `GAIA_QU02`; a negative or
 *   non-integer `limit`/`offset` → `CB_VA01`.
 * - In a cursor query (`usage: 'cursor'`) `limit` and `offset` are refused with `CB_VA01`
 *   and the detail "limit/offset cannot be used in the query of a cursor".
 * - Range functions (`TODAY()`, `THIS_WEEK()`, `THIS_MONTH()`, `THIS_YEAR()`, date literals
 *   on DATETIME fields ...): `=` matches inside the range, `!=` outside it, `<` and `>=`
 *   compare with the range's start, `>` and `<=` with its end. Day, week, month and year
 *   functions all use the user's time zone (`context.timeZone`) at `context.now`.
 * - `is empty` / `is not empty` are allowed on RICH_TEXT (markup and `&nbsp;` alone count
 *   as empty).
 * - Conditions on related-records fields (`table.field`) pass the type check but are refused
 *   with `CB_VA01` ("the emulator cannot evaluate conditions on related records fields"),
 *   because the engine cannot see other apps. `$revision` is not a query field (`GAIA_IQ11`);
 *   STATUS / STATUS_ASSIGNEE / CATEGORY are unknown (`GAIA_IQ11`) while the feature is
 *   disabled (`enabled: false`).
 * - Unknown functions, functions used with a field type they do not apply to, and literals
 *   that cannot be read for the field's type (`num > "abc"`, `date = "2024-13-01"`) are
 *   `CB_VA01` with a detail in `errors.query.messages`.
 * - Text equality (`=`, `in`) is exact and case-sensitive; `like` is a word search (see
 *   `word-search.ts` for exactly how the full-text index is approximated).
 * - `order by` on subtable fields, or on types with several or no comparable values
 *   (CHECK_BOX, MULTI_SELECT, user selects, FILE, MULTI_LINE_TEXT, RICH_TEXT ...), is
 *   `GAIA_IQ03`. Sort details: see `order-compiler.ts`.
 * - Errors are reported in this order: syntax (whole query), conditions from left to right,
 *   `order by` keys, then `limit` and `offset`.
 */
import type { KintoneRecord } from '../model/record.js';
import { compileCondition, type RecordPredicate } from './condition-compiler.js';
import { compileOrder, type SortKey } from './order-compiler.js';
import { invalidInput, queryError } from './query-error-messages.js';
import type { CompileQuery, CompiledQuery, QueryContext } from './query-engine-contract.js';
import { fieldCatalogFor } from './query-field-catalog.js';
import { parseQuery } from './query-parser.js';
import { localDayAt, millisecondsPerMinute } from './time-zone-calendar.js';

/** Kintone's largest `limit`. */
export const maximumLimit = 500;
/** Kintone's largest `offset`. */
export const maximumOffset = 10_000;
/** The number of records a query without `limit` returns. */
export const defaultLimit = 100;

/** The compiled query; `sortKeys` lets `selectRecords` sort on precomputed keys. */
export class KintoneCompiledQuery implements CompiledQuery {
  constructor(
    readonly matches: RecordPredicate,
    readonly compare: (a: KintoneRecord, b: KintoneRecord) => number,
    readonly sortKeys: readonly SortKey[],
    readonly limit: number | undefined,
    readonly offset: number,
  ) {}
}

/** Compiles a query for an app; throws `KintoneQueryError` for an invalid query. */
export function compileQuery(query: string, context: QueryContext): KintoneCompiledQuery {
  const syntax = parseQuery(query);
  const catalog = fieldCatalogFor(context.fields);
  const nowInstant = context.now.getTime();
  let today: number | undefined;
  const matches = compileCondition(syntax.condition, {
    catalog,
    loginUserCode: context.loginUser.code,
    primaryOrganization: context.primaryOrganization,
    timeZone: context.timeZone,
    nowMinute: Math.floor(nowInstant / millisecondsPerMinute),
    today: () => (today ??= localDayAt(nowInstant, context.timeZone)),
  });
  const order = compileOrder(syntax.orderBy, catalog);
  const { limit, offset } = syntax;
  if (context.usage === 'cursor') {
    if (limit !== undefined) throw invalidInput('paging-in-cursor', { clause: 'limit' });
    if (offset !== undefined) throw invalidInput('paging-in-cursor', { clause: 'offset' });
  }
  if (limit !== undefined && limit > maximumLimit) throw queryError('GAIA_QU01', {});
  if (offset !== undefined && offset > maximumOffset) throw queryError('GAIA_QU02', {});
  return new KintoneCompiledQuery(matches, order.compare, order.keys, limit, offset ?? 0);
}

compileQuery satisfies CompileQuery;

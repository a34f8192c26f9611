/**
 * The contract between the emulator's record API and its query engine: the API hands the
 * engine a query string and the context it is evaluated in; the engine returns a compiled
 * query that filters and orders records in read shape, or throws a KintoneQueryError that
 * the API turns into Kintone's error body (GAIA_IQ03, GAIA_IQ11, CB_VA01 ...).
 */
import type { FieldProperties } from '../model/field-property.js';
import type { KintoneRecord } from '../model/record.js';

export interface QueryContext {
  /** The app's live fields (fields.json `properties`). */
  readonly fields: FieldProperties;
  /** The calling user (LOGINUSER()); API tokens act as "Administrator". */
  readonly loginUser: { readonly code: string };
  /** Codes of the caller's primary organization (PRIMARY_ORGANIZATION()), if any. */
  readonly primaryOrganization: string | undefined;
  /** Current instant (NOW(), TODAY() ...), injectable for tests. */
  readonly now: Date;
  /** IANA time zone of the calling user, for TODAY() and the other day functions. */
  readonly timeZone: string;
  /** Where the query is used: cursors refuse limit and offset. */
  readonly usage: 'records' | 'cursor';
}

export interface CompiledQuery {
  /** True when the record satisfies the query's conditions. */
  matches(record: KintoneRecord): boolean;
  /** Orders two records as the query's `order by` (default `$id desc`) says. */
  compare(a: KintoneRecord, b: KintoneRecord): number;
  /** The query's `limit` (undefined when absent: the caller applies 100). */
  readonly limit: number | undefined;
  /** The query's `offset` (0 when absent). */
  readonly offset: number;
}

/** An invalid query, with the Kintone error it must produce. */
export class KintoneQueryError extends Error {
  constructor(
    /** Kintone's code: CB_VA01, GAIA_IQ03, GAIA_IQ07, GAIA_IQ10, GAIA_IQ11, GAIA_QU01 ... */
    readonly code: string,
    /** HTTP status (400 for all query errors). */
    readonly status: number,
    /** English message. */
    readonly englishMessage: string,
    /** Japanese message. */
    readonly japaneseMessage: string,
    /** For CB_VA01 syntax errors: the `errors` member ({ query: { messages: [...] } }). */
    readonly errors?: Readonly<Record<string, { readonly messages: readonly string[] }>>,
  ) {
    super(englishMessage);
    this.name = 'KintoneQueryError';
  }
}

/** Implemented by the query engine (query/compile-query.ts). */
export type CompileQuery = (query: string, context: QueryContext) => CompiledQuery;

/**
 * Runs a query over an app's records for records.json GET and cursors: compiles it with
 * the query engine (turning its errors into Kintone error bodies), then scans lazily in
 * `$id` order with early stop when the scan hint allows, or keeps only the best
 * offset + limit matches by the query's compare() otherwise.
 */
import { KintoneError, type LocalizedText } from '../errors/kintone-error.js';
import type { FieldProperties } from '../model/field-property.js';
import type { KintoneRecord } from '../model/record.js';
import { compileQuery } from '../query/compile-query.js';
import { KintoneQueryError, type CompiledQuery } from '../query/query-engine-contract.js';
import { scanHint } from '../query/scan-hint.js';
import type { RecordStore } from '../store/record-store.js';
import { actorOf, timeZoneOf, type CallContext } from './call-context.js';

export function toKintoneError(error: KintoneQueryError): KintoneError {
  let details: Map<string, LocalizedText[]> | undefined;
  if (error.errors !== undefined) {
    details = new Map();
    for (const [key, value] of Object.entries(error.errors)) {
      details.set(
        key,
        value.messages.map((message) => ({ en: message, ja: message })),
      );
    }
  }
  return new KintoneError(
    error.status,
    error.code,
    { en: error.englishMessage, ja: error.japaneseMessage },
    details,
  );
}

export function compileFor(
  context: CallContext,
  fields: FieldProperties,
  query: string,
  usage: 'records' | 'cursor',
): CompiledQuery {
  const principal = context.principal;
  const primaryOrganization =
    principal.kind === 'user' ? principal.user.primaryOrganization : undefined;
  try {
    return compileQuery(query, {
      fields,
      loginUser: { code: actorOf(context).code },
      primaryOrganization,
      now: context.domain.clock.now(),
      timeZone: timeZoneOf(context),
      usage,
    });
  } catch (error) {
    if (error instanceof KintoneQueryError) throw toKintoneError(error);
    throw error;
  }
}

export interface Selection {
  readonly records: KintoneRecord[];
  /** Number of matches: exact when `countAll` was asked, otherwise at least records.length. */
  readonly total: number;
}

/**
 * The records from position `offset` on, at most `limit` of them (all when undefined), in
 * the query's order; counts every match when `countAll`.
 */
export function selectRecords(
  store: RecordStore,
  compiled: CompiledQuery,
  query: string,
  offset: number,
  limit: number | undefined,
  countAll: boolean,
): Selection {
  const hint = scanHint(query);
  const ids = store.ids();
  const start = store.positionAtOrAfter(hint.minimumId);
  const end = store.positionAfter(hint.maximumId);
  const wanted = limit === undefined ? Number.POSITIVE_INFINITY : offset + limit;
  const page: KintoneRecord[] = [];
  let total = 0;
  if (hint.idOrder !== undefined) {
    const ascending = hint.idOrder === 'asc';
    for (let step = 0; step < end - start; step++) {
      const id = ids[ascending ? start + step : end - 1 - step];
      const record = id === undefined ? undefined : store.get(id);
      if (record === undefined || !compiled.matches(record)) continue;
      total++;
      if (total > offset && total <= wanted) page.push(record);
      else if (total > wanted && !countAll) break;
    }
    return { records: page, total };
  }
  // Unknown order: keep the best `wanted` matches, sorting in batches.
  let best: KintoneRecord[] = [];
  const batch = Number.isFinite(wanted) ? Math.max(wanted * 2, 1000) : Number.POSITIVE_INFINITY;
  for (let position = start; position < end; position++) {
    const id = ids[position];
    const record = id === undefined ? undefined : store.get(id);
    if (record === undefined || !compiled.matches(record)) continue;
    total++;
    best.push(record);
    if (best.length >= batch) {
      best.sort((a, b) => compiled.compare(a, b));
      best = best.slice(0, wanted);
    }
  }
  best.sort((a, b) => compiled.compare(a, b));
  return { records: best.slice(offset, wanted), total };
}

/** A record reduced to the requested field codes (all when undefined). */
export function projectRecord(
  record: KintoneRecord,
  fields: readonly string[] | undefined,
): KintoneRecord {
  if (fields === undefined || fields.length === 0) return record;
  const projected: Record<string, KintoneRecord[string]> = {};
  for (const code of fields) {
    const value = record[code];
    if (value !== undefined) projected[code] = value;
  }
  return projected;
}

/**
 * The cursor API (facts sheet §3.6, §8): creating a cursor fixes the set of matching
 * records (at most 10 live cursors per domain, else 429 GAIA_TM12), each read returns the
 * next page with the records' current values, the last page deletes the cursor, and a
 * cursor expires 10 minutes after its creation or last read.
 */
import { randomUUID } from 'node:crypto';
import { kintoneErrors } from '../errors/kintone-errors.js';
import { validationMessages } from '../errors/validation-messages.js';
import type { KintoneRecord } from '../model/record.js';
import { cursorLifetimeMilliseconds, maximumOpenCursors } from '../domain/cursor-registry.js';
import { requireLiveApp } from './access-control.js';
import type { CallContext } from './call-context.js';
import { compileFor, projectRecord, selectRecords } from './record-query.js';

export function createCursor(
  context: CallContext,
  input: { app: number; fields?: readonly string[]; query?: string; size?: number },
): { id: string; totalCount: string } {
  const size = input.size ?? 100;
  if (!Number.isInteger(size) || size < 1 || size > 500) {
    throw kintoneErrors.invalidParameter('size', validationMessages.valueBetween(1, 500));
  }
  const { app, settings } = requireLiveApp(context, input.app, 'view');
  const query = input.query ?? '';
  const compiled = compileFor(context, settings.fields, query, 'cursor');
  const { domain } = context;
  const now = domain.clock.nowMilliseconds();
  if (domain.cursors.openCount(now) >= maximumOpenCursors) throw kintoneErrors.tooManyCursors();
  const selection = selectRecords(
    domain.state.records(app.id),
    compiled,
    query,
    0,
    undefined,
    true,
  );
  const id = randomUUID();
  domain.cursors.add({
    id,
    app: app.id,
    fields: input.fields,
    ids: selection.records.map((record) => Number(record['$id']?.value)),
    size,
    totalCount: selection.total,
    position: 0,
    expiresAt: now + cursorLifetimeMilliseconds,
  });
  return { id, totalCount: String(selection.total) };
}

export function readCursor(
  context: CallContext,
  cursorId: string,
): { records: KintoneRecord[]; next: boolean } {
  const { domain } = context;
  const now = domain.clock.nowMilliseconds();
  const cursor = domain.cursors.get(cursorId, now);
  if (cursor === undefined) throw kintoneErrors.cursorNotFound();
  const { app } = requireLiveApp(context, cursor.app, 'view');
  const store = domain.state.records(app.id);
  const pageIds = cursor.ids.slice(cursor.position, cursor.position + cursor.size);
  cursor.position += pageIds.length;
  const records: KintoneRecord[] = [];
  for (const id of pageIds) {
    const record = store.get(id);
    if (record !== undefined) records.push(projectRecord(record, cursor.fields));
  }
  const next = cursor.position < cursor.ids.length;
  if (next) cursor.expiresAt = now + cursorLifetimeMilliseconds;
  else domain.cursors.delete(cursor.id);
  return { records, next };
}

export function deleteCursor(context: CallContext, cursorId: string): Record<string, never> {
  const { domain } = context;
  const cursor = domain.cursors.get(cursorId, domain.clock.nowMilliseconds());
  if (cursor === undefined) throw kintoneErrors.cursorNotFound();
  requireLiveApp(context, cursor.app, 'view');
  domain.cursors.delete(cursorId);
  return {};
}

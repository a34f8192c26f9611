/**
 * Paging through the audit and query logs, newest first: checking the time window, the
 * cursor and the page size of a search, asking the store for one row more than a page
 * (to know whether an older page exists), and turning the rows into a page of views
 * (ids as text, times as ISO text) with the cursor of the next page.
 */
import { toIsoTime } from './clock.js';
import type { FieldProblem } from './validation.js';

/** Parses a time given as ISO text or milliseconds. */
export function parseTime(
  value: string | number | undefined,
  field: string,
  problems: FieldProblem[],
): number | undefined {
  if (value === undefined) return undefined;
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time)) {
    problems.push({
      field,
      message: `${field} must be a date and time such as 2026-01-31T12:00:00Z.`,
    });
    return undefined;
  }
  return time;
}

export function parseLimit(
  value: number | undefined,
  problems: FieldProblem[],
  maximum = 500,
): number {
  if (value === undefined) return 50;
  if (!Number.isInteger(value) || value < 1 || value > maximum) {
    problems.push({
      field: 'limit',
      message: `limit must be a whole number from 1 to ${maximum}.`,
    });
    return 50;
  }
  return value;
}

export function parseCursor(
  value: string | undefined,
  problems: FieldProblem[],
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) {
    problems.push({ field: 'cursor', message: 'cursor is not one this server returned.' });
    return undefined;
  }
  return Number(value);
}

/** What a log search asks for beyond its own filters. */
export interface LogWindowSearch {
  readonly from?: string | number;
  readonly to?: string | number;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface LogWindow {
  readonly from: number | undefined;
  readonly to: number | undefined;
  /** Only entries with a smaller id (the cursor). */
  readonly before: number | undefined;
  readonly limit: number;
}

/** Checks from, to, cursor and limit, in that order, adding what is wrong to `problems`. */
export function parseLogWindow(search: LogWindowSearch, problems: FieldProblem[]): LogWindow {
  return {
    from: parseTime(search.from, 'from', problems),
    to: parseTime(search.to, 'to', problems),
    before: parseCursor(search.cursor, problems),
    limit: parseLimit(search.limit, problems),
  };
}

/** The store filter fields of a window: one row more than a page, and the bounds given. */
export function windowFilter({ from, to, before, limit }: LogWindow): {
  readonly limit: number;
  readonly from?: number;
  readonly to?: number;
  readonly before?: number;
} {
  return {
    limit: limit + 1,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(before === undefined ? {} : { before }),
  };
}

export type LogEntryView<Entry> = Omit<Entry, 'at' | 'id'> & {
  readonly id: string;
  readonly at: string;
};

/** An entry as the API shows it: its id and time as text. */
export function logEntryView<Entry extends { readonly id: number; readonly at: number }>(
  entry: Entry,
): LogEntryView<Entry> {
  return { ...entry, id: String(entry.id), at: toIsoTime(entry.at) };
}

/** The first `limit` rows as views, and the cursor of the next page (null at the end). */
export function logPage<Entry extends { readonly id: number; readonly at: number }>(
  rows: readonly Entry[],
  limit: number,
): { readonly entries: LogEntryView<Entry>[]; readonly nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map(logEntryView),
    nextCursor: rows.length > limit && last !== undefined ? String(last.id) : null,
  };
}

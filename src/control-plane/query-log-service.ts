/**
 * The query log: one entry per OData request. `record` only buffers (the request path
 * never waits for the store); the buffer is written in one batch when it holds
 * `maximumBatch` entries or `flushIntervalMs` after the first entry, and on `flush` /
 * `close`. If the store fails, the batch is dropped with a warning: losing log lines must
 * not slow requests down or grow memory without bound.
 *
 * Users read their own entries; administrators everyone's. Entries older than
 * `queryLogRetentionDays` are deleted by `prune` (the server calls it periodically).
 */
import type { QueryLogEntry, QueryLogEntryInput } from '../store/records.js';
import type { Store } from '../store/store.js';
import { roleAllows, type Actor } from './authorization.js';
import { day, type Clock } from './clock.js';
import { logEntryView, logPage, parseCursor, parseLogWindow, windowFilter } from './log-paging.js';
import type { SettingsService } from './settings-service.js';
import { notFound, throwIfProblems, type FieldProblem } from './validation.js';

export interface QueryLogBatching {
  readonly maximumBatch: number;
  readonly flushIntervalMs: number;
  /** Entries beyond this while a write is slow are dropped. */
  readonly maximumBuffered: number;
}

export const defaultQueryLogBatching: QueryLogBatching = {
  maximumBatch: 200,
  flushIntervalMs: 500,
  maximumBuffered: 10_000,
};

export interface QueryLogSearch {
  /** Administrators only, for another user's entries. */
  readonly userId?: string;
  readonly entitySet?: string;
  readonly status?: number;
  readonly failedOnly?: boolean;
  /** ISO time or ms, inclusive. */
  readonly from?: string | number;
  /** ISO time or ms, exclusive. */
  readonly to?: string | number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
  /** 1–500, default 50. */
  readonly limit?: number;
}

export interface QueryLogEntryView extends Omit<QueryLogEntry, 'at' | 'id'> {
  readonly id: string;
  readonly at: string;
}

export interface QueryLogPage {
  readonly entries: readonly QueryLogEntryView[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  readonly nextCursor: string | null;
}

export class QueryLogService {
  private buffer: QueryLogEntryInput[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dropped = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly settings: SettingsService,
    private readonly batching: QueryLogBatching = defaultQueryLogBatching,
  ) {}

  /** Buffers one entry; never throws, never waits. */
  record(entry: QueryLogEntryInput): void {
    if (this.buffer.length >= this.batching.maximumBuffered) {
      this.dropped += 1;
      return;
    }
    this.buffer.push(entry);
    if (this.buffer.length >= this.batching.maximumBatch) {
      void this.flush();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.batching.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Entries lost because the buffer was full (a gauge for /metrics). */
  get droppedEntries(): number {
    return this.dropped;
  }

  /** Writes every buffered entry; resolves when they are stored (or dropped on failure). */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.store.queryLog.append(batch);
      } catch (error) {
        this.dropped += batch.length;
        console.warn(
          `Dropped ${batch.length} query log entries: ${error instanceof Error ? error.message : 'store error'}`,
        );
      }
    });
    return this.writing;
  }

  async search(actor: Actor, search: QueryLogSearch = {}): Promise<QueryLogPage> {
    const problems: FieldProblem[] = [];
    const seeAll = roleAllows(actor.role, 'queryLog.readAll');
    const userId = seeAll ? search.userId : actor.userId;
    const window = parseLogWindow(search, problems);
    if (
      search.status !== undefined &&
      (!Number.isInteger(search.status) || search.status < 100 || search.status > 599)
    ) {
      problems.push({
        field: 'status',
        message: 'status must be an HTTP status such as 200 or 404.',
      });
    }
    throwIfProblems(problems);
    await this.flush();
    const rows = await this.store.queryLog.search({
      ...windowFilter(window),
      ...(userId === undefined ? {} : { userId }),
      ...(search.entitySet === undefined ? {} : { entitySet: search.entitySet }),
      ...(search.status === undefined ? {} : { status: search.status }),
      ...(search.failedOnly === true ? { failedOnly: true } : {}),
    });
    return logPage(rows, window.limit);
  }

  /** One entry: the actor's own, or anyone's for administrators (TSG501 otherwise). */
  async get(actor: Actor, entryId: string): Promise<QueryLogEntryView> {
    const problems: FieldProblem[] = [];
    const id = parseCursor(entryId, problems);
    if (id === undefined || problems.length > 0) throw notFound('Query log entry', entryId);
    await this.flush();
    const seeAll = roleAllows(actor.role, 'queryLog.readAll');
    const [entry] = await this.store.queryLog.search({
      before: id + 1,
      limit: 1,
      ...(seeAll ? {} : { userId: actor.userId }),
    });
    if (entry?.id !== id) throw notFound('Query log entry', entryId);
    return logEntryView(entry);
  }

  /** Deletes entries older than the retention setting; returns how many. */
  async prune(): Promise<number> {
    const { queryLogRetentionDays } = await this.settings.get();
    return this.store.queryLog.prune(this.clock.now() - queryLogRetentionDays * day);
  }

  async close(): Promise<void> {
    await this.flush();
  }
}

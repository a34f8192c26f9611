/** Reading the audit log: administrators only, newest first, filtered and paged. */
import type { AuditEntry } from '../store/records.js';
import type { Store } from '../store/store.js';
import { authorize, type Actor } from './authorization.js';
import { toIsoTime } from './clock.js';
import { parseCursor, parseLimit, parseTime } from './query-log-service.js';
import { throwIfProblems, type FieldProblem } from './validation.js';

export interface AuditLogSearch {
  readonly actorUserId?: string;
  readonly action?: string;
  readonly targetKind?: string;
  readonly targetId?: string;
  readonly from?: string | number;
  readonly to?: string | number;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface AuditEntryView extends Omit<AuditEntry, 'at' | 'id'> {
  readonly id: string;
  readonly at: string;
}

export interface AuditLogPage {
  readonly entries: readonly AuditEntryView[];
  readonly nextCursor: string | null;
}

export class AuditLogService {
  constructor(private readonly store: Store) {}

  async search(actor: Actor, search: AuditLogSearch = {}): Promise<AuditLogPage> {
    authorize(actor, 'auditLog.read');
    const problems: FieldProblem[] = [];
    const from = parseTime(search.from, 'from', problems);
    const to = parseTime(search.to, 'to', problems);
    const before = parseCursor(search.cursor, problems);
    const limit = parseLimit(search.limit, problems);
    throwIfProblems(problems);
    const rows = await this.store.auditLog.search({
      limit: limit + 1,
      ...(search.actorUserId === undefined ? {} : { actorUserId: search.actorUserId }),
      ...(search.action === undefined ? {} : { action: search.action }),
      ...(search.targetKind === undefined ? {} : { targetKind: search.targetKind }),
      ...(search.targetId === undefined ? {} : { targetId: search.targetId }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(before === undefined ? {} : { before }),
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      entries: page.map((entry) => ({ ...entry, id: String(entry.id), at: toIsoTime(entry.at) })),
      nextCursor: rows.length > limit && last !== undefined ? String(last.id) : null,
    };
  }
}

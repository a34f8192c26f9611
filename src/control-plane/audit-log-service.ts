/** Reading the audit log: administrators only, newest first, filtered and paged. */
import type { AuditEntry } from '../store/records.js';
import type { Store } from '../store/store.js';
import { authorize, type Actor } from './authorization.js';
import { logPage, parseLogWindow, windowFilter } from './log-paging.js';
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
    const window = parseLogWindow(search, problems);
    throwIfProblems(problems);
    const rows = await this.store.auditLog.search({
      ...windowFilter(window),
      ...(search.actorUserId === undefined ? {} : { actorUserId: search.actorUserId }),
      ...(search.action === undefined ? {} : { action: search.action }),
      ...(search.targetKind === undefined ? {} : { targetKind: search.targetKind }),
      ...(search.targetId === undefined ? {} : { targetId: search.targetId }),
    });
    return logPage(rows, window.limit);
  }
}

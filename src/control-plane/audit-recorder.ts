/**
 * Builds audit entries (who, what, when, from where, outcome) and appends them through
 * the repositories it is given, usually a transaction scope, so that a change and its
 * audit entry commit together. Callers pass only non-secret details.
 */
import type { AuditEntryInput, AuditOutcome } from '../store/records.js';
import type { AuditLogRepository } from '../store/store.js';
import type { Actor } from './authorization.js';
import type { Clock } from './clock.js';

export interface AuditTarget {
  readonly kind: string;
  readonly id: string;
  readonly label?: string;
}

export interface AuditEvent {
  readonly action: string;
  readonly target?: AuditTarget;
  readonly outcome?: AuditOutcome;
  readonly details?: Readonly<Record<string, unknown>>;
  /** Defaults to the actor's address. */
  readonly sourceAddress?: string | null;
}

export class AuditRecorder {
  constructor(private readonly clock: Clock) {}

  entry(actor: Actor | null, event: AuditEvent): AuditEntryInput {
    return {
      at: this.clock.now(),
      actorUserId: actor?.userId ?? null,
      actorEmail: actor?.email ?? null,
      action: event.action,
      targetKind: event.target?.kind ?? null,
      targetId: event.target?.id ?? null,
      targetLabel: event.target?.label ?? null,
      sourceAddress: event.sourceAddress ?? actor?.sourceAddress ?? null,
      outcome: event.outcome ?? 'success',
      details: event.details ?? {},
    };
  }

  async record(
    repositories: { readonly auditLog: AuditLogRepository },
    actor: Actor | null,
    event: AuditEvent,
  ): Promise<void> {
    await repositories.auditLog.append(this.entry(actor, event));
  }
}

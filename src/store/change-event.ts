/**
 * Change events: what the services announce after a write so that caches (permissions,
 * catalog, token look-ups) can be dropped.
 *
 * Cross-node invalidation: on one machine the event stays in process (ChangeHub). With
 * PostgreSQL every store also LISTENs on a channel named after its schema and publishes
 * each event with pg_notify inside the writing transaction, so other nodes receive it
 * exactly when the change becomes visible to them; an event carries the id of the node
 * that sent it so that a node does not handle its own event twice. Redis pub/sub can
 * replace it later behind the same `Store.onChange` / `publishChange` pair. Events are
 * hints, not a log: a node that missed some (reconnect) drops all its caches
 * (kind `all`).
 */

export type ChangeKind =
  | 'user'
  | 'session'
  | 'token'
  | 'connection'
  | 'permission'
  | 'publication'
  | 'settings'
  | 'secretKey'
  | 'all';

export interface ChangeEvent {
  readonly kind: ChangeKind;
  /** Id of the changed user, connection ... ('*' when many changed). */
  readonly id: string;
}

export type ChangeListener = (event: ChangeEvent) => void;

const changeKinds: ReadonlySet<string> = new Set<ChangeKind>([
  'user',
  'session',
  'token',
  'connection',
  'permission',
  'publication',
  'settings',
  'secretKey',
  'all',
]);

export function isChangeKind(value: unknown): value is ChangeKind {
  return typeof value === 'string' && changeKinds.has(value);
}

/** In-process fan-out of change events; a failing listener does not stop the others. */
export class ChangeHub {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: ChangeEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('A change listener failed', error);
      }
    }
  }
}

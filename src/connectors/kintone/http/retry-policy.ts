/**
 * When a failed Kintone call may be tried again, and how long to wait first. Reads are
 * retried on every transient failure; writes only when Kintone cannot have applied them
 * (rejected for concurrency before processing, a database lock, a connection that never
 * reached the server). Waits grow exponentially with full jitter and never run past the
 * request's deadline.
 */

/** Kintone codes of failures that happened before anything was changed and may pass later. */
const transientCodes = new Set(['GAIA_TO04', 'GAIA_DA02', 'GAIA_RE18', 'GAIA_LT01']);

export type FailureKind =
  /** Not processed by Kintone (busy, locked, never reached): safe to retry any call. */
  | 'notApplied'
  /** May have been processed (connection lost after sending, 5xx after processing): retry reads only. */
  | 'unknown'
  /** A definite answer (validation, permission, not found): never retried. */
  | 'final';

export function classifyResponse(status: number, kintoneCode: string | undefined): FailureKind {
  if (kintoneCode !== undefined && transientCodes.has(kintoneCode)) return 'notApplied';
  if (status === 429) return 'notApplied';
  // 503 without a Kintone code is the maintenance page (or an injected fault): nothing was processed.
  if (status === 503 && kintoneCode === undefined) return 'notApplied';
  // Any other 5xx may come after the change was made.
  if (status >= 500) return 'unknown';
  return 'final';
}

export interface RetrySchedule {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}

export const defaultRetrySchedule: RetrySchedule = {
  baseDelayMs: 100,
  maxDelayMs: 4000,
  maxAttempts: 8,
};

/** Full jitter: a random wait between 0 and the exponential bound of this attempt (1-based). */
export function retryDelay(
  attempt: number,
  schedule: RetrySchedule,
  random: () => number = Math.random,
): number {
  const bound = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(bound / 2 + (random() * bound) / 2);
}

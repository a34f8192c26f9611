/**
 * Brute-force throttling: counts failures per key (an e-mail address, a source address)
 * in a sliding window and locks the key out for a while once it reaches the limit. The
 * state is in memory, per node (Redis will share it between nodes later), bounded in
 * size: the oldest keys are forgotten first.
 */
import type { Clock } from './clock.js';

export interface AttemptLimits {
  /** Failures within `windowMs` that trigger a lockout. */
  readonly maximumFailures: number;
  readonly windowMs: number;
  readonly lockoutMs: number;
}

interface KeyState {
  failures: number[];
  lockedUntil: number;
}

export type AttemptCheck =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

export class AttemptLimiter {
  private readonly states = new Map<string, KeyState>();

  constructor(
    private readonly limits: AttemptLimits,
    private readonly clock: Clock,
    private readonly maximumKeys = 100_000,
  ) {}

  check(key: string): AttemptCheck {
    const state = this.states.get(key);
    const now = this.clock.now();
    if (state === undefined || state.lockedUntil <= now) return { allowed: true };
    return { allowed: false, retryAfterMs: state.lockedUntil - now };
  }

  recordFailure(key: string): void {
    const now = this.clock.now();
    let state = this.states.get(key);
    if (state === undefined) {
      if (this.states.size >= this.maximumKeys) this.forgetOldest();
      state = { failures: [], lockedUntil: 0 };
    } else {
      this.states.delete(key); // re-inserted below: Map order is recency order
    }
    this.states.set(key, state);
    state.failures = state.failures.filter((at) => at > now - this.limits.windowMs);
    state.failures.push(now);
    if (state.failures.length >= this.limits.maximumFailures) {
      state.lockedUntil = now + this.limits.lockoutMs;
      state.failures = [];
    }
  }

  recordSuccess(key: string): void {
    this.states.delete(key);
  }

  private forgetOldest(): void {
    const oldest = this.states.keys().next();
    if (oldest.done !== true) this.states.delete(oldest.value);
  }
}

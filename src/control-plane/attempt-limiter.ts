/**
 * Brute-force throttling: counts failures per key (an e-mail address, a source address)
 * in a window and locks the key out for a while once it reaches the limit. Limiters are
 * made by a factory: in memory per node by default (bounded in size: the oldest keys are
 * forgotten first), or shared by every node of a fleet through Redis
 * (redis-attempt-limiter.ts), so that guessing cannot be spread over the nodes.
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

export interface AttemptLimiter {
  check(key: string): Promise<AttemptCheck>;
  recordFailure(key: string): Promise<void>;
  recordSuccess(key: string): Promise<void>;
}

/** Makes the limiter of one kind of key (`name`: "signIn.email", "token.address" ...). */
export type AttemptLimiterFactory = (name: string, limits: AttemptLimits) => AttemptLimiter;

export function memoryAttemptLimiters(clock: Clock): AttemptLimiterFactory {
  return (_name, limits) => new MemoryAttemptLimiter(limits, clock);
}

export class MemoryAttemptLimiter implements AttemptLimiter {
  private readonly states = new Map<string, KeyState>();

  constructor(
    private readonly limits: AttemptLimits,
    private readonly clock: Clock,
    private readonly maximumKeys = 100_000,
  ) {}

  check(key: string): Promise<AttemptCheck> {
    const state = this.states.get(key);
    const now = this.clock.now();
    if (state === undefined || state.lockedUntil <= now) return Promise.resolve({ allowed: true });
    return Promise.resolve({ allowed: false, retryAfterMs: state.lockedUntil - now });
  }

  recordFailure(key: string): Promise<void> {
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
    return Promise.resolve();
  }

  recordSuccess(key: string): Promise<void> {
    this.states.delete(key);
    return Promise.resolve();
  }

  private forgetOldest(): void {
    const oldest = this.states.keys().next();
    if (oldest.done !== true) this.states.delete(oldest.value);
  }
}

/**
 * Time, injectable: every expiry, lockout and throttle in the control plane reads the
 * clock it was given, so that tests move time forward instead of waiting.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to (tests, simulations). */
export class ManualClock implements Clock {
  constructor(private current: number = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.current;
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  set(milliseconds: number): void {
    this.current = milliseconds;
  }
}

export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;

export function toIsoTime(milliseconds: number): string;
export function toIsoTime(milliseconds: number | null): string | null;
export function toIsoTime(milliseconds: number | null): string | null {
  return milliseconds === null ? null : new Date(milliseconds).toISOString();
}

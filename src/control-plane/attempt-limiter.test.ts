import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter.js';
import { ManualClock, minute } from './clock.js';

describe('attempt limiter', () => {
  it('locks a key out after the maximum failures in the window, then lets it try again', () => {
    const clock = new ManualClock();
    const limiter = new AttemptLimiter(
      { maximumFailures: 3, windowMs: 10 * minute, lockoutMs: 5 * minute },
      clock,
    );
    limiter.recordFailure('a');
    limiter.recordFailure('a');
    expect(limiter.check('a')).toEqual({ allowed: true });
    limiter.recordFailure('a');
    expect(limiter.check('a')).toEqual({ allowed: false, retryAfterMs: 5 * minute });
    expect(limiter.check('b')).toEqual({ allowed: true });
    clock.advance(5 * minute);
    expect(limiter.check('a')).toEqual({ allowed: true });
  });

  it('forgets failures older than the window and resets on success', () => {
    const clock = new ManualClock();
    const limiter = new AttemptLimiter(
      { maximumFailures: 2, windowMs: minute, lockoutMs: minute },
      clock,
    );
    limiter.recordFailure('a');
    clock.advance(minute + 1);
    limiter.recordFailure('a');
    expect(limiter.check('a').allowed).toBe(true);
    limiter.recordSuccess('a');
    limiter.recordFailure('a');
    expect(limiter.check('a').allowed).toBe(true);
  });

  it('keeps at most the configured number of keys', () => {
    const clock = new ManualClock();
    const limiter = new AttemptLimiter(
      { maximumFailures: 1, windowMs: minute, lockoutMs: minute },
      clock,
      2,
    );
    limiter.recordFailure('a');
    limiter.recordFailure('b');
    limiter.recordFailure('c');
    expect(limiter.check('a').allowed).toBe(true);
    expect(limiter.check('b').allowed).toBe(false);
    expect(limiter.check('c').allowed).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { MemoryAttemptLimiter } from './attempt-limiter.js';
import { ManualClock, minute } from './clock.js';

describe('attempt limiter', () => {
  it('locks a key out after the maximum failures in the window, then lets it try again', async () => {
    const clock = new ManualClock();
    const limiter = new MemoryAttemptLimiter(
      { maximumFailures: 3, windowMs: 10 * minute, lockoutMs: 5 * minute },
      clock,
    );
    await limiter.recordFailure('a');
    await limiter.recordFailure('a');
    expect(await limiter.check('a')).toEqual({ allowed: true });
    await limiter.recordFailure('a');
    expect(await limiter.check('a')).toEqual({ allowed: false, retryAfterMs: 5 * minute });
    expect(await limiter.check('b')).toEqual({ allowed: true });
    clock.advance(5 * minute);
    expect(await limiter.check('a')).toEqual({ allowed: true });
  });

  it('forgets failures older than the window and resets on success', async () => {
    const clock = new ManualClock();
    const limiter = new MemoryAttemptLimiter(
      { maximumFailures: 2, windowMs: minute, lockoutMs: minute },
      clock,
    );
    await limiter.recordFailure('a');
    clock.advance(minute + 1);
    await limiter.recordFailure('a');
    expect((await limiter.check('a')).allowed).toBe(true);
    await limiter.recordSuccess('a');
    await limiter.recordFailure('a');
    expect((await limiter.check('a')).allowed).toBe(true);
  });

  it('keeps at most the configured number of keys', async () => {
    const clock = new ManualClock();
    const limiter = new MemoryAttemptLimiter(
      { maximumFailures: 1, windowMs: minute, lockoutMs: minute },
      clock,
      2,
    );
    await limiter.recordFailure('a');
    await limiter.recordFailure('b');
    await limiter.recordFailure('c');
    expect((await limiter.check('a')).allowed).toBe(true);
    expect((await limiter.check('b')).allowed).toBe(false);
    expect((await limiter.check('c')).allowed).toBe(false);
  });
});

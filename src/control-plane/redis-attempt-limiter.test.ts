// Shared throttling through a real Redis: two limiters (two gateway nodes) see the same counts.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAttemptLimiters } from './redis-attempt-limiter.js';

const url = process.env['TSUNAGI_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/0';
const skip = process.env['TSUNAGI_SKIP_REDIS'] === '1' && process.env['TSUNAGI_CI'] === undefined;

describe.skipIf(skip)('Redis attempt limiter', () => {
  let first: Redis;
  let second: Redis;
  const namespace = `tsunagi-test-${randomUUID()}`;

  beforeAll(async () => {
    // Two connections stand for two gateway nodes. Fails (never skips) when Redis is down.
    first = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    second = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await Promise.all([first.connect(), second.connect()]);
  });

  afterAll(async () => {
    const keys = await first.keys(`${namespace}:*`);
    if (keys.length > 0) await first.del(...keys);
    first.disconnect();
    second.disconnect();
  });

  it('locks a key out across nodes once the failures reach the limit, then lets it go', async () => {
    const limits = { maximumFailures: 3, windowMs: 60_000, lockoutMs: 300 };
    const nodeA = redisAttemptLimiters(first, namespace)('signIn.email', limits);
    const nodeB = redisAttemptLimiters(second, namespace)('signIn.email', limits);
    await nodeA.recordFailure('email:user@example.com');
    await nodeB.recordFailure('email:user@example.com');
    expect(await nodeA.check('email:user@example.com')).toEqual({ allowed: true });
    await nodeA.recordFailure('email:user@example.com');
    const locked = await nodeB.check('email:user@example.com');
    expect(locked.allowed).toBe(false);
    expect(locked.allowed === false && locked.retryAfterMs).toBeGreaterThan(0);
    expect(await nodeB.check('email:other@example.com')).toEqual({ allowed: true });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await nodeA.check('email:user@example.com')).toEqual({ allowed: true });
  });

  it('forgets failures after a success and keeps kinds of keys apart, storing no plain key', async () => {
    const limits = { maximumFailures: 2, windowMs: 60_000, lockoutMs: 60_000 };
    const factory = redisAttemptLimiters(first, namespace);
    const addresses = factory('token.address', limits);
    const users = factory('token.user', limits);
    await addresses.recordFailure('address:10.0.0.1');
    await addresses.recordSuccess('address:10.0.0.1');
    await addresses.recordFailure('address:10.0.0.1');
    expect((await addresses.check('address:10.0.0.1')).allowed).toBe(true);
    await users.recordFailure('address:10.0.0.1');
    await users.recordFailure('address:10.0.0.1');
    expect((await users.check('address:10.0.0.1')).allowed).toBe(false);
    expect((await addresses.check('address:10.0.0.1')).allowed).toBe(true);
    const stored = await first.keys(`${namespace}:*`);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.join(' ')).not.toContain('10.0.0.1');
  });
});

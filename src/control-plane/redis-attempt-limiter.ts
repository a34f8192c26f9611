/**
 * Failure counts shared by every gateway node through Redis, so that sign-in and token
 * guessing is throttled per e-mail, user and address across the whole fleet, not per node.
 * Each key has a failure counter that expires with the window and, once the limit is
 * reached, a lockout key that expires with the lockout; both are updated atomically by one
 * Lua script. Keys are hashed, so no e-mail address or IP address is stored in Redis.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type {
  AttemptCheck,
  AttemptLimiter,
  AttemptLimiterFactory,
  AttemptLimits,
} from './attempt-limiter.js';

/** KEYS: failures, lockout. ARGV: window ms, maximum failures, lockout ms. */
const recordFailureScript = `
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if failures >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
end
return failures
`;

class RedisAttemptLimiter implements AttemptLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: AttemptLimits,
  ) {}

  private keys(key: string): { failures: string; lockout: string } {
    const hashed = createHash('sha256').update(key).digest('base64url').slice(0, 32);
    return { failures: `${this.prefix}:f:${hashed}`, lockout: `${this.prefix}:l:${hashed}` };
  }

  async check(key: string): Promise<AttemptCheck> {
    const remaining = await this.redis.pttl(this.keys(key).lockout);
    return remaining > 0 ? { allowed: false, retryAfterMs: remaining } : { allowed: true };
  }

  async recordFailure(key: string): Promise<void> {
    const { failures, lockout } = this.keys(key);
    await this.redis.eval(
      recordFailureScript,
      2,
      failures,
      lockout,
      String(this.limits.windowMs),
      String(this.limits.maximumFailures),
      String(this.limits.lockoutMs),
    );
  }

  async recordSuccess(key: string): Promise<void> {
    await this.redis.del(this.keys(key).failures);
  }
}

/** Limiters on one Redis connection; `namespace` separates installations sharing a Redis. */
export function redisAttemptLimiters(redis: Redis, namespace = 'tsunagi'): AttemptLimiterFactory {
  return (name, limits) => new RedisAttemptLimiter(redis, `${namespace}:attempts:${name}`, limits);
}

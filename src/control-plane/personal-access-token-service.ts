/**
 * Personal access tokens: created by a user for themselves (shown once), listed with
 * creation, last use and expiry, revoked by their owner or an administrator; and the
 * authentication of OData requests with them (Basic `email:token` or Bearer).
 *
 * - Expiry: a number of days or null (never), no longer than the administrators' policy
 *   (`tokenMaximumLifetimeDays`).
 * - Look-up is by SHA-256 digest (the store's unique index); the digest found is compared
 *   again in constant time. A token with a bad checksum is refused before any look-up.
 * - `lastUsedAt` is written at most every `lastUsedUpdateIntervalMs` (5 minutes).
 * - Failures return a precise reason (for the log; the HTTP layer answers all of them with
 *   the same 401, see `authenticationError`). Only guesses (reason `unknown`) count
 *   towards the per-address and per-user lockouts: an expired or revoked token presented
 *   again and again by a well-meaning client must not lock out its neighbours.
 */
import { randomUUID } from 'node:crypto';
import { TsunagiError } from '../errors/tsunagi-error.js';
import type { PersonalAccessTokenRecord, UserRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import {
  memoryAttemptLimiters,
  type AttemptLimiter,
  type AttemptLimiterFactory,
  type AttemptLimits,
} from './attempt-limiter.js';
import type { AuditRecorder } from './audit-recorder.js';
import { actorFor, authorize, type Actor } from './authorization.js';
import { day, minute, toIsoTime, type Clock } from './clock.js';
import {
  generatePersonalAccessToken,
  looksLikePersonalAccessToken,
  personalAccessTokenHint,
} from './personal-access-token-format.js';
import { constantTimeEqual, sha256Hex } from './secret-token.js';
import type { SettingsService } from './settings-service.js';
import { checkText, notFound, throwIfProblems, type FieldProblem } from './validation.js';

export interface PersonalAccessTokenView {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  /** `tsg_pat_` and the first 4 random characters. */
  readonly hint: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly lastUsedAddress: string | null;
  readonly revokedAt: string | null;
  readonly state: 'active' | 'expired' | 'revoked';
}

export interface PersonalAccessTokenCreated {
  /** The token itself: shown once, never stored. */
  readonly token: string;
  readonly details: PersonalAccessTokenView;
}

export type TokenFailureReason = 'unknown' | 'expired' | 'revoked' | 'userDisabled' | 'throttled';

export type TokenAuthentication =
  | {
      readonly ok: true;
      readonly user: UserRecord;
      readonly actor: Actor;
      readonly tokenId: string;
      readonly tokenName: string;
    }
  | {
      readonly ok: false;
      readonly reason: TokenFailureReason;
      /** For `throttled`: when to try again. */
      readonly retryAfterSeconds?: number;
    };

export interface TokenAuthenticationLimits {
  readonly perAddress: AttemptLimits;
  readonly perUser: AttemptLimits;
}

export const defaultTokenAuthenticationLimits: TokenAuthenticationLimits = {
  perAddress: { maximumFailures: 50, windowMs: 5 * minute, lockoutMs: 5 * minute },
  perUser: { maximumFailures: 10, windowMs: 5 * minute, lockoutMs: 5 * minute },
};

export const maximumTokensPerUser = 50;

/**
 * The error the HTTP layer answers a failed token authentication with: TSG303 (429, with
 * Retry-After) when throttled, otherwise TSG301 with one message whatever the reason.
 */
export function authenticationError(failure: {
  readonly reason: string;
  readonly retryAfterSeconds?: number;
}): TsunagiError {
  if (failure.reason === 'throttled') {
    const seconds = String(failure.retryAfterSeconds ?? 60);
    return new TsunagiError(
      'TSG303',
      `Too many failed attempts; try again in ${seconds} seconds.`,
      {
        headers: { 'Retry-After': seconds },
      },
    );
  }
  return new TsunagiError('TSG301', 'The user name or token is not valid.', {
    headers: { 'WWW-Authenticate': 'Basic realm="Tsunagi", charset="UTF-8"' },
  });
}

export interface PersonalAccessTokenServiceDependencies {
  readonly store: Store;
  readonly clock: Clock;
  readonly audit: AuditRecorder;
  readonly settings: SettingsService;
  readonly limits?: TokenAuthenticationLimits;
  /** How often `lastUsedAt` may be written per token (default 5 minutes). */
  readonly lastUsedUpdateIntervalMs?: number;
  /** Where failure counts live (default: in memory, per node). */
  readonly attemptLimiters?: AttemptLimiterFactory;
}

export class PersonalAccessTokenService {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly audit: AuditRecorder;
  private readonly settings: SettingsService;
  private readonly addressLimiter: AttemptLimiter;
  private readonly userLimiter: AttemptLimiter;
  private readonly lastUsedUpdateIntervalMs: number;

  constructor(dependencies: PersonalAccessTokenServiceDependencies) {
    this.store = dependencies.store;
    this.clock = dependencies.clock;
    this.audit = dependencies.audit;
    this.settings = dependencies.settings;
    const limits = dependencies.limits ?? defaultTokenAuthenticationLimits;
    const limiters = dependencies.attemptLimiters ?? memoryAttemptLimiters(this.clock);
    this.addressLimiter = limiters('token.address', limits.perAddress);
    this.userLimiter = limiters('token.user', limits.perUser);
    this.lastUsedUpdateIntervalMs = dependencies.lastUsedUpdateIntervalMs ?? 5 * minute;
  }

  private view(token: PersonalAccessTokenRecord): PersonalAccessTokenView {
    const now = this.clock.now();
    return {
      id: token.id,
      userId: token.userId,
      name: token.name,
      hint: token.hint,
      createdAt: toIsoTime(token.createdAt),
      expiresAt: toIsoTime(token.expiresAt),
      lastUsedAt: toIsoTime(token.lastUsedAt),
      lastUsedAddress: token.lastUsedAddress,
      revokedAt: toIsoTime(token.revokedAt),
      state:
        token.revokedAt !== null
          ? 'revoked'
          : token.expiresAt !== null && token.expiresAt <= now
            ? 'expired'
            : 'active',
    };
  }

  /** Creates a token for the actor. `expiresInDays` null = never (if the policy allows). */
  async create(
    actor: Actor,
    input: { readonly name: string; readonly expiresInDays: number | null },
  ): Promise<PersonalAccessTokenCreated> {
    const problems: FieldProblem[] = [];
    const name = checkText(input.name, 'name', 'The token name', problems, {
      required: true,
      maximumLength: 100,
    });
    const { tokenMaximumLifetimeDays: policy } = await this.settings.get();
    const days = input.expiresInDays;
    if (days === null) {
      if (policy !== null) {
        problems.push({
          field: 'expiresInDays',
          message: `Tokens must expire within ${policy} days (the administrators' policy).`,
        });
      }
    } else if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
      problems.push({
        field: 'expiresInDays',
        message: 'Enter a whole number of days (at least 1).',
      });
    } else if (policy !== null && days > policy) {
      problems.push({
        field: 'expiresInDays',
        message: `Tokens must expire within ${policy} days (the administrators' policy).`,
      });
    } else if (days > 3650) {
      problems.push({ field: 'expiresInDays', message: 'Choose at most 3650 days, or no expiry.' });
    }
    throwIfProblems(problems);
    const token = generatePersonalAccessToken();
    const now = this.clock.now();
    const record: PersonalAccessTokenRecord = {
      id: randomUUID(),
      userId: actor.userId,
      name,
      tokenDigest: sha256Hex(token),
      hint: personalAccessTokenHint(token),
      createdAt: now,
      expiresAt: days === null ? null : now + days * day,
      lastUsedAt: null,
      lastUsedAddress: null,
      revokedAt: null,
    };
    await this.store.transaction(async (scope) => {
      const user = await scope.users.findById(actor.userId);
      if (user?.status !== 'active') throw notFound('User', actor.userId);
      const existing = (await scope.tokens.listForUser(actor.userId)).filter(
        (other) => other.revokedAt === null && (other.expiresAt === null || other.expiresAt > now),
      );
      if (existing.some((other) => other.name.toLowerCase() === name.toLowerCase())) {
        throw new TsunagiError('TSG502', `You already have an active token named ${name}.`, {
          target: 'name',
        });
      }
      if (existing.length >= maximumTokensPerUser) {
        throw new TsunagiError(
          'TSG502',
          `You have ${maximumTokensPerUser} active tokens; revoke one first.`,
        );
      }
      await scope.tokens.insert(record);
      await this.audit.record(scope, actor, {
        action: 'token.created',
        target: { kind: 'token', id: record.id, label: name },
        details: { expiresAt: toIsoTime(record.expiresAt), hint: record.hint },
      });
    });
    return { token, details: this.view(record) };
  }

  /** The actor's tokens, or another user's (`token.manageOthers`). */
  async list(actor: Actor, userId: string = actor.userId): Promise<PersonalAccessTokenView[]> {
    if (userId !== actor.userId) authorize(actor, 'token.manageOthers');
    return (await this.store.tokens.listForUser(userId)).map((token) => this.view(token));
  }

  /** Revokes a token of the actor's (or any, for `token.manageOthers`). */
  async revoke(actor: Actor, tokenId: string): Promise<PersonalAccessTokenView> {
    const token = await this.store.tokens.findById(tokenId);
    if (token === undefined) throw notFound('Token', tokenId);
    if (token.userId !== actor.userId) authorize(actor, 'token.manageOthers');
    return this.store.transaction(async (scope) => {
      const now = this.clock.now();
      await scope.tokens.revoke(token.id, now);
      await this.audit.record(scope, actor, {
        action: 'token.revoked',
        target: { kind: 'token', id: token.id, label: token.name },
        details: { ownerUserId: token.userId },
      });
      scope.publishChange({ kind: 'token', id: token.id });
      return this.view({ ...token, revokedAt: token.revokedAt ?? now });
    });
  }

  /** Revokes one of the actor's own tokens; another user's token is not found (TSG501). */
  async revokeOwn(actor: Actor, tokenId: string): Promise<PersonalAccessTokenView> {
    const token = await this.store.tokens.findById(tokenId);
    if (token?.userId !== actor.userId) throw notFound('Token', tokenId);
    return this.revoke(actor, tokenId);
  }

  /** HTTP Basic: the user name is the e-mail address, the password the token. */
  authenticateToken(
    email: string,
    token: string,
    sourceAddress: string | null = null,
  ): Promise<TokenAuthentication> {
    return this.authenticate(
      typeof email === 'string' ? email.trim().toLowerCase() : '',
      token,
      sourceAddress,
    );
  }

  /** `Authorization: Bearer <token>`. */
  authenticateBearer(
    token: string,
    sourceAddress: string | null = null,
  ): Promise<TokenAuthentication> {
    return this.authenticate(undefined, token, sourceAddress);
  }

  private async authenticate(
    email: string | undefined,
    token: string,
    sourceAddress: string | null,
  ): Promise<TokenAuthentication> {
    const addressKey = `address:${sourceAddress ?? 'unknown'}`;
    const userKey = email === undefined ? undefined : `user:${email}`;
    for (const [limiter, key] of [
      [this.addressLimiter, addressKey],
      [this.userLimiter, userKey],
    ] as const) {
      if (key === undefined) continue;
      const check = await limiter.check(key);
      if (!check.allowed) {
        return {
          ok: false,
          reason: 'throttled',
          retryAfterSeconds: Math.ceil(check.retryAfterMs / 1000),
        };
      }
    }
    const guess = async (): Promise<TokenAuthentication> => {
      await this.addressLimiter.recordFailure(addressKey);
      if (userKey !== undefined) await this.userLimiter.recordFailure(userKey);
      return { ok: false, reason: 'unknown' };
    };
    if (typeof token !== 'string' || !looksLikePersonalAccessToken(token)) return guess();
    const digest = sha256Hex(token);
    const record = await this.store.tokens.findByDigest(digest);
    if (record === undefined || !constantTimeEqual(record.tokenDigest, digest)) return guess();
    const user = await this.store.users.findById(record.userId);
    if (user === undefined) return guess();
    if (email !== undefined && user.email.toLowerCase() !== email) return guess();
    if (record.revokedAt !== null) return { ok: false, reason: 'revoked' };
    const now = this.clock.now();
    if (record.expiresAt !== null && record.expiresAt <= now)
      return { ok: false, reason: 'expired' };
    if (user.status !== 'active') return { ok: false, reason: 'userDisabled' };
    await this.addressLimiter.recordSuccess(addressKey);
    if (userKey !== undefined) await this.userLimiter.recordSuccess(userKey);
    if (record.lastUsedAt === null || now - record.lastUsedAt >= this.lastUsedUpdateIntervalMs) {
      await this.store.tokens.recordUse(record.id, now, sourceAddress);
    }
    return {
      ok: true,
      user,
      actor: actorFor(user, sourceAddress),
      tokenId: record.id,
      tokenName: record.name,
    };
  }
}

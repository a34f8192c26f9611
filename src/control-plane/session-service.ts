/**
 * Console sessions. A session token (`tsg_ses_` + 256 random bits) goes into an HttpOnly
 * cookie; the store keeps only its SHA-256 digest. A session ends after
 * `sessionIdleTimeoutMinutes` without use or `sessionAbsoluteLifetimeHours` after sign-in,
 * whichever comes first; `lastSeenAt` is written at most once a minute.
 *
 * CSRF: a synchronizer token derived from the session token, HMAC-SHA256(session token,
 * "tsunagi-csrf-v1"). Nothing more is stored: the server recomputes it from the cookie,
 * the console receives it in the sign-in and session responses and sends it back in the
 * X-CSRF-Token header of every state-changing request; a page on another site can read
 * neither the cookie nor the token.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { TsunagiError } from '../errors/tsunagi-error.js';
import type { SessionRecord, UserRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { AuditRecorder } from './audit-recorder.js';
import { actorFor, authorize, type Actor } from './authorization.js';
import { hour, minute, toIsoTime, type Clock } from './clock.js';
import { constantTimeEqual, randomBase62, sha256Hex } from './secret-token.js';
import type { SettingsService } from './settings-service.js';
import { notFound } from './validation.js';

export const sessionTokenPrefix = 'tsg_ses_';
const touchIntervalMs = minute;

export interface SessionView {
  readonly id: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** When the session ends at the latest (absolute lifetime). */
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly sourceAddress: string | null;
  readonly userAgent: string | null;
}

export function toSessionView(session: SessionRecord): SessionView {
  return {
    id: session.id,
    createdAt: toIsoTime(session.createdAt),
    lastSeenAt: toIsoTime(session.lastSeenAt),
    expiresAt: toIsoTime(session.expiresAt),
    revokedAt: toIsoTime(session.revokedAt),
    sourceAddress: session.sourceAddress,
    userAgent: session.userAgent,
  };
}

export interface SessionCreated {
  /** For the cookie; shown once, only its digest is stored. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly session: SessionView;
}

export type SessionValidation =
  | {
      readonly ok: true;
      readonly actor: Actor;
      readonly user: UserRecord;
      readonly session: SessionView;
      readonly csrfToken: string;
    }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'revoked' | 'userDisabled' };

export type ValidSession = Extract<SessionValidation, { readonly ok: true }>;

/** The CSRF token that belongs to a session token. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('tsunagi-csrf-v1').digest('base64url');
}

export class SessionService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly audit: AuditRecorder,
    private readonly settings: SettingsService,
  ) {}

  /** Starts a session for a user who just signed in. */
  async create(
    user: { readonly id: string },
    context: { readonly sourceAddress: string | null; readonly userAgent: string | null },
  ): Promise<SessionCreated> {
    const stored = await this.store.users.findById(user.id);
    if (stored?.status !== 'active') {
      throw new TsunagiError('TSG304', 'Only an active user can start a session.');
    }
    const { sessionAbsoluteLifetimeHours } = await this.settings.get();
    const sessionToken = sessionTokenPrefix + randomBase62(43);
    const now = this.clock.now();
    const session: SessionRecord = {
      id: randomUUID(),
      userId: user.id,
      tokenDigest: sha256Hex(sessionToken),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + sessionAbsoluteLifetimeHours * hour,
      revokedAt: null,
      sourceAddress: context.sourceAddress,
      userAgent: context.userAgent === null ? null : context.userAgent.slice(0, 512),
    };
    await this.store.transaction(async (scope) => {
      await scope.sessions.insert(session);
      // Every way into the console (sign-in, first-run setup, an accepted invitation) counts
      // as a sign-in; a password sign-in has just recorded it.
      if (stored.lastSignInAt === null || now - stored.lastSignInAt > minute) {
        await scope.users.update({ ...stored, lastSignInAt: now });
      }
    });
    return { sessionToken, csrfToken: csrfTokenFor(sessionToken), session: toSessionView(session) };
  }

  /** Checks a session cookie: revocation, idle and absolute expiry, the user's status. */
  async validate(
    sessionToken: string,
    sourceAddress: string | null = null,
  ): Promise<SessionValidation> {
    if (
      typeof sessionToken !== 'string' ||
      !sessionToken.startsWith(sessionTokenPrefix) ||
      sessionToken.length > 100
    ) {
      return { ok: false, reason: 'unknown' };
    }
    const digest = sha256Hex(sessionToken);
    const session = await this.store.sessions.findByDigest(digest);
    if (session === undefined || !constantTimeEqual(session.tokenDigest, digest)) {
      return { ok: false, reason: 'unknown' };
    }
    if (session.revokedAt !== null) return { ok: false, reason: 'revoked' };
    const now = this.clock.now();
    const { sessionIdleTimeoutMinutes } = await this.settings.get();
    if (
      now >= session.expiresAt ||
      now - session.lastSeenAt >= sessionIdleTimeoutMinutes * minute
    ) {
      return { ok: false, reason: 'expired' };
    }
    const user = await this.store.users.findById(session.userId);
    if (user?.status !== 'active') return { ok: false, reason: 'userDisabled' };
    let current = session;
    if (now - session.lastSeenAt >= touchIntervalMs) {
      await this.store.sessions.touch(session.id, now);
      current = { ...session, lastSeenAt: now };
    }
    return {
      ok: true,
      actor: actorFor(user, sourceAddress),
      user,
      session: toSessionView(current),
      csrfToken: csrfTokenFor(sessionToken),
    };
  }

  /** Like `validate`, but throws TSG304 (401) when the session is not valid. */
  async require(sessionToken: string, sourceAddress: string | null = null): Promise<ValidSession> {
    const result = await this.validate(sessionToken, sourceAddress);
    if (!result.ok) {
      throw new TsunagiError('TSG304', 'Your session has ended; sign in again.');
    }
    return result;
  }

  /** Checks the X-CSRF-Token of a state-changing request; throws TSG305 when wrong. */
  verifyCsrf(sessionToken: string, presented: string | undefined): void {
    if (
      typeof presented !== 'string' ||
      !constantTimeEqual(presented, csrfTokenFor(sessionToken))
    ) {
      throw new TsunagiError('TSG305', 'The request did not carry the CSRF token of its session.', {
        target: 'X-CSRF-Token',
      });
    }
  }

  /** Signs out the session that carries this token. */
  async signOut(sessionToken: string): Promise<void> {
    const session = await this.store.sessions.findByDigest(sha256Hex(sessionToken));
    if (session === undefined) return;
    await this.store.sessions.revoke(session.id, this.clock.now());
    await this.store.publishChange({ kind: 'session', id: session.id });
  }

  /** The actor's sessions, or another user's (`session.manageOthers`). */
  async list(actor: Actor, userId: string = actor.userId): Promise<SessionView[]> {
    if (userId !== actor.userId) authorize(actor, 'session.manageOthers');
    const now = this.clock.now();
    return (await this.store.sessions.listForUser(userId))
      .filter((session) => session.revokedAt === null && session.expiresAt > now)
      .map(toSessionView);
  }

  async revoke(actor: Actor, sessionId: string): Promise<void> {
    const session = await this.store.sessions.findById(sessionId);
    if (session === undefined) throw notFound('Session', sessionId);
    if (session.userId !== actor.userId) authorize(actor, 'session.manageOthers');
    await this.store.transaction(async (scope) => {
      await scope.sessions.revoke(session.id, this.clock.now());
      await this.audit.record(scope, actor, {
        action: 'session.revoked',
        target: { kind: 'user', id: session.userId },
        details: { sessionId: session.id },
      });
      scope.publishChange({ kind: 'session', id: session.id });
    });
  }

  /** "Sign out everywhere": the actor's sessions, or another user's. */
  async revokeAll(actor: Actor, userId: string = actor.userId): Promise<number> {
    if (userId !== actor.userId) authorize(actor, 'session.manageOthers');
    return this.store.transaction(async (scope) => {
      const count = await scope.sessions.revokeAllForUser(userId, this.clock.now());
      await this.audit.record(scope, actor, {
        action: 'session.revokedAll',
        target: { kind: 'user', id: userId },
        details: { sessions: count },
      });
      scope.publishChange({ kind: 'session', id: userId });
      return count;
    });
  }

  /** Deletes sessions that ended more than a day ago (housekeeping). */
  async purgeEnded(): Promise<number> {
    return this.store.sessions.deleteExpired(this.clock.now() - 24 * hour);
  }
}

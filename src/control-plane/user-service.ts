/**
 * Users, roles, invitations and password sign-in.
 *
 * - `initialize` creates the first administrator and refuses once any user exists.
 * - `invite` creates an `invited` user and a one-time invitation token (`tsg_inv_` + 190
 *   random bits, stored as its SHA-256 digest, valid `invitationLifetimeDays`), which
 *   `acceptInvitation` consumes together with the user's password.
 * - Disable / enable / delete / change role; the last active administrator can be none
 *   of disabled, deleted or demoted (checked inside the transaction with the
 *   administrators' rows locked), and administrators cannot do these to themselves.
 *   Disabling signs the user out everywhere; deleting also deletes their tokens.
 * - `signIn` throttles per e-mail and per source address, answers every failure with the
 *   same reason, and hashes a dummy password for unknown users so that timing does not
 *   reveal which e-mail addresses exist.
 */
import { randomUUID } from 'node:crypto';
import { TsunagiError } from '../errors/tsunagi-error.js';
import { roles, type Role, type UserRecord } from '../store/records.js';
import type { Store, TransactionScope } from '../store/store.js';
import {
  memoryAttemptLimiters,
  type AttemptLimiter,
  type AttemptLimiterFactory,
  type AttemptLimits,
} from './attempt-limiter.js';
import type { AuditRecorder } from './audit-recorder.js';
import { actorFor, authorize, type Actor } from './authorization.js';
import { day, minute, toIsoTime, type Clock } from './clock.js';
import type { PasswordHasher } from './password-hasher.js';
import { assertPasswordAllowed, maximumPasswordLength } from './password-policy.js';
import { randomBase62, sha256Hex } from './secret-token.js';
import type { SettingsService } from './settings-service.js';
import {
  checkEmail,
  checkText,
  notFound,
  throwIfProblems,
  type FieldProblem,
} from './validation.js';

export interface UserView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly status: UserRecord['status'];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastSignInAt: string | null;
}

export function toUserView(user: UserRecord): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    status: user.status,
    createdAt: toIsoTime(user.createdAt),
    updatedAt: toIsoTime(user.updatedAt),
    lastSignInAt: toIsoTime(user.lastSignInAt),
  };
}

export interface SignInLimits {
  readonly perEmail: AttemptLimits;
  readonly perAddress: AttemptLimits;
}

export const defaultSignInLimits: SignInLimits = {
  perEmail: { maximumFailures: 5, windowMs: 15 * minute, lockoutMs: 15 * minute },
  perAddress: { maximumFailures: 20, windowMs: 15 * minute, lockoutMs: 15 * minute },
};

export type SignInResult =
  | { readonly ok: true; readonly user: UserView; readonly actor: Actor }
  | {
      readonly ok: false;
      /** The public reason: never says whether the e-mail address exists. */
      readonly reason: 'invalidCredentials' | 'throttled';
      readonly retryAfterSeconds?: number;
    };

export interface InvitationIssued {
  readonly user: UserView;
  /** Shown once (in the invitation link); only its digest is stored. */
  readonly invitationToken: string;
  readonly expiresAt: string;
}

export interface InvitationDescription {
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly expiresAt: string;
}

export const invitationTokenPrefix = 'tsg_inv_';

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export interface UserServiceDependencies {
  readonly store: Store;
  readonly clock: Clock;
  readonly audit: AuditRecorder;
  readonly hasher: PasswordHasher;
  readonly settings: SettingsService;
  readonly signInLimits?: SignInLimits;
  /** Where failure counts live (default: in memory, per node). */
  readonly attemptLimiters?: AttemptLimiterFactory;
}

export class UserService {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly audit: AuditRecorder;
  private readonly hasher: PasswordHasher;
  private readonly settings: SettingsService;
  private readonly emailLimiter: AttemptLimiter;
  private readonly addressLimiter: AttemptLimiter;

  constructor(dependencies: UserServiceDependencies) {
    this.store = dependencies.store;
    this.clock = dependencies.clock;
    this.audit = dependencies.audit;
    this.hasher = dependencies.hasher;
    this.settings = dependencies.settings;
    const limits = dependencies.signInLimits ?? defaultSignInLimits;
    const limiters = dependencies.attemptLimiters ?? memoryAttemptLimiters(this.clock);
    this.emailLimiter = limiters('signIn.email', limits.perEmail);
    this.addressLimiter = limiters('signIn.address', limits.perAddress);
  }

  /** True once a user exists (the first administrator was created). */
  async isInitialized(): Promise<boolean> {
    return (await this.store.users.count()) > 0;
  }

  /** Creates the first administrator; TSG506 when any user exists. */
  async initialize(input: {
    readonly email: string;
    readonly password: string;
    readonly displayName?: string;
    readonly sourceAddress?: string | null;
  }): Promise<UserView> {
    const problems: FieldProblem[] = [];
    const email = checkEmail(input.email, problems);
    const displayName = checkText(input.displayName, 'displayName', 'The display name', problems, {
      required: false,
      maximumLength: 200,
    });
    throwIfProblems(problems);
    assertPasswordAllowed(input.password, email);
    const passwordHash = await this.hasher.hash(input.password);
    const now = this.clock.now();
    const user: UserRecord = {
      id: randomUUID(),
      email,
      displayName: displayName === '' ? email : displayName,
      role: 'administrator',
      status: 'active',
      passwordHash,
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
    };
    await this.store.transaction(async (scope) => {
      if ((await scope.users.count()) > 0) {
        throw new TsunagiError(
          'TSG506',
          'Tsunagi is already initialised: an administrator exists.',
        );
      }
      await scope.users.insert(user);
      await this.audit.record(scope, actorFor(user, input.sourceAddress ?? null), {
        action: 'user.initialized',
        target: { kind: 'user', id: user.id, label: user.email },
        details: { role: user.role },
      });
      scope.publishChange({ kind: 'user', id: user.id });
    });
    return toUserView(user);
  }

  async list(actor: Actor): Promise<UserView[]> {
    authorize(actor, 'user.read');
    return (await this.store.users.list()).map(toUserView);
  }

  /** Any user may read their own record; others need `user.read`. */
  async get(actor: Actor, userId: string): Promise<UserView> {
    if (userId !== actor.userId) authorize(actor, 'user.read');
    const user = await this.store.users.findById(userId);
    if (user === undefined) throw notFound('User', userId);
    return toUserView(user);
  }

  /** Invites a user by e-mail with a role; returns the one-time invitation token. */
  async invite(
    actor: Actor,
    input: { readonly email: string; readonly role: Role; readonly displayName?: string },
  ): Promise<InvitationIssued> {
    authorize(actor, 'user.manage');
    const problems: FieldProblem[] = [];
    const email = checkEmail(input.email, problems);
    const displayName = checkText(input.displayName, 'displayName', 'The display name', problems, {
      required: false,
      maximumLength: 200,
    });
    if (!isRole(input.role)) {
      problems.push({ field: 'role', message: `Choose one of the roles: ${roles.join(', ')}.` });
    }
    throwIfProblems(problems);
    const { invitationLifetimeDays } = await this.settings.get();
    const now = this.clock.now();
    const user: UserRecord = {
      id: randomUUID(),
      email,
      displayName: displayName === '' ? email : displayName,
      role: input.role,
      status: 'invited',
      passwordHash: null,
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
    };
    const issued = await this.store.transaction(async (scope) => {
      if ((await scope.users.findByEmail(email)) !== undefined) {
        throw new TsunagiError(
          'TSG502',
          `A user with the e-mail address ${email} already exists.`,
          {
            target: 'email',
          },
        );
      }
      await scope.users.insert(user);
      const invitation = await this.issueInvitation(
        scope,
        actor,
        user,
        now,
        invitationLifetimeDays,
      );
      await this.audit.record(scope, actor, {
        action: 'user.invited',
        target: { kind: 'user', id: user.id, label: user.email },
        details: { role: user.role },
      });
      scope.publishChange({ kind: 'user', id: user.id });
      return invitation;
    });
    return { user: toUserView(user), ...issued };
  }

  /** Withdraws the open invitations of an invited user and issues a new one. */
  async resendInvitation(
    actor: Actor,
    userId: string,
  ): Promise<{ readonly invitationToken: string; readonly expiresAt: string }> {
    authorize(actor, 'user.manage');
    const { invitationLifetimeDays } = await this.settings.get();
    return this.store.transaction(async (scope) => {
      const user = await scope.users.findById(userId);
      if (user === undefined) throw notFound('User', userId);
      if (user.status !== 'invited') {
        throw new TsunagiError('TSG502', `${user.email} has already accepted the invitation.`);
      }
      const now = this.clock.now();
      await scope.invitations.consumeAllForUser(user.id, now);
      const issued = await this.issueInvitation(scope, actor, user, now, invitationLifetimeDays);
      await this.audit.record(scope, actor, {
        action: 'user.invitationResent',
        target: { kind: 'user', id: user.id, label: user.email },
      });
      return issued;
    });
  }

  private async issueInvitation(
    scope: TransactionScope,
    actor: Actor,
    user: UserRecord,
    now: number,
    invitationLifetimeDays: number,
  ): Promise<{ invitationToken: string; expiresAt: string }> {
    const invitationToken = invitationTokenPrefix + randomBase62(32);
    const expiresAt = now + invitationLifetimeDays * day;
    await scope.invitations.insert({
      id: randomUUID(),
      userId: user.id,
      tokenDigest: sha256Hex(invitationToken),
      invitedBy: actor.userId,
      createdAt: now,
      expiresAt,
      consumedAt: null,
    });
    return { invitationToken, expiresAt: toIsoTime(expiresAt) };
  }

  /**
   * What an open invitation is for (the console's "accept invitation" page); TSG501 when
   * the token is unknown, used, withdrawn or expired. Changes nothing.
   */
  async describeInvitation(invitationToken: string): Promise<InvitationDescription> {
    const invalid = (): TsunagiError =>
      new TsunagiError(
        'TSG501',
        'This invitation link is not valid: it is unknown, used or expired.',
      );
    if (typeof invitationToken !== 'string' || invitationToken.length > 200) throw invalid();
    const invitation = await this.store.invitations.findByDigest(sha256Hex(invitationToken));
    if (
      invitation === undefined ||
      invitation.consumedAt !== null ||
      invitation.expiresAt <= this.clock.now()
    ) {
      throw invalid();
    }
    const user = await this.store.users.findById(invitation.userId);
    if (user?.status !== 'invited') throw invalid();
    return {
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      expiresAt: toIsoTime(invitation.expiresAt),
    };
  }

  /** Consumes an invitation: sets the password and activates the user. */
  async acceptInvitation(
    invitationToken: string,
    password: string,
    displayName?: string,
    sourceAddress: string | null = null,
  ): Promise<UserView> {
    const invalid = (): TsunagiError =>
      new TsunagiError(
        'TSG306',
        'This invitation link is not valid: it is unknown, used or expired.',
      );
    if (typeof invitationToken !== 'string' || invitationToken.length > 200) throw invalid();
    const invitation = await this.store.invitations.findByDigest(sha256Hex(invitationToken));
    const now = this.clock.now();
    if (invitation === undefined || invitation.consumedAt !== null || invitation.expiresAt <= now) {
      throw invalid();
    }
    const user = await this.store.users.findById(invitation.userId);
    if (user?.status !== 'invited') throw invalid();
    const problems: FieldProblem[] = [];
    const name = checkText(displayName, 'displayName', 'The display name', problems, {
      required: false,
      maximumLength: 200,
    });
    throwIfProblems(problems);
    assertPasswordAllowed(password, user.email);
    const passwordHash = await this.hasher.hash(password);
    const accepted = await this.store.transaction(async (scope) => {
      if (!(await scope.invitations.consume(invitation.id, now))) throw invalid();
      const current = await scope.users.findById(user.id);
      if (current?.status !== 'invited') throw invalid();
      const updated: UserRecord = {
        ...current,
        status: 'active',
        passwordHash,
        displayName: name === '' ? current.displayName : name,
        updatedAt: now,
      };
      await scope.users.update(updated);
      await scope.invitations.consumeAllForUser(user.id, now);
      await this.audit.record(scope, actorFor(updated, sourceAddress), {
        action: 'user.invitationAccepted',
        target: { kind: 'user', id: user.id, label: user.email },
      });
      scope.publishChange({ kind: 'user', id: user.id });
      return updated;
    });
    return toUserView(accepted);
  }

  /** Password sign-in for the console. */
  async signIn(input: {
    readonly email: string;
    readonly password: string;
    readonly sourceAddress: string | null;
  }): Promise<SignInResult> {
    const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
    const password = typeof input.password === 'string' ? input.password : '';
    const emailKey = `email:${email}`;
    const addressKey = `address:${input.sourceAddress ?? 'unknown'}`;
    for (const [limiter, key] of [
      [this.emailLimiter, emailKey],
      [this.addressLimiter, addressKey],
    ] as const) {
      const check = await limiter.check(key);
      if (!check.allowed) {
        await this.audit.record(this.store, null, {
          action: 'signIn.throttled',
          target: { kind: 'user', id: email, label: email },
          outcome: 'failure',
          sourceAddress: input.sourceAddress,
        });
        return {
          ok: false,
          reason: 'throttled',
          retryAfterSeconds: Math.ceil(check.retryAfterMs / 1000),
        };
      }
    }
    const user =
      email === '' || email.length > 254 ? undefined : await this.store.users.findByEmail(email);
    const tooLong = password.length > maximumPasswordLength;
    const passwordMatches = await this.hasher.verifyOrDummy(
      tooLong ? null : (user?.passwordHash ?? null),
      tooLong ? '' : password,
    );
    if (user === undefined || !passwordMatches || user.status !== 'active') {
      await this.emailLimiter.recordFailure(emailKey);
      await this.addressLimiter.recordFailure(addressKey);
      const why =
        user === undefined
          ? 'unknownUser'
          : !passwordMatches
            ? 'wrongPassword'
            : user.status === 'disabled'
              ? 'userDisabled'
              : 'invitationNotAccepted';
      await this.audit.record(this.store, null, {
        action: 'signIn.failed',
        target: { kind: 'user', id: user?.id ?? email, label: user?.email ?? email },
        outcome: 'failure',
        sourceAddress: input.sourceAddress,
        details: { reason: why },
      });
      return { ok: false, reason: 'invalidCredentials' };
    }
    await this.emailLimiter.recordSuccess(emailKey);
    const now = this.clock.now();
    const signedIn: UserRecord = { ...user, lastSignInAt: now };
    await this.store.transaction(async (scope) => {
      await scope.users.update(signedIn);
      await this.audit.record(scope, actorFor(signedIn, input.sourceAddress), {
        action: 'signIn.succeeded',
        target: { kind: 'user', id: user.id, label: user.email },
      });
    });
    return { ok: true, user: toUserView(signedIn), actor: actorFor(signedIn, input.sourceAddress) };
  }

  /** Changes the actor's own password; signs them out everywhere. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.store.users.findById(actor.userId);
    if (user?.status !== 'active') throw notFound('User', actor.userId);
    const matches =
      typeof currentPassword === 'string' &&
      currentPassword.length <= maximumPasswordLength &&
      (await this.hasher.verifyOrDummy(user.passwordHash, currentPassword));
    if (!matches) {
      await this.audit.record(this.store, actor, {
        action: 'user.passwordChangeFailed',
        target: { kind: 'user', id: user.id, label: user.email },
        outcome: 'failure',
      });
      throw new TsunagiError('TSG308', 'The current password is wrong.', {
        target: 'currentPassword',
      });
    }
    assertPasswordAllowed(newPassword, user.email);
    const passwordHash = await this.hasher.hash(newPassword);
    await this.store.transaction(async (scope) => {
      const now = this.clock.now();
      await scope.users.update({ ...user, passwordHash, updatedAt: now });
      await scope.sessions.revokeAllForUser(user.id, now);
      await this.audit.record(scope, actor, {
        action: 'user.passwordChanged',
        target: { kind: 'user', id: user.id, label: user.email },
      });
      scope.publishChange({ kind: 'session', id: user.id });
    });
  }

  /** Changes the actor's own display name. */
  async updateProfile(actor: Actor, input: { readonly displayName: string }): Promise<UserView> {
    const problems: FieldProblem[] = [];
    const displayName = checkText(input.displayName, 'displayName', 'The display name', problems, {
      required: true,
      maximumLength: 200,
    });
    throwIfProblems(problems);
    return this.store.transaction(async (scope) => {
      const user = await scope.users.findById(actor.userId);
      if (user === undefined) throw notFound('User', actor.userId);
      const updated = { ...user, displayName, updatedAt: this.clock.now() };
      await scope.users.update(updated);
      await this.audit.record(scope, actor, {
        action: 'user.profileUpdated',
        target: { kind: 'user', id: user.id, label: user.email },
      });
      scope.publishChange({ kind: 'user', id: user.id });
      return toUserView(updated);
    });
  }

  async changeRole(actor: Actor, userId: string, role: Role): Promise<UserView> {
    authorize(actor, 'user.manage');
    if (!isRole(role)) {
      throwIfProblems([
        { field: 'role', message: `Choose one of the roles: ${roles.join(', ')}.` },
      ]);
    }
    this.refuseSelf(actor, userId, 'change the role of');
    return this.store.transaction(async (scope) => {
      const user = await scope.users.findById(userId);
      if (user === undefined) throw notFound('User', userId);
      if (user.role === role) return toUserView(user);
      if (user.role === 'administrator') await this.assertNotLastAdministrator(scope, user);
      const updated = { ...user, role, updatedAt: this.clock.now() };
      await scope.users.update(updated);
      await this.audit.record(scope, actor, {
        action: 'user.roleChanged',
        target: { kind: 'user', id: user.id, label: user.email },
        details: { from: user.role, to: role },
      });
      scope.publishChange({ kind: 'user', id: user.id });
      return toUserView(updated);
    });
  }

  /**
   * Changes another user's role and/or display name in one step (administrators). The
   * role guards of `changeRole` apply when the role really changes; an administrator may
   * rename their own account this way.
   */
  async update(
    actor: Actor,
    userId: string,
    input: { readonly role?: Role; readonly displayName?: string },
  ): Promise<UserView> {
    authorize(actor, 'user.manage');
    const problems: FieldProblem[] = [];
    const displayName =
      input.displayName === undefined
        ? undefined
        : checkText(input.displayName, 'displayName', 'The display name', problems, {
            required: true,
            maximumLength: 200,
          });
    if (input.role !== undefined && !isRole(input.role)) {
      problems.push({ field: 'role', message: `Choose one of the roles: ${roles.join(', ')}.` });
    }
    throwIfProblems(problems);
    return this.store.transaction(async (scope) => {
      const user = await scope.users.findById(userId);
      if (user === undefined) throw notFound('User', userId);
      const role = input.role ?? user.role;
      const roleChanges = role !== user.role;
      const nameChanges = displayName !== undefined && displayName !== user.displayName;
      if (roleChanges) {
        this.refuseSelf(actor, userId, 'change the role of');
        if (user.role === 'administrator') await this.assertNotLastAdministrator(scope, user);
      }
      if (!roleChanges && !nameChanges) return toUserView(user);
      const updated: UserRecord = {
        ...user,
        role,
        displayName: displayName ?? user.displayName,
        updatedAt: this.clock.now(),
      };
      await scope.users.update(updated);
      const target = { kind: 'user', id: user.id, label: user.email };
      if (roleChanges) {
        await this.audit.record(scope, actor, {
          action: 'user.roleChanged',
          target,
          details: { from: user.role, to: role },
        });
      }
      if (nameChanges) {
        await this.audit.record(scope, actor, { action: 'user.profileUpdated', target });
      }
      scope.publishChange({ kind: 'user', id: user.id });
      return toUserView(updated);
    });
  }

  /** Disables a user: no sign-in, no token works, sessions are revoked. */
  async disable(actor: Actor, userId: string): Promise<UserView> {
    authorize(actor, 'user.manage');
    this.refuseSelf(actor, userId, 'disable');
    return this.store.transaction(async (scope) => {
      const user = await scope.users.findById(userId);
      if (user === undefined) throw notFound('User', userId);
      if (user.status === 'disabled') return toUserView(user);
      if (user.role === 'administrator') await this.assertNotLastAdministrator(scope, user);
      const now = this.clock.now();
      const updated: UserRecord = { ...user, status: 'disabled', updatedAt: now };
      await scope.users.update(updated);
      await scope.sessions.revokeAllForUser(user.id, now);
      await scope.invitations.consumeAllForUser(user.id, now);
      await this.audit.record(scope, actor, {
        action: 'user.disabled',
        target: { kind: 'user', id: user.id, label: user.email },
      });
      scope.publishChange({ kind: 'user', id: user.id });
      return toUserView(updated);
    });
  }

  /** Re-enables a disabled user (back to `invited` if they never set a password). */
  async enable(actor: Actor, userId: string): Promise<UserView> {
    authorize(actor, 'user.manage');
    return this.store.transaction(async (scope) => {
      const user = await scope.users.findById(userId);
      if (user === undefined) throw notFound('User', userId);
      if (user.status !== 'disabled') return toUserView(user);
      const updated: UserRecord = {
        ...user,
        status: user.passwordHash === null ? 'invited' : 'active',
        updatedAt: this.clock.now(),
      };
      await scope.users.update(updated);
      await this.audit.record(scope, actor, {
        action: 'user.enabled',
        target: { kind: 'user', id: user.id, label: user.email },
      });
      scope.publishChange({ kind: 'user', id: user.id });
      return toUserView(updated);
    });
  }

  /** Deletes a user with their sessions, tokens, invitations and permissions. */
  async delete(actor: Actor, userId: string): Promise<void> {
    authorize(actor, 'user.manage');
    this.refuseSelf(actor, userId, 'delete');
    await this.store.transaction(async (scope) => {
      const user = await scope.users.findById(userId);
      if (user === undefined) throw notFound('User', userId);
      if (user.role === 'administrator') await this.assertNotLastAdministrator(scope, user);
      const now = this.clock.now();
      const tokens = await scope.tokens.revokeAllForUser(user.id, now);
      const sessions = await scope.sessions.revokeAllForUser(user.id, now);
      await scope.users.delete(user.id);
      await this.audit.record(scope, actor, {
        action: 'user.deleted',
        target: { kind: 'user', id: user.id, label: user.email },
        details: { role: user.role, tokensRevoked: tokens, sessionsRevoked: sessions },
      });
      scope.publishChange({ kind: 'user', id: user.id });
    });
  }

  private refuseSelf(actor: Actor, userId: string, verb: string): void {
    if (actor.userId === userId) {
      throw new TsunagiError(
        'TSG309',
        `You cannot ${verb} your own account; ask another administrator.`,
      );
    }
  }

  private async assertNotLastAdministrator(
    scope: TransactionScope,
    user: UserRecord,
  ): Promise<void> {
    const administrators = await scope.users.listActiveAdministratorIds({ lock: true });
    if (administrators.length === 1 && administrators[0] === user.id) {
      throw new TsunagiError(
        'TSG507',
        `${user.email} is the last active administrator; make another user an administrator first.`,
      );
    }
  }
}

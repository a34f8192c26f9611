/**
 * Who calls and how: the principal (a user by password, a set of API tokens, or the
 * emulator itself for seeds and admin endpoints), the guest space of the request path and
 * the message language. Every service function takes one.
 */
import type { DirectoryUser, ApiToken } from '../model/directory.js';
import type { UserEntity } from '../model/record.js';
import type { MessageLanguage } from '../errors/kintone-error.js';
import { tokenActor, type KintoneDomain } from '../domain/kintone-domain.js';

export type Principal =
  | { readonly kind: 'user'; readonly user: DirectoryUser }
  | { readonly kind: 'token'; readonly tokens: readonly ApiToken[] }
  | { readonly kind: 'system' };

export interface CallContext {
  readonly domain: KintoneDomain;
  readonly principal: Principal;
  /** The `{gid}` of a `/k/guest/{gid}/v1/` path; undefined for `/k/v1/`. */
  readonly guestSpaceId: string | undefined;
  readonly language: MessageLanguage;
}

/** The user a call's writes are attributed to. */
export function actorOf(context: CallContext): UserEntity {
  const principal = context.principal;
  if (principal.kind === 'user') return { code: principal.user.code, name: principal.user.name };
  return tokenActor;
}

export function timeZoneOf(context: CallContext): string {
  const principal = context.principal;
  if (principal.kind === 'user' && principal.user.timeZone !== undefined)
    return principal.user.timeZone;
  return context.domain.settings.timeZone;
}

/** A context for the emulator's own work (seeds, admin endpoints): all rights. */
export function systemContext(domain: KintoneDomain): CallContext {
  return {
    domain,
    principal: { kind: 'system' },
    guestSpaceId: undefined,
    language: domain.settings.language,
  };
}

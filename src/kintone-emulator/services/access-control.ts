/**
 * Who may do what (facts sheet §2, §3): the app must exist (GAIA_AP01), be called through
 * the right path for its space (GAIA_IL23 / CB_NO02), and the caller must hold the right —
 * an API token issued for the app with that permission (GAIA_IA02 / GAIA_NO01), or a user
 * whose first matching row of the app's access rights grants it (CB_NO02). Domain
 * administrators and the emulator itself may do everything.
 */
import { kintoneErrors } from '../errors/kintone-errors.js';
import type { AppPermissionEntry, AppSettings, AppState } from '../model/app-state.js';
import type { ApiTokenPermissions, DirectoryUser } from '../model/directory.js';
import type { EmulatorState } from '../store/emulator-state.js';
import type { CallContext } from './call-context.js';

export type AppRight = 'view' | 'add' | 'edit' | 'delete' | 'manage';

const tokenPermission: Record<AppRight, keyof ApiTokenPermissions> = {
  view: 'viewRecord',
  add: 'addRecord',
  edit: 'editRecord',
  delete: 'deleteRecord',
  manage: 'manageApp',
};

/** The app's guest space id, when it lives in a guest space. */
export function guestSpaceOf(state: EmulatorState, app: AppState): string | undefined {
  if (app.spaceId === null) return undefined;
  const space = state.spaces.get(app.spaceId);
  return space?.isGuest === true ? space.id : undefined;
}

export function checkSpacePath(context: CallContext, app: AppState): void {
  if (context.principal.kind === 'system') return;
  const guestSpace = guestSpaceOf(context.domain.state, app);
  if (context.guestSpaceId === undefined) {
    if (guestSpace !== undefined) throw kintoneErrors.guestSpacePathRequired();
  } else if (guestSpace !== context.guestSpaceId) {
    throw kintoneErrors.noPrivilege();
  }
}

function entryMatches(
  state: EmulatorState,
  entry: AppPermissionEntry,
  user: DirectoryUser,
  app: AppState,
): boolean {
  const code = entry.entity.code;
  switch (entry.entity.type) {
    case 'USER':
      return code === user.code;
    case 'GROUP':
      return (
        code === 'everyone' || (state.groups.get(code ?? '')?.members.includes(user.code) ?? false)
      );
    case 'ORGANIZATION':
      return state.organizations.get(code ?? '')?.members.includes(user.code) ?? false;
    case 'CREATOR':
      return app.creator.code === user.code;
  }
}

export function userHasRight(
  state: EmulatorState,
  user: DirectoryUser,
  app: AppState,
  settings: AppSettings,
  right: AppRight,
): boolean {
  if (user.administrator === true) return true;
  const entries = settings.permissions;
  if (entries === undefined) return right !== 'manage' || app.creator.code === user.code;
  const entry = entries.find((candidate) => entryMatches(state, candidate, user, app));
  if (entry === undefined) return false;
  switch (right) {
    case 'view':
      return entry.recordViewable;
    case 'add':
      return entry.recordAddable;
    case 'edit':
      return entry.recordEditable;
    case 'delete':
      return entry.recordDeletable;
    case 'manage':
      return entry.appEditable;
  }
}

/** Throws unless the caller holds `right` on `app`. */
export function requireRight(
  context: CallContext,
  app: AppState,
  settings: AppSettings,
  right: AppRight,
): void {
  const principal = context.principal;
  switch (principal.kind) {
    case 'system':
      return;
    case 'token': {
      const tokens = principal.tokens.filter((token) => token.app === app.id);
      if (tokens.length === 0) throw kintoneErrors.apiTokenMismatch();
      if (!tokens.some((token) => token.permissions[tokenPermission[right]])) {
        throw kintoneErrors.apiTokenNotPermitted();
      }
      return;
    }
    case 'user':
      if (!userHasRight(context.domain.state, principal.user, app, settings, right)) {
        throw kintoneErrors.noPrivilege();
      }
  }
}

/** Whether the caller may read records of `app` (for lookups). */
export function canRead(context: CallContext, app: AppState): boolean {
  if (app.live === undefined) return false;
  try {
    requireRight(context, app, app.live, 'view');
    return true;
  } catch {
    return false;
  }
}

/** The app, live, reachable through this path, with `right` held by the caller. */
export function requireLiveApp(
  context: CallContext,
  appId: number,
  right: AppRight,
): { app: AppState; settings: AppSettings } {
  const app = context.domain.state.apps.get(appId);
  if (app?.live === undefined) throw kintoneErrors.appNotFound(String(appId));
  checkSpacePath(context, app);
  requireRight(context, app, app.live, right);
  return { app, settings: app.live };
}

/** The app (live or not) for the app administration API. */
export function requireManagedApp(context: CallContext, appId: number): AppState {
  const app = context.domain.state.apps.get(appId);
  if (app === undefined) throw kintoneErrors.appNotFound(String(appId));
  checkSpacePath(context, app);
  requireRight(context, app, app.live ?? app.preview, 'manage');
  return app;
}

/**
 * The emulator's own administration of the directory and API tokens (there is no Kintone
 * REST API for them): users, groups, organisations, spaces, and API tokens issued for an
 * app with their permissions (at most 20 per app). Used by seeds and admin endpoints.
 */
import { randomBytes } from 'node:crypto';
import type { ApiToken, ApiTokenPermissions, DirectoryUser, Space } from '../model/directory.js';
import type { EmulatorState } from '../store/emulator-state.js';

export const maximumTokensPerApp = 20;

const tokenAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomToken(): string {
  let token = '';
  for (const byte of randomBytes(40)) token += tokenAlphabet[byte % tokenAlphabet.length] ?? 'A';
  return token;
}

export const allTokenPermissions: ApiTokenPermissions = {
  viewRecord: true,
  addRecord: true,
  editRecord: true,
  deleteRecord: true,
  manageApp: true,
};

export class DirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryError';
  }
}

export function createApiToken(
  state: EmulatorState,
  app: number,
  permissions: Partial<ApiTokenPermissions> = {},
  token: string = randomToken(),
): ApiToken {
  if (!state.apps.has(app)) throw new DirectoryError(`There is no app ${app}.`);
  if (!/^[A-Za-z0-9]{1,100}$/.test(token))
    throw new DirectoryError('An API token consists of letters and digits only.');
  if (state.tokens.has(token)) throw new DirectoryError('This API token already exists.');
  const count = [...state.tokens.values()].filter((existing) => existing.app === app).length;
  if (count >= maximumTokensPerApp)
    throw new DirectoryError(`App ${app} already has ${maximumTokensPerApp} API tokens.`);
  const created: ApiToken = { token, app, permissions: { ...allTokenPermissions, ...permissions } };
  state.transaction(() => state.putToken(created));
  return created;
}

export function putUser(state: EmulatorState, user: DirectoryUser): void {
  if (user.code === '' || user.name === '')
    throw new DirectoryError('A user needs a code and a name.');
  state.transaction(() => state.putUser(user));
}

export function putSpace(
  state: EmulatorState,
  space: { id: string | number; name: string; isGuest?: boolean },
): Space {
  const created: Space = {
    id: String(space.id),
    name: space.name,
    isGuest: space.isGuest === true,
    defaultThread: String(space.id),
  };
  state.transaction(() => state.putSpace(created));
  return created;
}

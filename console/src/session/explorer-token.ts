/**
 * The personal access token the data explorer reads the OData feed with. The OData
 * endpoint takes tokens, not the console's session, so the explorer either uses a token
 * the user pastes or creates a short-lived one (1 day, named "Console data explorer ...")
 * through the admin API. It is kept in this tab's sessionStorage only, and a token the
 * console created is revoked when the user signs out.
 */
import { admin } from '../api/admin-client';
import type { TokenCreated } from '../api/api-types';

const storageKey = 'tsunagi.explorerToken';

export interface ExplorerToken {
  readonly token: string;
  /** Set when the console created the token (and so revokes it on sign-out). */
  readonly tokenId?: string;
  readonly name: string;
}

export function readExplorerToken(): ExplorerToken | undefined {
  try {
    const text = window.sessionStorage.getItem(storageKey);
    if (text === null) return undefined;
    const value = JSON.parse(text) as Partial<ExplorerToken>;
    if (typeof value.token !== 'string' || typeof value.name !== 'string') return undefined;
    return {
      token: value.token,
      name: value.name,
      ...(typeof value.tokenId === 'string' ? { tokenId: value.tokenId } : {}),
    };
  } catch {
    return undefined;
  }
}

export function rememberExplorerToken(token: ExplorerToken): void {
  try {
    window.sessionStorage.setItem(storageKey, JSON.stringify(token));
  } catch {
    // Private mode without storage: the token lives until the page reloads.
  }
}

/** Forgets the token; with `revoke`, also revokes it when the console created it. */
export async function forgetExplorerToken(
  options: { readonly revoke?: boolean } = {},
): Promise<void> {
  const current = readExplorerToken();
  try {
    window.sessionStorage.removeItem(storageKey);
  } catch {
    // Nothing stored.
  }
  if (options.revoke === true && current?.tokenId !== undefined) {
    await admin.delete(`/me/tokens/${encodeURIComponent(current.tokenId)}`).catch(() => undefined);
  }
}

/** Creates a token that expires in one day for the explorer of this browser tab. */
export async function createExplorerToken(): Promise<ExplorerToken> {
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const name = `Console data explorer ${stamp} ${Math.random().toString(36).slice(2, 6)}`;
  const created = await admin.post<TokenCreated>('/me/tokens', { name, expiresInDays: 1 });
  const token: ExplorerToken = { token: created.token, tokenId: created.details.id, name };
  rememberExplorerToken(token);
  return token;
}

/**
 * The console's session cookie `tsunagi_session`: HttpOnly (scripts cannot read it),
 * SameSite=Lax (not sent on cross-site sub-requests or form posts), Path=/, and Secure
 * when the request came over HTTPS or the public URL is https. Reading takes the first
 * cookie of that name from the Cookie header.
 */
export const sessionCookieName = 'tsunagi_session';

export function readSessionCookie(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== sessionCookieName) continue;
    const value = part.slice(separator + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

export interface CookieOptions {
  readonly secure: boolean;
}

function attributes(options: CookieOptions): string {
  return `Path=/; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`;
}

/** The Set-Cookie value that starts a session ending at `expiresAt`. */
export function sessionCookie(token: string, expiresAt: Date, options: CookieOptions): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${sessionCookieName}=${token}; Max-Age=${maxAge}; ${attributes(options)}`;
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(options: CookieOptions): string {
  return `${sessionCookieName}=; Max-Age=0; ${attributes(options)}`;
}

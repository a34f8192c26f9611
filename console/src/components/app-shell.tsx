/**
 * The signed-in frame: a skip link, the side navigation (a drawer behind a menu button on
 * narrow screens), the signed-in user with "My profile" and "Sign out", and the page.
 * Navigation entries depend on the role (users, audit log and settings for
 * administrators).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { roleLabels, type Role } from '../api/api-types';
import { Link, useLocation } from '../router/router';
import { useSession } from '../session/session-context';
import { icons } from './icons';

interface NavigationEntry {
  readonly to: string;
  readonly label: string;
  readonly icon: ReactNode;
  readonly roles?: readonly Role[];
}

const entries: readonly NavigationEntry[] = [
  { to: '/', label: 'Get started', icon: icons.home },
  { to: '/connections', label: 'Connections', icon: icons.connection },
  { to: '/odata', label: 'OData', icon: icons.feed },
  { to: '/explorer', label: 'Data explorer', icon: icons.explorer },
  { to: '/query-log', label: 'Query log', icon: icons.log },
  { to: '/users', label: 'Users', icon: icons.users, roles: ['administrator'] },
  { to: '/audit-log', label: 'Audit log', icon: icons.shield, roles: ['administrator'] },
  { to: '/settings', label: 'Settings', icon: icons.settings, roles: ['administrator'] },
];

function isCurrent(to: string, pathname: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

export function AppShell({ children }: { readonly children: ReactNode }) {
  const { state, signOut } = useSession();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return undefined;
    const close = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [menuOpen]);
  if (state.status !== 'signedIn') return null;
  const user = state.user;
  const visible = entries.filter(
    (entry) => entry.roles === undefined || entry.roles.includes(user.role),
  );
  return (
    <div className={`shell${menuOpen ? ' shell-menu-open' : ''}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="navigation"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {icons.menu}
          <span className="visually-hidden">Menu</span>
        </button>
        <Link to="/" className="brand brand-topbar">
          <span className="brand-mark" aria-hidden="true" />
          Tsunagi
        </Link>
      </header>
      <aside className="sidebar" id="navigation">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Tsunagi
        </Link>
        <nav aria-label="Main">
          <ul className="nav-list">
            {visible.map((entry) => {
              const current = isCurrent(entry.to, pathname);
              return (
                <li key={entry.to}>
                  <Link
                    to={entry.to}
                    className={`nav-link${current ? ' nav-link-current' : ''}`}
                    aria-current={current ? 'page' : undefined}
                  >
                    {entry.icon}
                    <span>{entry.label}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="sidebar-user">
          <Link
            to="/profile"
            className={`user-card${isCurrent('/profile', pathname) ? ' nav-link-current' : ''}`}
            aria-current={isCurrent('/profile', pathname) ? 'page' : undefined}
          >
            <span className="avatar" aria-hidden="true">
              {(user.displayName || user.email).slice(0, 1).toUpperCase()}
            </span>
            <span className="user-card-text">
              <span className="user-card-name">{user.displayName || user.email}</span>
              <span className="user-card-role">{roleLabels[user.role]} · My profile</span>
            </span>
          </Link>
          <button
            type="button"
            className="nav-link sign-out"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              signOut().catch(() => setSigningOut(false));
            }}
          >
            {icons.signOut}
            <span>{signingOut ? 'Signing out…' : 'Sign out'}</span>
          </button>
        </div>
      </aside>
      <div className="scrim" aria-hidden="true" onClick={() => setMenuOpen(false)} />
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

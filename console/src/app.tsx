/**
 * The console: public pages (sign in, first-run setup, invitation) and, once signed in,
 * the pages inside the app shell, chosen from the location. Pages an administrator
 * alone may use are not offered to other roles.
 */
import { useEffect, type ReactNode } from 'react';
import { canManageConnections, type Role } from './api/api-types';
import { AppShell } from './components/app-shell';
import { AuthLayout } from './components/auth-layout';
import { Alert } from './components/alert';
import { Button } from './components/button';
import { Loading } from './components/states';
import { ToastProvider } from './components/toast';
import { AuditLogPage } from './pages/audit-log-page';
import { ConnectionPage } from './pages/connection-page';
import { ConnectionsPage } from './pages/connections-page';
import { ExplorerPage } from './pages/explorer-page';
import { HomePage } from './pages/home-page';
import { InvitationPage } from './pages/invitation-page';
import { NewConnectionPage } from './pages/new-connection-page';
import { NotFoundPage } from './pages/not-found-page';
import { ODataPage } from './pages/odata-page';
import { ProfilePage } from './pages/profile-page';
import { PublishPage } from './pages/publish-page';
import { QueryLogPage } from './pages/query-log-page';
import { SettingsPage } from './pages/settings-page';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
import { UsersPage } from './pages/users-page';
import { NotAllowedPage } from './pages/not-allowed-page';
import { matchPath, navigate, RouterProvider, useLocation } from './router/router';
import { SessionProvider, useSession } from './session/session-context';

export function App() {
  return (
    <RouterProvider>
      <SessionProvider>
        <ToastProvider>
          <Screens />
        </ToastProvider>
      </SessionProvider>
    </RouterProvider>
  );
}

function Redirect({ to }: { readonly to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Screens() {
  const { state, refresh } = useSession();
  const { pathname, search } = useLocation();
  const invitation = matchPath('/invite/:token', pathname);
  if (invitation !== undefined) return <InvitationPage token={invitation['token'] ?? ''} />;
  switch (state.status) {
    case 'loading':
      return (
        <div className="boot">
          <Loading label="Opening Tsunagi…" />
        </div>
      );
    case 'unreachable':
      return (
        <AuthLayout title="Tsunagi cannot be reached">
          <div className="stack">
            <Alert kind="error">{state.message}</Alert>
            <Button variant="primary" onClick={() => void refresh()}>
              Try again
            </Button>
          </div>
        </AuthLayout>
      );
    case 'setup':
      return pathname === '/setup' ? <SetupPage /> : <Redirect to="/setup" />;
    case 'signedOut': {
      if (pathname !== '/sign-in') {
        const back =
          pathname === '/' || pathname === '/setup'
            ? ''
            : `?next=${encodeURIComponent(`${pathname}${search}`)}`;
        return <Redirect to={`/sign-in${back}`} />;
      }
      return <SignInPage notice={state.notice} />;
    }
    case 'signedIn': {
      if (pathname === '/sign-in' || pathname === '/setup') {
        const next = new URLSearchParams(search).get('next');
        return (
          <Redirect
            to={next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/'}
          />
        );
      }
      return (
        <AppShell>
          <SignedInPage pathname={pathname} role={state.user.role} />
        </AppShell>
      );
    }
  }
}

function SignedInPage({
  pathname,
  role,
}: {
  readonly pathname: string;
  readonly role: Role;
}): ReactNode {
  const administrator = role === 'administrator';
  const manage = canManageConnections(role);
  const routes: readonly [string, (parameters: Readonly<Record<string, string>>) => ReactNode][] = [
    ['/', () => <HomePage />],
    ['/users', () => (administrator ? <UsersPage /> : <NotAllowedPage />)],
    ['/profile', () => <ProfilePage />],
    ['/connections', () => <ConnectionsPage />],
    ['/connections/new', () => (manage ? <NewConnectionPage /> : <NotAllowedPage />)],
    [
      '/connections/:id',
      (parameters) => (
        <ConnectionPage key={parameters['id']} id={parameters['id'] ?? ''} tab="settings" />
      ),
    ],
    [
      '/connections/:id/permissions',
      (parameters) => (
        <ConnectionPage key={parameters['id']} id={parameters['id'] ?? ''} tab="permissions" />
      ),
    ],
    ['/odata', () => <ODataPage />],
    ['/odata/add', () => (manage ? <PublishPage /> : <NotAllowedPage />)],
    ['/explorer', () => <ExplorerPage />],
    ['/query-log', () => <QueryLogPage />],
    ['/query-log/:id', (parameters) => <QueryLogPage entryId={parameters['id']} />],
    ['/audit-log', () => (administrator ? <AuditLogPage /> : <NotAllowedPage />)],
    ['/settings', () => (administrator ? <SettingsPage /> : <NotAllowedPage />)],
  ];
  for (const [pattern, render] of routes) {
    const parameters = matchPath(pattern, pathname);
    if (parameters !== undefined)
      return (
        <div key={pattern === '/query-log/:id' ? '/query-log' : pattern}>{render(parameters)}</div>
      );
  }
  return <NotFoundPage />;
}

/**
 * Who is signed in. On start the console asks whether the gateway is set up (first-run
 * setup otherwise) and for the current session; signing in, completing setup or an
 * invitation, and signing out change it. A session that ends while the console is open
 * (timeout, signed out elsewhere) sends the user back to the sign-in page with a word
 * about why.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { admin, onSessionEnded, setCsrfToken } from '../api/admin-client';
import { ApiError } from '../api/api-error';
import type { SessionInfo, User } from '../api/api-types';
import { navigate } from '../router/router';
import { forgetExplorerToken } from './explorer-token';

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'unreachable'; readonly message: string }
  | { readonly status: 'setup' }
  | { readonly status: 'signedOut'; readonly notice?: string }
  | { readonly status: 'signedIn'; readonly user: User };

export interface SessionValue {
  readonly state: SessionState;
  /** Reads the session from the gateway (after sign-in, setup, invitation). */
  readonly refresh: () => Promise<void>;
  readonly signIn: (email: string, password: string) => Promise<void>;
  readonly signOut: (options?: { readonly everywhere?: boolean }) => Promise<void>;
  readonly updateUser: (user: User) => void;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

async function readSession(): Promise<SessionState> {
  try {
    const setup = await admin.get<{ initialized: boolean }>('/setup', { anonymous: true });
    if (!setup.initialized) return { status: 'setup' };
  } catch (error) {
    if (error instanceof ApiError && error.status === 0) {
      return { status: 'unreachable', message: error.message };
    }
    // Older gateways without /setup: go on with the session.
  }
  try {
    const session = await admin.get<SessionInfo>('/session', { anonymous: true });
    setCsrfToken(session.csrfToken);
    return { status: 'signedIn', user: session.user };
  } catch (error) {
    setCsrfToken(null);
    if (error instanceof ApiError && error.status === 401) return { status: 'signedOut' };
    if (error instanceof ApiError && error.status === 0) {
      return { status: 'unreachable', message: error.message };
    }
    return { status: 'signedOut' };
  }
}

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    setState(await readSession());
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onSessionEnded(() => {
        setCsrfToken(null);
        void forgetExplorerToken();
        setState({
          status: 'signedOut',
          notice: 'Your session has ended. Sign in again to continue.',
        });
      }),
    [],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const session = await admin.post<SessionInfo>(
      '/session',
      { email, password },
      { anonymous: true },
    );
    setCsrfToken(session.csrfToken);
    setState({ status: 'signedIn', user: session.user });
  }, []);

  const signOut = useCallback(async (options: { readonly everywhere?: boolean } = {}) => {
    await forgetExplorerToken({ revoke: true });
    try {
      await admin.delete(options.everywhere === true ? '/sessions' : '/session');
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setCsrfToken(null);
    // Signing in again after signing out starts at the beginning, not where one left.
    navigate('/sign-in', { replace: true });
    setState({
      status: 'signedOut',
      notice:
        options.everywhere === true ? 'You are signed out on every device.' : 'You are signed out.',
    });
  }, []);

  const updateUser = useCallback((user: User) => {
    setState((current) => (current.status === 'signedIn' ? { status: 'signedIn', user } : current));
  }, []);

  const value = useMemo(
    () => ({ state, refresh, signIn, signOut, updateUser }),
    [state, refresh, signIn, signOut, updateUser],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (only inside the signed-in part of the console). */
export function useCurrentUser(): User {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useCurrentUser while signed out');
  return state.user;
}

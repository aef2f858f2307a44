// Who is signed in, and to which store. Main owns the session (per window, or per
// harness client id); this context only mirrors it, so a reload asks main again.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { api } from '../../bridge';
import type { ApiError, Res } from '../../bridge';

type SessionValue = Res<'session.get'>;
export type SessionUser = NonNullable<SessionValue['user']>;
export type SessionStore = NonNullable<SessionValue['store']>;

interface SessionState {
  loading: boolean;
  /** the store could not be asked at all (bridge down) */
  failure: ApiError | null;
  user: SessionUser | null;
  store: SessionStore | null;
  /** false until a store (demo or real) has been chosen on first start */
  storeChosen: boolean;
  /** set when main dropped the session under us, to say why the sign-in page is back */
  ended: boolean;
}

interface SessionApi extends SessionState {
  refresh(): Promise<void>;
  signIn(username: string, password: string): Promise<ApiError | null>;
  signOut(): Promise<void>;
  /** Pages pass failed results here: an expired session sends the user back to sign-in. */
  noteError(error: ApiError): void;
}

const SessionContext = createContext<SessionApi | null>(null);

/** What main says of the store and the session, as the part of the state it decides. */
async function readSession(): Promise<Partial<SessionState>> {
  const [setup, session] = await Promise.all([api['setup.get']({}), api['session.get']({})]);
  if (!setup.ok) return { loading: false, failure: setup.error };
  if (!session.ok) return { loading: false, failure: session.error };
  return {
    loading: false,
    failure: null,
    user: session.value.user,
    store: session.value.store,
    storeChosen: setup.value.chosen !== null,
  };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({
    loading: true,
    failure: null,
    user: null,
    store: null,
    storeChosen: false,
    ended: false,
  });

  const refresh = useCallback(async () => {
    const next = await readSession();
    setState((s) => ({ ...s, ...next }));
  }, []);

  useEffect(() => {
    void readSession().then((next) => setState((s) => ({ ...s, ...next })));
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const result = await api['auth.signIn']({ username, password });
    if (!result.ok) return result.error;
    setState((s) => ({ ...s, user: result.value.user, ended: false }));
    return null;
  }, []);

  const signOut = useCallback(async () => {
    await api['auth.signOut']({});
    // Whatever main answered, this page no longer acts for the user.
    setState((s) => ({ ...s, user: null, ended: false }));
  }, []);

  const noteError = useCallback((error: ApiError) => {
    if (error.code === 'unauthenticated') setState((s) => ({ ...s, user: null, ended: true }));
  }, []);

  const value = useMemo<SessionApi>(
    () => ({ ...state, refresh, signIn, signOut, noteError }),
    [state, refresh, signIn, signOut, noteError],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

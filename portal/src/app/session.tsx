// Who is signed in: asked of the server once at start (the cookie is HttpOnly, so the page
// cannot read it), then set by sign-in, set-password and sign-out.
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { SessionInfo } from '../../../shared/portal/contract';
import { ApiError } from '../api/http';
import { portalApi } from '../api/portal';

interface SessionState {
  /** undefined while the first answer is awaited */
  session: SessionInfo | null | undefined;
  setSession(s: SessionInfo | null): void;
}

const Ctx = createContext<SessionState>({ session: undefined, setSession: () => undefined });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  useEffect(() => {
    portalApi.session().then(
      (s) => setSession(s),
      (e) => {
        // No session is the usual answer for a visitor; anything else still leaves them
        // able to sign in, and the sign-in page says what went wrong when they do.
        if (!(e instanceof ApiError && e.status === 401)) console.warn('session check failed', e);
        setSession(null);
      },
    );
  }, []);
  return <Ctx.Provider value={{ session, setSession }}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  return useContext(Ctx);
}

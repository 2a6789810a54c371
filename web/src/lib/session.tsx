/**
 * Who is signed in. The session cookie is httpOnly, so a flag in localStorage remembers that there is one:
 * the app asks /auth/me only then (no 401 noise for visitors) and keeps the CSRF token it returns.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onlineManager, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { loginBody, meSchema, sessionGrant, signupBody } from '../../../src/core/contracts/auth.ts';
import { api, ApiError, setCsrfToken } from './api.ts';

export type Me = z.infer<typeof meSchema>['user'];
type Grant = z.infer<typeof sessionGrant>;
const FLAG = 'hs_signed_in';

interface SessionValue {
  user: Me | null;
  ready: boolean;
  signIn: (body: z.infer<typeof loginBody>) => Promise<Me>;
  signUp: (body: z.infer<typeof signupBody>) => Promise<Me>;
  /** Ends the session, then reloads the app at /. */
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [user, setUser] = useState<Me | null>(null);
  const [ready, setReady] = useState(() => localStorage.getItem(FLAG) === null);

  useEffect(() => {
    if (localStorage.getItem(FLAG) === null) return;
    api<z.infer<typeof meSchema>>('/auth/me')
      .then((me) => {
        setCsrfToken(me.csrfToken);
        setUser(me.user);
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 401) localStorage.removeItem(FLAG);
      })
      .finally(() => setReady(true));
  }, []);

  // A session signed out elsewhere (another device, a password change): the next 401 signs this tab out.
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        const err: unknown =
          event.type === 'updated' && event.action.type === 'error' ? event.action.error : null;
        if (!(err instanceof ApiError) || err.status !== 401 || localStorage.getItem(FLAG) === null) return;
        localStorage.removeItem(FLAG);
        setCsrfToken(null);
        setUser(null);
      }),
    [client],
  );

  const accept = useCallback(
    (grant: Grant) => {
      localStorage.setItem(FLAG, '1');
      setCsrfToken(grant.csrfToken);
      client.clear();
      setUser(grant.user);
      return grant.user;
    },
    [client],
  );

  const value = useMemo<SessionValue>(
    () => ({
      user,
      ready,
      signIn: async (body) => accept(await api<Grant>('/auth/login', { method: 'POST', body })),
      signUp: async (body) => accept(await api<Grant>('/auth/signup', { method: 'POST', body })),
      signOut: async () => {
        localStorage.removeItem(FLAG);
        // No query goes out any more (paused as if offline, running ones cancelled): a refetch landing
        // between the logout and the reload below would only be a 401 for nothing.
        onlineManager.setOnline(false);
        await client.cancelQueries();
        await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
        // A fresh page at the landing route instead of clearing state in place: nothing of the session
        // (cached patient data included) stays in memory, and no guarded screen sees the user vanish and
        // redirects to /signin ahead of the router's own (transition) navigation home.
        window.location.assign('/');
      },
    }),
    [user, ready, accept, client],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for pages behind a role guard. */
export function useUser(): Me {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

export const homeOf = (role: Me['role']): string =>
  role === 'patient' ? '/patient' : role === 'doctor' ? '/doctor' : '/admin';

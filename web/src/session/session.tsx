/**
 * Who is using this tab: the pasted token and the auditor's current case, kept in
 * sessionStorage so they last as long as the tab and go with it (nothing in localStorage).
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Credentials } from '../api/client.ts';
import { readClaims, type Role, type TokenClaims } from './roles.ts';

const TOKEN_KEY = 'tepat.token';
const CASE_KEY = 'tepat.case';

export interface Session {
  /** The signed-in caller; PUBLIC without a token. */
  role: Role;
  claims?: TokenClaims;
  token?: string;
  /** The case an auditor states before any personal view (X-Tepat-Purpose). */
  purpose?: string;
  signIn(token: string): void;
  signOut(): void;
  setPurpose(purpose: string | undefined): void;
  /** What requests carry: the token, and the purpose when one is stated. */
  credentials: Credentials;
}

const SessionContext = createContext<Session | undefined>(undefined);

function stored(key: string): string | undefined {
  try {
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function store(key: string, value: string | undefined) {
  if (value === undefined) sessionStorage.removeItem(key);
  else sessionStorage.setItem(key, value);
}

/** What this tab's requests carry, as stored, before the app has rendered. */
export function storedCredentials(): Credentials {
  return { token: stored(TOKEN_KEY), purpose: stored(CASE_KEY) };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState(() => stored(TOKEN_KEY));
  const [purpose, setPurposeState] = useState(() => stored(CASE_KEY));
  const claims = useMemo(() => (token ? readClaims(token) : undefined), [token]);

  const signIn = useCallback((next: string) => {
    store(TOKEN_KEY, next);
    store(CASE_KEY, undefined);
    setToken(next);
    setPurposeState(undefined);
  }, []);
  const signOut = useCallback(() => {
    store(TOKEN_KEY, undefined);
    store(CASE_KEY, undefined);
    setToken(undefined);
    setPurposeState(undefined);
  }, []);
  const setPurpose = useCallback((next: string | undefined) => {
    store(CASE_KEY, next);
    setPurposeState(next);
  }, []);

  const value = useMemo<Session>(
    () => ({
      role: claims?.role ?? 'PUBLIC',
      claims,
      token,
      purpose,
      signIn,
      signOut,
      setPurpose,
      credentials: { token, purpose },
    }),
    [claims, token, purpose, signIn, signOut, setPurpose],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

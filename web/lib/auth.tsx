import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { USER_ROLES, type UserRole } from '../../server/domain.js';
import { apiFetch, setUnauthorizedHandler } from './api.js';

/** Who is signed in, as GET /api/auth/me answers. `kind` is 'token' for API tokens. */
export interface Me {
  name: string;
  role: UserRole;
  kind: 'session' | 'token';
}

interface AuthContextValue {
  me: Me | null;
  /** True when the signed-in role is at least `required` (viewer < reviewer < manager < admin). */
  can: (required: UserRole) => boolean;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue>({ me: null, can: () => false, signOut: async () => {} });

export function roleAtLeast(role: UserRole, required: UserRole): boolean {
  return USER_ROLES.indexOf(role) >= USER_ROLES.indexOf(required);
}

/** Where the login page sends the user back to: a path on this site, never another origin. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export function loginHref(): string {
  const here = `${window.location.pathname}${window.location.search}`;
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

/**
 * The signed-in user for the dashboard shell. Any API call that answers 401 (no session, or it
 * expired) sends the user to /login?next=<where they were>. Role checks here only hide what a
 * role cannot do; the server decides (ROUTE_ROLES) and its 403 message is shown where it happens.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [me, setMe] = useState<Me | null>(null);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (window.location.pathname !== '/login') navigate(loginHref(), { replace: true });
    });
    const controller = new AbortController();
    apiFetch<Me>('/api/auth/me', { signal: controller.signal }).then(setMe, () => {
      // A 401 is handled above; anything else leaves the menu empty and the pages show their own errors.
    });
    return () => {
      controller.abort();
      setUnauthorizedHandler(null);
    };
  }, [navigate]);

  const can = useCallback((required: UserRole) => me !== null && roleAtLeast(me.role, required), [me]);
  const signOut = useCallback(async () => {
    try {
      await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
    } catch {
      // Offline: the session ends on the server when it expires; the user still leaves.
    }
    setMe(null);
    navigate('/login', { replace: true });
  }, [navigate]);

  const value = useMemo(() => ({ me, can, signOut }), [me, can, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  return useContext(AuthContext);
}

import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { NetworkError, http, setCsrfRefresher, setCsrfToken } from '../api/client';
import { queryKeys } from '../api/queries';
import type { Me, MeResponse, PlatformRole } from '../api/types';
import { forgetSignedOutData } from './sign-out-hooks';

interface AuthState {
  /** undefined while the first GET /api/auth/me is in flight */
  user: Me | null | undefined;
  loading: boolean;
  /** The first GET /api/auth/me found no server (no network): who this is is unknown, not «nobody». */
  unreachable: boolean;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  hasRole: (...roles: PlatformRole[]) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

async function fetchMe(): Promise<MeResponse> {
  const me = await http.get<MeResponse>('/auth/me');
  setCsrfToken(me.csrfToken);
  return me;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const meQuery = useQuery({
    queryKey: queryKeys.me,
    queryFn: fetchMe,
    staleTime: 5 * 60 * 1000,
    retry: 1,
    // No server at the first ask (a page opened offline): ask again until it answers, so who this is gets known.
    refetchInterval: (query) => (!query.state.data && query.state.error instanceof NetworkError ? 20_000 : false),
  });

  useEffect(() => {
    setCsrfRefresher(async () => {
      const me = await fetchMe();
      qc.setQueryData(queryKeys.me, me);
      return me.csrfToken;
    });
    return () => setCsrfRefresher(null);
  }, [qc]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const res = await http.post<{ user: Me; csrfToken: string }>('/auth/sign-in', { email, password });
      setCsrfToken(res.csrfToken);
      qc.setQueryData<MeResponse>(queryKeys.me, { user: res.user, csrfToken: res.csrfToken });
      // what the caller may do has changed: refetch everything else
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
      return res.user;
    },
    [qc],
  );

  const signOut = useCallback(async () => {
    try {
      await http.post<void>('/auth/sign-out');
    } finally {
      setCsrfToken(null);
      await forgetSignedOutData();
      qc.setQueryData<MeResponse>(queryKeys.me, { user: null, csrfToken: null });
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
    }
  }, [qc]);

  const user = meQuery.data ? meQuery.data.user : meQuery.isError ? null : undefined;
  const unreachable = !meQuery.data && meQuery.error instanceof NetworkError;

  const value = useMemo<AuthState>(
    () => ({
      user,
      loading: user === undefined,
      unreachable,
      signIn,
      signOut,
      hasRole: (...roles) => !!user?.platformRoles.some((role) => roles.includes(role)),
    }),
    [user, unreachable, signIn, signOut],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside AuthProvider');
  return ctx;
}

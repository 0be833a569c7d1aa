import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { PlatformRole } from '../api/types';
import { NetworkError } from '../api/client';
import { ErrorState, Forbidden, PageLoader } from '../components/States';
import { useAuth } from './AuthContext';

/**
 * Sends a guest to /sign-in and brings them back afterwards. With no server to ask, nobody is sent away: the page
 * says the network is missing — or, when it can work from what the phone keeps (`offlineReady`: the check-in page
 * with its roster), it is shown while the server cannot be reached or has not answered yet.
 */
export function RequireAuth({ children, roles, forbiddenText, offlineReady = false }: { children: ReactNode; roles?: PlatformRole[]; forbiddenText?: string; offlineReady?: boolean }) {
  const { user, loading, unreachable, hasRole } = useAuth();
  const location = useLocation();
  if (!user && offlineReady && (loading || unreachable)) return <>{children}</>;
  if (loading) return <PageLoader />;
  if (unreachable) return <ErrorState error={new NetworkError()} />;
  if (!user) {
    // The hash too: a ticket scanned by a phone camera opens /events/:id/check-in#code=… before signing in.
    const next = location.pathname + location.search + location.hash;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (roles && !hasRole(...roles)) return <Forbidden text={forbiddenText} />;
  return <>{children}</>;
}

/** Only a same-site path may be a return target. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return '/';
  return next;
}

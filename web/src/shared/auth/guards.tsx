import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { PlatformRole } from '../api/types';
import { Forbidden, PageLoader } from '../components/States';
import { useAuth } from './AuthContext';

/** Sends a guest to /sign-in and brings them back afterwards. */
export function RequireAuth({ children, roles, forbiddenText }: { children: ReactNode; roles?: PlatformRole[]; forbiddenText?: string }) {
  const { user, loading, hasRole } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoader />;
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

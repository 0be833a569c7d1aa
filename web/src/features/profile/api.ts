import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, http, setCsrfToken } from '../../shared/api/client';
import { queryKeys } from '../../shared/api/queries';
import type { Me, MeResponse, MembershipRole, PlatformRole } from '../../shared/api/types';

const enc = encodeURIComponent;

export type MailPreference = 'immediate' | 'digest' | 'off';
export const MAIL_PREFERENCES: MailPreference[] = ['immediate', 'digest', 'off'];

export type SessionMethod = 'password' | 'invitation' | 'reset' | 'sso';

export interface Profile {
  id: string;
  email: string;
  fullName: string;
  createdAt: string;
  emailVerifiedAt: string | null;
  hasPassword: boolean;
  ssoLinked: boolean;
  mailPreference: MailPreference;
  platformRoles: PlatformRole[];
  municipality: { id: string; name: string } | null;
  memberships: { organizationId: string; organizationName: string; role: MembershipRole }[];
  pendingEmailChange: { newEmail: string; expiresAt: string } | null;
}

export interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  method: SessionMethod;
  current: boolean;
}

export type LinkState = 'valid' | 'used' | 'expired' | 'unknown';
export interface LinkCheck {
  valid: boolean;
  state: LinkState;
  /** The address an e-mail change confirms, or a registration is for. */
  newEmail?: string;
  /** A registration's name, as the parent gave it. */
  fullName?: string;
}

/** The links from account letters, by the path their routes share under /auth. */
export type LinkPurpose = 'password-reset' | 'email-change' | 'register';

export const profileKeys = {
  profile: ['profile'] as const,
  sessions: ['profile', 'sessions'] as const,
  link: (purpose: LinkPurpose, token: string) => ['account-link', purpose, token] as const,
  deletion: ['profile', 'deletion'] as const,
};

/** What deleting one's account takes with it (children by name), what stands in its way, and how to confirm it. */
export interface AccountDeletion {
  children: { id: string; fullName: string }[];
  blockers: string[];
  confirmWith: 'password' | 'recent_sign_in';
}

export function useAccountDeletion(enabled: boolean) {
  return useQuery({ queryKey: profileKeys.deletion, queryFn: ({ signal }) => http.get<AccountDeletion>('/auth/account/deletion', undefined, signal), enabled });
}

/** Deletes the account. Its session ends with it: call the returned `forget` once the page has left /profile. */
export function useDeleteAccount() {
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: (password: string | undefined) => api<void>('/auth/account', { method: 'DELETE', body: password === undefined ? {} : { password } }),
  });
  const forget = useCallback(() => {
    setCsrfToken(null);
    qc.setQueryData<MeResponse>(queryKeys.me, { user: null, csrfToken: null });
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
  }, [qc]);
  return { ...mutation, forget };
}

/** Where «Мои данные» downloads from: the server answers with a JSON attachment. */
export const OWN_DATA_EXPORT_URL = '/api/auth/me/export';

export function useProfile() {
  return useQuery({ queryKey: profileKeys.profile, queryFn: ({ signal }) => http.get<Profile>('/auth/profile', undefined, signal) });
}

export function useOwnSessions() {
  return useQuery({
    queryKey: profileKeys.sessions,
    queryFn: ({ signal }) => http.get<{ items: OwnSession[] }>('/auth/sessions', undefined, signal),
    select: (d) => d.items,
  });
}

/** Whether a link from a letter still works; checked once, since using it changes the answer. */
export function useLinkCheck(purpose: LinkPurpose, token: string) {
  return useQuery({
    queryKey: profileKeys.link(purpose, token),
    queryFn: ({ signal }) => http.get<LinkCheck>(`/auth/${purpose}/${enc(token)}`, undefined, signal),
    staleTime: Infinity,
    retry: false,
  });
}

export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.post<void>(`/auth/sessions/${enc(id)}/revoke`),
    onSuccess: () => qc.invalidateQueries({ queryKey: profileKeys.sessions }),
  });
}

export function useRevokeOtherSessions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<{ ended: number }>('/auth/sessions/revoke-others'),
    onSuccess: () => qc.invalidateQueries({ queryKey: profileKeys.sessions }),
  });
}

export function useMailPreference() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (mailPreference: MailPreference) => http.patch<{ mailPreference: MailPreference }>('/auth/preferences', { mailPreference }),
    onSuccess: (saved) => {
      qc.setQueryData<Profile>(profileKeys.profile, (p) => (p ? { ...p, ...saved } : p));
      void qc.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

export function useRequestEmailChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { newEmail: string; currentPassword: string }) => http.post<{ message: string }>('/auth/email-change', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: profileKeys.profile }),
  });
}

export const requestPasswordReset = (email: string) => http.post<{ message: string }>('/auth/password-reset', { email });

/**
 * Sets the new password from a reset link. The answer opens a session as sign-in does, so the app takes it up:
 * the new CSRF token, the user, and every other query fetched again as that user.
 */
export function useConfirmPasswordReset() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; newPassword: string }) => http.post<{ user: Me; csrfToken: string }>('/auth/password-reset/confirm', input),
    onSuccess: async (res) => {
      setCsrfToken(res.csrfToken);
      qc.setQueryData<MeResponse>(queryKeys.me, { user: res.user, csrfToken: res.csrfToken });
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
    },
  });
}

export function useConfirmEmailChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => http.post<{ email: string }>('/auth/email-change/confirm', { token }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.me });
      void qc.invalidateQueries({ queryKey: profileKeys.profile });
    },
  });
}

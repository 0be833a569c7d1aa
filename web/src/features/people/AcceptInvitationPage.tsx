import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { http, setCsrfToken } from '../../shared/api/client';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { queryKeys } from '../../shared/api/queries';
import type { Me, MeResponse } from '../../shared/api/types';
import { useAuth } from '../../shared/auth/AuthContext';
import { AuthCard } from '../../shared/components/AuthCard';
import { SsoButton } from '../auth/SsoButton';
import { ChosenPasswordFields, type ChosenPasswordValues } from '../profile/NewPasswordFields';
import { PageLoader } from '../../shared/components/States';
import { formatDate } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useInvitationPreview } from './api';
import { submitFailure } from './formErrors';
import { roleText } from './labels';
import type { InvitationPreview } from './types';
import './strings';

/** Nothing to submit on a card that only explains. */
const noSubmit = (e: FormEvent) => e.preventDefault();

/**
 * /invitation/:token, the link in the invitation letter. Public: the link is the credential. Says who is invited to
 * what; a pending invitation is accepted by choosing a password (a new account) or by signing in as the invited
 * address (an existing one); a used, expired or revoked link says what to do instead.
 */
export function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('people.accept.title'));
  const preview = useInvitationPreview(token);

  if (preview.isPending) return <PageLoader />;
  if (preview.isError) {
    const unknown = isStatus(preview.error, 404);
    return (
      <AuthCard title={unknown ? t('people.accept.unknownTitle') : t('people.accept.title')} intro={unknown ? t('people.accept.unknownText') : errorMessage(preview.error, t)} width={520} onSubmit={noSubmit}>
        {!unknown && (
          <Button variant="light" onClick={() => preview.refetch()}>
            {t('common.retry')}
          </Button>
        )}
        <HomeLink />
      </AuthCard>
    );
  }
  const invitation = preview.data;
  if (invitation.state !== 'pending') return <ClosedInvitation invitation={invitation} />;
  return <PendingInvitation token={token} invitation={invitation} />;
}

function HomeLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/" size="sm" ta="center">
      {t('notFound.home')}
    </Anchor>
  );
}

/** «Вас приглашают: Педагог · Школа № 5» — the invitation itself, on every state of the page. */
function InvitationSummary({ invitation }: { invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const place = invitation.councilSeat?.networkName ?? invitation.organizationName ?? invitation.municipalityName;
  return (
    <Paper withBorder radius="md" p="md" bg="gray.0">
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {t('people.accept.invitedAs')}
        </Text>
        <Text fw={700} size="lg">
          {roleText(t, invitation.role, place)}
        </Text>
        <Text size="sm">{t('people.accept.forPerson', { name: invitation.fullName, email: invitation.email })}</Text>
        <Text size="sm" c="dimmed">
          {t(`people.roleHints.${invitation.role}`)}
        </Text>
      </Stack>
    </Paper>
  );
}

function ClosedInvitation({ invitation }: { invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const state = invitation.state as 'expired' | 'used' | 'revoked';
  return (
    <AuthCard title={t(`people.accept.closed.${state}.title`)} intro={t(`people.accept.closed.${state}.text`, { date: formatDate(invitation.expiresAt) })} width={520} onSubmit={noSubmit}>
      <InvitationSummary invitation={invitation} />
      {state === 'used' && !user && (
        <Button component={Link} to="/sign-in" size="md" fullWidth>
          {t('people.accept.signIn')}
        </Button>
      )}
      <HomeLink />
    </AuthCard>
  );
}

function PendingInvitation({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const accept = useAcceptInvitation(token, invitation);
  const [error, setError] = useState<string | null>(null);
  const here = `/invitation/${encodeURIComponent(token)}`;
  const signInHere = `/sign-in?next=${encodeURIComponent(here)}`;
  const signedInAsInvited = !!user && user.email.toLowerCase() === invitation.email.toLowerCase();
  const intro = t('people.accept.intro', { until: formatDate(invitation.expiresAt) });

  if (!invitation.accountExists) return <NewAccountForm token={token} invitation={invitation} intro={intro} />;

  const card = (children: ReactNode, onSubmit: (e: FormEvent<HTMLFormElement>) => void = noSubmit) => (
    <AuthCard title={t('people.accept.title')} intro={intro} width={520} onSubmit={onSubmit}>
      <InvitationSummary invitation={invitation} />
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {children}
    </AuthCard>
  );

  if (signedInAsInvited) {
    return card(
      <>
        <Text size="sm">{t('people.accept.signedInAs', { email: user.email })}</Text>
        <Button type="submit" size="md" fullWidth loading={accept.pending}>
          {t('people.accept.accept')}
        </Button>
      </>,
      (e) => {
        e.preventDefault();
        setError(null);
        accept.run(undefined).catch((err: unknown) => setError(errorMessage(err, t)));
      },
    );
  }
  if (user) {
    return card(
      <>
        <Alert color="orange" variant="light" title={t('people.accept.otherAccountTitle')}>
          {t('people.accept.otherAccountText', { current: user.email, email: invitation.email })}
        </Alert>
        <Button
          size="md"
          fullWidth
          onClick={async () => {
            await signOut();
            navigate(signInHere);
          }}
        >
          {t('people.accept.switchAccount', { email: invitation.email })}
        </Button>
      </>,
    );
  }
  return card(
    <>
      <Text size="sm">{t('people.accept.existingAccount', { email: invitation.email })}</Text>
      <Button component={Link} to={signInHere} size="md" fullWidth>
        {t('people.accept.signInAs', { email: invitation.email })}
      </Button>
      {invitation.ssoEnabled && <SsoButton invitation={token} />}
    </>,
  );
}

/** A new address: the person chooses a password (twice), and is signed in with the new role. */
function NewAccountForm({ token, invitation, intro }: { token: string; invitation: InvitationPreview; intro: string }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const accept = useAcceptInvitation(token, invitation);
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<ChosenPasswordValues>({ defaultValues: { password: '', passwordRepeat: '' } });

  const onSubmit = handleSubmit(async ({ password }) => {
    setError(null);
    try {
      await accept.run(password);
    } catch (err) {
      setError(submitFailure(err, setFieldError, ['password'], t));
    }
  });

  return (
    <AuthCard title={t('people.accept.title')} intro={intro} width={520} onSubmit={onSubmit}>
      <InvitationSummary invitation={invitation} />
      {user && (
        <Alert color="blue" variant="light">
          {t('people.accept.newAccountWhileSignedIn', { current: user.email, email: invitation.email })}
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Text size="sm">{t('people.accept.choosePassword', { email: invitation.email })}</Text>
      {/* lets the browser's password manager save the pair under the right address */}
      <input type="email" name="email" autoComplete="username" value={invitation.email} readOnly hidden />
      <ChosenPasswordFields register={register} errors={errors} typed={watch('password')} owner={invitation} />
      <Button type="submit" size="md" loading={isSubmitting} fullWidth>
        {t('people.accept.create')}
      </Button>
      {invitation.ssoEnabled && <SsoButton invitation={token} />}
    </AuthCard>
  );
}

/**
 * Accepting: the answer is the account with its new role (and, for a new account, a fresh session whose cookie the
 * server has set). The app takes it as after signing in, then opens the organisation the role is in.
 */
function useAcceptInvitation(token: string, invitation: InvitationPreview) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const run = async (password: string | undefined) => {
    setPending(true);
    try {
      const res = await http.post<{ user: Me; csrfToken: string }>('/invitations/accept', { token, password });
      setCsrfToken(res.csrfToken);
      qc.setQueryData<MeResponse>(queryKeys.me, { user: res.user, csrfToken: res.csrfToken });
      navigate(destinationAfterAccepting(invitation), { replace: true });
      notifications.show({ color: 'green', message: t('people.accept.done', { role: roleText(t, invitation.role, invitation.councilSeat?.networkName ?? invitation.organizationName ?? invitation.municipalityName) }) });
      // what the person may see has changed; the link's own answer is left alone (it now says «used»)
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] && q.queryKey[1] !== 'by-token' });
    } finally {
      setPending(false);
    }
  };
  return { run, pending };
}

/** The organisation the new role is in; an authority's work starts in «Администрирование»; anyone else at home. */
function destinationAfterAccepting(invitation: InvitationPreview): string {
  if (invitation.councilSeat) return `/networks/${invitation.councilSeat.networkId}/council`;
  if (invitation.organizationId) return `/organizations/${invitation.organizationId}`;
  if (invitation.role === 'authority' || invitation.role === 'operator') return '/admin';
  return '/';
}

import type { ReactNode } from 'react';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { isStatus } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState, PageLoader } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import type { LinkCheck, LinkState } from './api';
import '../families/strings';
import './strings';

type BrokenLink = Exclude<LinkState, 'valid'>;

/** The state a refused confirmation names in its problem `code` (link_used, link_expired, link_unknown), if any. */
export function brokenLinkState(err: unknown): BrokenLink | null {
  if (!(err instanceof ApiError) || err.status !== 410) return null;
  const code = (err.problem as { code?: string }).code;
  return code === 'link_used' || code === 'link_expired' ? (code.slice(5) as BrokenLink) : 'unknown';
}

type Purpose = 'reset' | 'email' | 'registration';

const TEXT_KEYS: Record<Purpose, Record<BrokenLink, string>> = {
  reset: { used: 'profile.link.resetUsed', expired: 'profile.link.resetExpired', unknown: 'profile.link.resetUnknown' },
  email: { used: 'profile.link.emailUsed', expired: 'profile.link.emailExpired', unknown: 'profile.link.emailUnknown' },
  registration: { used: 'families.confirm.linkUsed', expired: 'families.confirm.linkExpired', unknown: 'families.confirm.linkUnknown' },
};

/** The one way forward from a broken link: a new link, the profile, or (registration) signing up again or a reset. */
function nextStep(purpose: Purpose, state: BrokenLink): { to: string; label: string } {
  if (purpose === 'reset') return { to: '/forgot-password', label: 'profile.link.requestNew' };
  if (purpose === 'email') return { to: '/profile', label: 'profile.confirmEmail.toProfile' };
  return state === 'used' ? { to: '/forgot-password', label: 'families.confirm.forgotPassword' } : { to: '/register', label: 'families.confirm.registerAgain' };
}

/** A link from a letter that no longer works: what happened, in plain words, and the one way forward. */
export function LinkProblem({ purpose, state }: { purpose: Purpose; state: BrokenLink }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const title = t(`profile.link.${state}Title`);
  const next = nextStep(purpose, state);
  useDocumentTitle(title);
  return (
    <Stack gap="md" maw={560} mx="auto" py={{ base: 'md', sm: 48 }}>
      <Title order={1}>{title}</Title>
      <Alert color="orange" variant="light" role="status">
        <Text size="sm">{t(TEXT_KEYS[purpose][state])}</Text>
      </Alert>
      <Group>
        <Button component={Link} to={next.to}>
          {t(next.label)}
        </Button>
        {!user && (
          <Button component={Link} to="/sign-in" variant="default">
            {t('profile.forgot.backToSignIn')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/**
 * A page behind a link from a letter: a loader while the link is checked, `LinkProblem` when it does not work,
 * the page (given the checked link) when it does.
 */
export function CheckedLink({ check, purpose, children }: { check: UseQueryResult<LinkCheck>; purpose: Purpose; children: (link: LinkCheck) => ReactNode }) {
  const { t } = useTranslation();
  if (check.isPending) return <PageLoader label={t('profile.link.checking')} />;
  // A token cut short by a mail client is refused as malformed (400): to the reader, a link that does not work.
  if (check.isError) return isStatus(check.error, 400) ? <LinkProblem purpose={purpose} state="unknown" /> : <ErrorState error={check.error} onRetry={() => check.refetch()} />;
  if (check.data.state !== 'valid') return <LinkProblem purpose={purpose} state={check.data.state} />;
  return children(check.data);
}

import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { AuthCard } from '../../shared/components/AuthCard';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useConfirmEmailChange, useLinkCheck } from './api';
import { CheckedLink, LinkProblem, brokenLinkState } from './LinkProblem';
import './strings';

/**
 * /confirm-email/:token — the link sent to a new address. The address changes only when the reader presses the
 * button, so a mail scanner that opens links changes nothing. No sign-in is needed: the link proves the address.
 */
export function ConfirmEmailPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const check = useLinkCheck('email-change', token);
  const confirm = useConfirmEmailChange();
  const { user } = useAuth();
  useDocumentTitle(confirm.isSuccess ? t('profile.confirmEmail.doneTitle') : t('profile.confirmEmail.title'));

  if (confirm.isSuccess) {
    return (
      <Stack gap="md" maw={560} mx="auto" py={{ base: 'md', sm: 48 }}>
        <Title order={1}>{t('profile.confirmEmail.doneTitle')}</Title>
        <Alert color="green" variant="light" role="status">
          <Text size="sm">{t('profile.confirmEmail.done', { email: confirm.data.email })}</Text>
        </Alert>
        <Group>
          <Button component={Link} to={user ? '/profile' : '/sign-in'}>
            {user ? t('profile.confirmEmail.toProfile') : t('profile.confirmEmail.toSignIn')}
          </Button>
        </Group>
      </Stack>
    );
  }
  const broken = brokenLinkState(confirm.error);
  if (broken) return <LinkProblem purpose="email" state={broken} />;

  return (
    <CheckedLink check={check} purpose="email">
      {(link) => (
        <AuthCard
          title={t('profile.confirmEmail.title')}
          intro={t('profile.confirmEmail.intro', { email: link.newEmail })}
          width={480}
          onSubmit={(event) => {
            event.preventDefault();
            confirm.mutate(token);
          }}
        >
          {confirm.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(confirm.error, t)}
            </Alert>
          )}
          <Button type="submit" size="md" loading={confirm.isPending} fullWidth>
            {t('profile.confirmEmail.submit')}
          </Button>
        </AuthCard>
      )}
    </CheckedLink>
  );
}

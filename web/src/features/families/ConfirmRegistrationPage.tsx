import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStatus } from '../../shared/api/errors';
import { AuthCard } from '../../shared/components/AuthCard';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { type LinkCheck, useLinkCheck } from '../profile/api';
import { CheckedLink, LinkProblem, brokenLinkState } from '../profile/LinkProblem';
import { ChosenPasswordFields, type ChosenPasswordValues } from '../profile/NewPasswordFields';
import { useConfirmRegistration } from './api';
import './strings';

/**
 * /confirm-registration/:token — the link from the registration letter. Opening it proves the address; the
 * parent chooses a password here, the guardian account is made and they are signed in. Nothing happens until
 * the button is pressed, so a mail scanner that opens links makes no account.
 */
export function ConfirmRegistrationPage() {
  const { token = '' } = useParams();
  const check = useLinkCheck('register', token);
  return <CheckedLink check={check} purpose="registration">{(registration) => <PasswordForm token={token} registration={registration} />}</CheckedLink>;
}

function PasswordForm({ token, registration }: { token: string; registration: LinkCheck }) {
  const { t } = useTranslation();
  useDocumentTitle(t('families.confirm.title'));
  const navigate = useNavigate();
  const confirm = useConfirmRegistration();
  const [error, setError] = useState<string | null>(null);
  const [accountExists, setAccountExists] = useState(false);
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
      const res = await confirm.mutateAsync({ token, password });
      notifications.show({ color: 'green', message: t('families.confirm.welcome', { name: res.user.fullName }) });
      navigate('/children?add=1', { replace: true });
    } catch (err) {
      if (brokenLinkState(err)) return;
      if (isStatus(err, 429)) return setError(t('families.register.tooMany'));
      // The address got an account since the letter (an invitation accepted): sign in or reset instead.
      setAccountExists(err instanceof ApiError && (err.problem as { code?: string }).code === 'account_exists');
      const rest = applyFieldErrors(err, setFieldError, ['password']);
      if (rest.length || !isStatus(err, 400)) setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });

  const broken = brokenLinkState(confirm.error);
  if (broken) return <LinkProblem purpose="registration" state={broken} />;

  return (
    <AuthCard title={t('families.confirm.title')} intro={t('families.confirm.intro')} width={480} onSubmit={onSubmit}>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
          {accountExists && (
            <Group gap="md" mt="xs">
              <Anchor component={Link} to="/sign-in?next=/children" size="sm">
                {t('families.register.signIn')}
              </Anchor>
              <Anchor component={Link} to="/forgot-password" size="sm">
                {t('families.confirm.forgotPassword')}
              </Anchor>
            </Group>
          )}
        </Alert>
      )}
      <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-0)">
        <Text size="xs" c="dimmed">
          {t('families.confirm.account')}
        </Text>
        <Text fw={600}>{registration.fullName}</Text>
        <Text size="sm">{registration.newEmail}</Text>
      </Paper>
      {/* The address as a hidden username, so a password manager files the new password under it. */}
      <input type="email" autoComplete="username" value={registration.newEmail ?? ''} readOnly hidden />
      <ChosenPasswordFields register={register} errors={errors} typed={watch('password')} owner={{ email: registration.newEmail, fullName: registration.fullName }} />
      <Button type="submit" size="md" loading={isSubmitting} fullWidth>
        {t('families.confirm.submit')}
      </Button>
    </AuthCard>
  );
}

import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, PasswordInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStatus } from '../../shared/api/errors';
import { AuthCard } from '../../shared/components/AuthCard';
import { ErrorState, PageLoader } from '../../shared/components/States';
import { requiredProps } from '../../shared/components/required';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { type LinkCheck, useLinkCheck } from '../profile/api';
import { LinkProblem, brokenLinkState } from '../profile/LinkProblem';
import { useConfirmRegistration } from './api';

/** The server's rule for passwords (accounts/passwords.ts), checked here first so the parent hears it at once. */
const MIN_PASSWORD_LENGTH = 10;

/**
 * /confirm-registration/:token — the link from the registration letter. Opening it proves the address; the
 * parent chooses a password here, the guardian account is made and they are signed in. Nothing happens until
 * the button is pressed, so a mail scanner that opens links makes no account.
 */
export function ConfirmRegistrationPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const check = useLinkCheck('register', token);
  if (check.isPending) return <PageLoader label={t('profile.link.checking')} />;
  // A token cut short by a mail client is refused as malformed (400): to the reader, a link that does not work.
  if (check.isError) return isStatus(check.error, 400) ? <LinkProblem purpose="registration" state="unknown" /> : <ErrorState error={check.error} onRetry={() => check.refetch()} />;
  if (check.data.state !== 'valid') return <LinkProblem purpose="registration" state={check.data.state} />;
  return <PasswordForm token={token} registration={check.data} />;
}

interface PasswordValues {
  password: string;
  passwordRepeat: string;
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
    formState: { errors, isSubmitting },
  } = useForm<PasswordValues>({ defaultValues: { password: '', passwordRepeat: '' } });

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

  const toggle = { 'aria-label': t('auth.showPassword') };
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
      <PasswordInput
        label={t('families.confirm.password')}
        description={t('families.confirm.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        autoFocus
        {...requiredProps}
        visibilityToggleButtonProps={toggle}
        {...register('password', {
          validate: (v) => v.length >= MIN_PASSWORD_LENGTH || t('families.confirm.passwordShort', { min: MIN_PASSWORD_LENGTH }),
        })}
        error={errors.password?.message}
      />
      <PasswordInput
        label={t('families.confirm.passwordRepeat')}
        autoComplete="new-password"
        {...requiredProps}
        visibilityToggleButtonProps={toggle}
        {...register('passwordRepeat', { validate: (v, all) => v === all.password || t('families.confirm.passwordMismatch') })}
        error={errors.passwordRepeat?.message}
      />
      <Button type="submit" size="md" loading={isSubmitting} fullWidth>
        {t('families.confirm.submit')}
      </Button>
    </AuthCard>
  );
}

import { useState } from 'react';
import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { applyFieldErrors, errorMessage, isStatus } from '../../shared/api/errors';
import { AuthCard } from '../../shared/components/AuthCard';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { requestPasswordReset } from './api';
import './strings';

/** /forgot-password: asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('profile.forgot.title'));
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    getValues,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<{ email: string }>({ defaultValues: { email: '' } });

  const onSubmit = handleSubmit(async ({ email }) => {
    setError(null);
    try {
      await requestPasswordReset(email.trim());
      setSentTo(email.trim());
    } catch (err) {
      if (isStatus(err, 429)) return setError(t('profile.forgot.tooMany'));
      const rest = applyFieldErrors(err, setFieldError, ['email']);
      setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });

  return (
    <AuthCard title={sentTo ? t('profile.forgot.sentTitle') : t('profile.forgot.title')} intro={sentTo ? t('profile.forgot.sentIntro') : t('profile.forgot.intro')} width={440} onSubmit={onSubmit}>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {sentTo ? (
        <Stack gap="md">
          <Alert color="green" variant="light" role="status">
            {t('profile.forgot.sent', { email: sentTo })}
          </Alert>
          <Button type="submit" variant="default" loading={isSubmitting} disabled={getValues('email').trim() === ''}>
            {t('profile.forgot.again')}
          </Button>
        </Stack>
      ) : (
        <>
          <TextInput
            label={t('profile.forgot.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            autoFocus
            {...register('email', {
              required: t('profile.forgot.emailRequired'),
              validate: (v) => /^[^\s@]+@[^\s@]+$/.test(v.trim()) || t('profile.forgot.emailFormat'),
            })}
            error={errors.email?.message}
          />
          <Button type="submit" size="md" loading={isSubmitting} fullWidth>
            {t('profile.forgot.submit')}
          </Button>
        </>
      )}
      <Anchor component={Link} to="/sign-in" size="sm" ta="center">
        {t('profile.forgot.backToSignIn')}
      </Anchor>
    </AuthCard>
  );
}

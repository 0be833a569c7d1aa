import { useState } from 'react';
import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { requiredProps } from '../../shared/components/required';
import { formatDateTime } from '../../shared/dates';
import { type Profile, useRequestEmailChange } from './api';
import { formErrorSummary } from './form-errors';
import { ProfileSection } from './ProfileSection';
import '../auth/strings';
import './strings';

interface EmailValues {
  newEmail: string;
  currentPassword: string;
}

/** The address in use, a change waiting for the new address to confirm it, and the form that starts one. */
export function EmailSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const request = useRequestEmailChange();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<EmailValues>({ defaultValues: { newEmail: '', currentPassword: '' }, mode: 'onTouched' });

  const onSubmit = handleSubmit(async (v) => {
    setError(null);
    setSentTo(null);
    const newEmail = v.newEmail.trim();
    try {
      await request.mutateAsync({ newEmail, currentPassword: v.currentPassword });
      reset();
      setSentTo(newEmail);
    } catch (err) {
      setError(formErrorSummary(err, setFieldError, ['newEmail', 'currentPassword'], t));
    }
  });

  const pending = profile.pendingEmailChange;
  return (
    <ProfileSection title={t('profile.email.title')}>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {t('profile.email.current', { email: profile.email })}{' '}
        <Text span size="sm" c="dimmed">
          ({profile.emailVerifiedAt ? t('profile.email.verified') : t('profile.email.notVerified')})
        </Text>
      </Text>
      {sentTo ? (
        <Alert color="green" variant="light" role="status">
          {t('profile.email.sent', { email: sentTo })}
        </Alert>
      ) : (
        pending && (
          <Alert color="blue" variant="light">
            {t('profile.email.pending', { email: pending.newEmail, until: formatDateTime(pending.expiresAt) })}
          </Alert>
        )
      )}
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {profile.hasPassword ? (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md" maw={440}>
            <TextInput
              label={t('profile.email.newEmail')}
              type="email"
              inputMode="email"
              autoComplete="email"
              {...requiredProps}
              {...register('newEmail', {
                required: t('profile.email.newEmailRequired'),
                validate: (v) =>
                  !/^[^\s@]+@[^\s@]+$/.test(v.trim()) ? t('profile.email.emailFormat') : v.trim().toLowerCase() === profile.email ? t('profile.email.sameAsCurrent') : true,
              })}
              error={errors.newEmail?.message}
            />
            <PasswordInput
              label={t('profile.email.password')}
              description={t('profile.email.passwordHint')}
              autoComplete="current-password"
              {...requiredProps}
              visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
              {...register('currentPassword', { required: t('profile.password.required') })}
              error={errors.currentPassword?.message}
            />
            <Group>
              <Button type="submit" loading={isSubmitting}>
                {t('profile.email.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text size="sm" c="dimmed">
          {t('profile.email.needPassword')}
        </Text>
      )}
    </ProfileSection>
  );
}

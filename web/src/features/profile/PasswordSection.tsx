import { useState } from 'react';
import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { http } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { requiredProps } from '../../shared/components/required';
import { type Profile, requestPasswordReset } from './api';
import { NewPasswordFields, type PasswordValues } from './NewPasswordFields';
import { formErrorSummary } from './form-errors';
import { ProfileSection } from './ProfileSection';
import '../auth/strings';
import './strings';

/** Change of password; an account that signs in only through SSO sets its first password through a reset link instead. */
export function PasswordSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  return (
    <ProfileSection title={t('profile.password.title')} intro={profile.hasPassword ? t('profile.password.otherSessions') : undefined}>
      {profile.hasPassword ? <ChangePasswordForm profile={profile} /> : <SetPasswordByLink email={profile.email} />}
    </ProfileSection>
  );
}

function ChangePasswordForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    reset,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<PasswordValues>({ defaultValues: { currentPassword: '', newPassword: '', repeat: '' }, mode: 'onTouched' });

  const onSubmit = handleSubmit(async (v) => {
    setError(null);
    setDone(false);
    try {
      await http.post<void>('/auth/change-password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      reset();
      setDone(true);
    } catch (err) {
      setError(formErrorSummary(err, setFieldError, ['currentPassword', 'newPassword'], t));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={440}>
        {done && (
          <Alert color="green" variant="light" role="status">
            {t('profile.password.changed')}
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <PasswordInput
          label={t('profile.password.current')}
          autoComplete="current-password"
          {...requiredProps}
          visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
          {...register('currentPassword', { required: t('profile.password.required') })}
          error={errors.currentPassword?.message}
        />
        <NewPasswordFields register={register} errors={errors} typed={watch('newPassword')} owner={profile} />
        <Group>
          <Button type="submit" loading={isSubmitting}>
            {t('profile.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SetPasswordByLink({ email }: { email: string }) {
  const { t } = useTranslation();
  const send = useMutation({ mutationFn: () => requestPasswordReset(email) });
  return (
    <Stack gap="sm" align="flex-start">
      <Text size="sm">{t('profile.password.notSet', { email })}</Text>
      {send.isSuccess ? (
        <Alert color="green" variant="light" role="status">
          {t('profile.password.linkSent', { email })}
        </Alert>
      ) : (
        <Button variant="light" loading={send.isPending} onClick={() => send.mutate()}>
          {t('profile.password.sendLink')}
        </Button>
      )}
      {send.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(send.error, t)}
        </Alert>
      )}
    </Stack>
  );
}

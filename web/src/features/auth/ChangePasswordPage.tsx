import { useState } from 'react';
import { Alert, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { requiredProps } from '../../shared/components/required';
import { useNavigate } from 'react-router';
import { ApiError, http } from '../../shared/api/client';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { queryKeys } from '../../shared/api/queries';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.changeTitle'));
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { currentPassword: '', newPassword: '', repeat: '' }, mode: 'onTouched' });

  const toggleProps = { 'aria-label': t('auth.showPassword') };

  const onSubmit = handleSubmit(async (v) => {
    setError(null);
    setDone(false);
    try {
      await http.post<void>('/auth/change-password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      reset();
      setDone(true);
      // the session may have been renewed together with its CSRF token
      void qc.invalidateQueries({ queryKey: queryKeys.me });
    } catch (err) {
      const rest = applyFieldErrors(err, setFieldError, ['currentPassword', 'newPassword']);
      const onFields = err instanceof ApiError && err.fieldErrors.length > rest.length;
      if (rest.length) setError(rest.join('; '));
      else if (!onFields) setError(errorMessage(err, t));
    }
  });

  return (
    <Stack gap="lg" maw={520}>
      <Title order={1}>{t('auth.changeTitle')}</Title>
      {done && (
        <Alert color="green" variant="light" role="status">
          {t('auth.changed')}
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Paper withBorder radius="md" p="lg">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <PasswordInput
              label={t('auth.current')}
              autoComplete="current-password"
              {...requiredProps}
              visibilityToggleButtonProps={toggleProps}
              {...register('currentPassword', { required: t('auth.passwordRequired') })}
              error={errors.currentPassword?.message}
            />
            <PasswordInput
              label={t('auth.new')}
              description={t('auth.newHint')}
              autoComplete="new-password"
              {...requiredProps}
              visibilityToggleButtonProps={toggleProps}
              {...register('newPassword', {
                required: t('auth.passwordRequired'),
                minLength: { value: 10, message: t('auth.tooShort') },
                validate: (v, all) => v !== all.currentPassword || t('auth.sameAsOld'),
                deps: ['repeat'],
              })}
              error={errors.newPassword?.message}
            />
            <PasswordInput
              label={t('auth.repeat')}
              autoComplete="new-password"
              {...requiredProps}
              visibilityToggleButtonProps={toggleProps}
              {...register('repeat', {
                required: t('auth.passwordRequired'),
                validate: (v, all) => v === all.newPassword || t('auth.mismatch'),
              })}
              error={errors.repeat?.message}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => navigate(-1)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={isSubmitting}>
                {t('auth.change')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Text size="sm" c="dimmed">
        {t('auth.otherSessions')}
      </Text>
    </Stack>
  );
}

import { useState } from 'react';
import { Alert, Anchor, Button, Group, PasswordInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { http, setCsrfToken } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStatus } from '../../shared/api/errors';
import { queryKeys } from '../../shared/api/queries';
import type { Me, MeResponse } from '../../shared/api/types';
import { useAuth } from '../../shared/auth/AuthContext';
import { AuthCard } from '../../shared/components/AuthCard';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';

/** The server's rule for passwords (accounts/passwords.ts), checked here first so the parent hears it at once. */
const MIN_PASSWORD_LENGTH = 10;

interface RegisterValues {
  fullName: string;
  email: string;
  password: string;
  passwordRepeat: string;
}

/** /register: a parent creates a guardian account and is signed in, as after signing in. */
export function RegisterPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('families.register.title'));
  const { user } = useAuth();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting, isSubmitSuccessful },
  } = useForm<RegisterValues>({ defaultValues: { fullName: '', email: '', password: '', passwordRepeat: '' } });

  if (user && !isSubmitting && !isSubmitSuccessful) return <Navigate to="/children" replace />;

  const onSubmit = handleSubmit(async ({ fullName, email, password }) => {
    setError(null);
    try {
      const res = await http.post<{ user: Me; csrfToken: string }>('/auth/register', { fullName: fullName.trim(), email: email.trim(), password });
      // Signed in by the answer's cookie: the same bookkeeping as after sign-in.
      setCsrfToken(res.csrfToken);
      qc.setQueryData<MeResponse>(queryKeys.me, { user: res.user, csrfToken: res.csrfToken });
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
      notifications.show({ color: 'green', message: t('families.register.welcome', { name: res.user.fullName }) });
      navigate('/children?add=1', { replace: true });
    } catch (err) {
      const rest = applyFieldErrors(err, setFieldError, ['fullName', 'email', 'password']);
      if (isStatus(err, 429)) setError(t('auth.tooMany'));
      else if (rest.length || !(isStatus(err, 400) || isStatus(err, 409))) setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });

  return (
    <AuthCard title={t('families.register.title')} intro={t('families.register.intro')} width={480} onSubmit={onSubmit}>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <TextInput
        label={t('families.register.fullName')}
        autoComplete="name"
        autoFocus
        {...register('fullName', { validate: (v) => v.trim().length >= 2 || t('families.register.fullNameRequired') })}
        error={errors.fullName?.message}
      />
      <TextInput
        label={t('families.register.email')}
        type="email"
        autoComplete="email"
        inputMode="email"
        {...register('email', {
          required: t('families.register.emailRequired'),
          validate: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) || t('families.register.emailFormat'),
        })}
        error={errors.email?.message}
      />
      <PasswordInput
        label={t('families.register.password')}
        description={t('families.register.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        {...register('password', {
          validate: (v) => v.length >= MIN_PASSWORD_LENGTH || t('families.register.passwordShort', { min: MIN_PASSWORD_LENGTH }),
        })}
        error={errors.password?.message}
        visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
      />
      <PasswordInput
        label={t('families.register.passwordRepeat')}
        autoComplete="new-password"
        {...register('passwordRepeat', { validate: (v, all) => v === all.password || t('families.register.passwordMismatch') })}
        error={errors.passwordRepeat?.message}
        visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
      />
      <Button type="submit" size="md" loading={isSubmitting} fullWidth>
        {t('families.register.submit')}
      </Button>
      <Group gap={6} justify="center">
        <Text size="sm">{t('families.register.haveAccount')}</Text>
        <Anchor component={Link} to="/sign-in?next=/children" size="sm">
          {t('families.register.signIn')}
        </Anchor>
      </Group>
      <Text size="xs" c="dimmed" ta="center">
        {t('families.register.staffNote')}
      </Text>
    </AuthCard>
  );
}

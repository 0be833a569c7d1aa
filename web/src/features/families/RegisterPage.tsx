import { useState } from 'react';
import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { applyFieldErrors, errorMessage, isStatus } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { AuthCard } from '../../shared/components/AuthCard';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { requestRegistration } from './api';
import './strings';

interface RegisterValues {
  fullName: string;
  email: string;
}

/**
 * /register: a parent gives their name and address, and a letter with a link goes there; the password is chosen
 * behind the link (ConfirmRegistrationPage). The answer is the same whether or not the address has an account,
 * so the page always says «check your mail».
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(sentTo ? t('families.register.sentTitle') : t('families.register.title'));
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<RegisterValues>({ defaultValues: { fullName: '', email: '' } });

  if (user) return <Navigate to="/children" replace />;

  const onSubmit = handleSubmit(async ({ fullName, email }) => {
    setError(null);
    try {
      await requestRegistration({ fullName: fullName.trim(), email: email.trim() });
      setSentTo(email.trim());
    } catch (err) {
      if (isStatus(err, 429)) return setError(t('families.register.tooMany'));
      const rest = applyFieldErrors(err, setFieldError, ['fullName', 'email']);
      if (rest.length || !isStatus(err, 400)) setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });

  const errorAlert = error && (
    <Alert color="red" variant="light" role="alert">
      {error}
    </Alert>
  );

  if (sentTo) {
    return (
      <AuthCard title={t('families.register.sentTitle')} intro={t('families.register.sentIntro')} width={480} onSubmit={onSubmit}>
        {errorAlert}
        <Alert color="green" variant="light" role="status">
          {t('families.register.sent', { email: sentTo })}
        </Alert>
        <Text size="sm">{t('families.register.notArrived')}</Text>
        <Stack gap="xs">
          <Button type="submit" variant="default" loading={isSubmitting}>
            {t('families.register.again')}
          </Button>
          <Button variant="subtle" onClick={() => setSentTo(null)}>
            {t('families.register.otherAddress')}
          </Button>
        </Stack>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('families.register.title')} intro={t('families.register.intro')} width={480} onSubmit={onSubmit}>
      {errorAlert}
      <TextInput
        label={t('families.register.fullName')}
        autoComplete="name"
        autoFocus
        {...register('fullName', { validate: (v) => v.trim().length >= 2 || t('families.register.fullNameRequired') })}
        error={errors.fullName?.message}
      />
      <TextInput
        label={t('families.register.email')}
        description={t('families.register.emailHint')}
        type="email"
        autoComplete="email"
        inputMode="email"
        {...register('email', {
          required: t('families.register.emailRequired'),
          validate: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) || t('families.register.emailFormat'),
        })}
        error={errors.email?.message}
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

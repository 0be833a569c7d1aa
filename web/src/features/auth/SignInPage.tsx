import { useState } from 'react';
import { Alert, Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { applyFieldErrors, errorMessage, isStatus } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { safeNext } from '../../shared/auth/guards';
import { AuthCard } from '../../shared/components/AuthCard';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { SsoButton } from './SsoButton';
import './strings';
import '../families/strings';
import '../profile/strings';

interface SignInValues {
  email: string;
  password: string;
}

export function SignInPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('auth.signInTitle'));
  const { user, signIn } = useAuth();
  const [params] = useSearchParams();
  // Without a page to return to, people land on their desk: what awaits them.
  const next = params.get('next') ? safeNext(params.get('next')) : '/desk';
  // Single sign-on ends here with ?sso=<code> when it could not sign the person in.
  const ssoRefusal = params.get('sso');
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<SignInValues>({ defaultValues: { email: '', password: '' } });

  if (user && !isSubmitting) return <Navigate to={next} replace />;

  const onSubmit = handleSubmit(async ({ email, password }) => {
    setError(null);
    try {
      const me = await signIn(email.trim(), password);
      notifications.show({ color: 'green', message: t('auth.welcome', { name: me.fullName || me.email }) });
      navigate(next, { replace: true });
    } catch (err) {
      if (isStatus(err, 401)) {
        setError(t('auth.invalid'));
        setFocus('password');
      } else if (isStatus(err, 429)) {
        setError(t('auth.tooMany'));
      } else {
        const rest = applyFieldErrors(err, setFieldError, ['email', 'password']);
        setError(rest.length ? rest.join('; ') : errorMessage(err, t));
      }
    }
  });

  return (
    <AuthCard title={t('auth.signInTitle')} intro={t('auth.signInIntro')} width={440} onSubmit={onSubmit}>
      {ssoRefusal && i18n.exists(`sso.refused.${ssoRefusal}`) && (
        <Alert color="red" variant="light" role="alert" title={t('sso.refusedTitle')}>
          {t(`sso.refused.${ssoRefusal}`)}
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert" id="sign-in-error">
          {error}
        </Alert>
      )}
      <TextInput
        label={t('auth.email')}
        type="email"
        autoComplete="username"
        inputMode="email"
        autoFocus
        {...register('email', {
          required: t('auth.emailRequired'),
          validate: (v) => /^[^\s@]+@[^\s@]+$/.test(v.trim()) || t('auth.emailFormat'),
        })}
        error={errors.email?.message}
      />
      <PasswordInput
        label={t('auth.password')}
        autoComplete="current-password"
        {...register('password', { required: t('auth.passwordRequired') })}
        error={errors.password?.message}
        visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
      />
      <Anchor component={Link} to="/forgot-password" size="sm" ta="right" mt={-8}>
        {t('profile.forgot.signInLink')}
      </Anchor>
      <Button type="submit" size="md" loading={isSubmitting} fullWidth>
        {t('auth.submit')}
      </Button>
      <SsoButton next={next} />
      <Text size="sm" ta="center">
        {t('families.register.signInLinkHint')}{' '}
        <Anchor component={Link} to="/register">
          {t('families.register.signInLink')}
        </Anchor>
      </Text>
      <Text size="xs" c="dimmed" ta="center">
        {t('auth.noAccount')}
      </Text>
      <Anchor component={Link} to="/" size="sm" ta="center">
        {t('notFound.home')}
      </Anchor>
    </AuthCard>
  );
}

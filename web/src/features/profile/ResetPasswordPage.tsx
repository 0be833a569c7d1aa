import { useState } from 'react';
import { Alert, Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { AuthCard } from '../../shared/components/AuthCard';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useConfirmPasswordReset, useLinkCheck } from './api';
import { formErrorSummary } from './form-errors';
import { CheckedLink, LinkProblem, brokenLinkState } from './LinkProblem';
import { NewPasswordFields, type PasswordValues } from './NewPasswordFields';
import './strings';

/** /reset-password/:token — the link from the reset letter: a new password, then the person is signed in. */
export function ResetPasswordPage() {
  const { token = '' } = useParams();
  const check = useLinkCheck('password-reset', token);
  return <CheckedLink check={check} purpose="reset">{() => <ResetForm token={token} />}</CheckedLink>;
}

function ResetForm({ token }: { token: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('profile.reset.title'));
  const navigate = useNavigate();
  const confirm = useConfirmPasswordReset();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<PasswordValues>({ defaultValues: { currentPassword: '', newPassword: '', repeat: '' }, mode: 'onTouched' });

  const onSubmit = handleSubmit(async ({ newPassword }) => {
    setError(null);
    try {
      await confirm.mutateAsync({ token, newPassword });
      notifications.show({ color: 'green', message: t('profile.reset.done') });
      navigate('/', { replace: true });
    } catch (err) {
      if (brokenLinkState(err)) return;
      setError(formErrorSummary(err, setFieldError, ['newPassword'], t));
    }
  });

  const broken = brokenLinkState(confirm.error);
  if (broken) return <LinkProblem purpose="reset" state={broken} />;

  return (
    <AuthCard title={t('profile.reset.title')} intro={t('profile.reset.intro')} width={440} onSubmit={onSubmit}>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <NewPasswordFields register={register} errors={errors} typed={watch('newPassword')} />
      <Button type="submit" size="md" loading={isSubmitting} fullWidth>
        {t('profile.reset.submit')}
      </Button>
    </AuthCard>
  );
}

import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Group, List, PasswordInput, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState } from '../../shared/components/States';
import { requiredProps } from '../../shared/components/required';
import { type AccountDeletion, useAccountDeletion, useDeleteAccount } from './api';
import { formErrorSummary } from './form-errors';
import { ProfileSection } from './ProfileSection';
import '../auth/strings';
import './strings';

/** «Удалить учётную запись» (152-ФЗ): what goes with it is named — the children by name — before the person confirms. */
export function DeleteAccountSection() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const deletion = useAccountDeletion(open);
  return (
    <ProfileSection title={t('profile.deletion.title')} intro={t('profile.deletion.intro')}>
      {!open ? (
        <Group>
          <Button color="red" variant="light" onClick={() => setOpen(true)}>
            {t('profile.deletion.start')}
          </Button>
        </Group>
      ) : deletion.isPending ? (
        <Skeleton height={120} />
      ) : deletion.isError ? (
        <ErrorState error={deletion.error} onRetry={() => deletion.refetch()} />
      ) : (
        <DeletionForm deletion={deletion.data} onCancel={() => setOpen(false)} />
      )}
    </ProfileSection>
  );
}

function DeletionForm({ deletion, onCancel }: { deletion: AccountDeletion; onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteAccount();
  const [error, setError] = useState<string | null>(null);
  // The app forgets the deleted user only once /profile is gone: forgetting earlier, while the way to / is still
  // rendering, would show /profile's guard a guest and send them to the sign-in page.
  const deleted = useRef(false);
  const { forget } = remove;
  useEffect(
    () => () => {
      if (deleted.current) forget();
    },
    [forget],
  );
  const names = deletion.children.map((c) => c.fullName).join(', ');
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<{ password: string; understood: boolean }>({ defaultValues: { password: '', understood: false } });

  const onSubmit = handleSubmit(async ({ password }) => {
    setError(null);
    try {
      await remove.mutateAsync(deletion.confirmWith === 'password' ? password : undefined);
      deleted.current = true;
      navigate('/', { replace: true });
      notifications.show({ color: 'green', message: t('profile.deletion.done') });
    } catch (err) {
      setError(formErrorSummary(err, setFieldError, ['password'], t));
    }
  });

  if (deletion.blockers.length) {
    return (
      <Alert color="orange" variant="light" role="status" title={t('profile.deletion.blocked')}>
        <List size="sm">
          {deletion.blockers.map((blocker) => (
            <List.Item key={blocker}>{blocker}</List.Item>
          ))}
        </List>
      </Alert>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={520}>
        <Text size="sm">{t('profile.deletion.whatGoes')}</Text>
        {deletion.children.length > 0 && (
          <Alert color="red" variant="light">
            {t('profile.deletion.children', { names })}
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {t('profile.deletion.stays')}
        </Text>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        {deletion.confirmWith === 'password' ? (
          <PasswordInput
            label={t('profile.deletion.password')}
            description={t('profile.deletion.passwordHint')}
            autoComplete="current-password"
            {...requiredProps}
            visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
            {...register('password', { required: t('profile.password.required') })}
            error={errors.password?.message}
          />
        ) : (
          <Text size="sm">{t('profile.deletion.recentSignIn')}</Text>
        )}
        <Checkbox
          label={deletion.children.length ? t('profile.deletion.confirmChildren', { names }) : t('profile.deletion.confirm')}
          {...register('understood', { required: true })}
          error={errors.understood ? true : undefined}
        />
        <Group>
          <Button type="submit" color="red" loading={isSubmitting}>
            {t('profile.deletion.submit')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={isSubmitting}>
            {t('profile.deletion.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

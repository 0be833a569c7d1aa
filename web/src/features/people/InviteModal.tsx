import { useState } from 'react';
import { Alert, Button, Center, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { requiredProps } from '../../shared/components/required';
import { useGrantableRoles, useInvite, useResendInvitation } from './api';
import { submitFailure } from './formErrors';
import { type FixedPlace, ROLE_PLACE_FIELDS, RolePlaceFields, type RolePlaceValues, rolePlaceDefaults, toRoleGrant, useOwnMunicipalityId } from './RolePlaceFields';
import type { AnyRole } from './types';
import { ModalActions } from './ModalActions';
import './strings';

interface InviteValues extends RolePlaceValues {
  email: string;
  fullName: string;
}

const FIELDS = ['email', 'fullName', ...ROLE_PLACE_FIELDS] as const;

/**
 * «Пригласить»: the person's address and name, the role (only those the user may grant) and its place. With
 * `organization` the place is that organisation (its «Сотрудники»); with `municipality` the invitation is for its
 * authority staff.
 */
export function InviteModal({ onClose, ...fixed }: FixedPlace & { onClose: () => void }) {
  const { t } = useTranslation();
  const grantable = useGrantableRoles(fixed.organization);
  const roles: AnyRole[] | undefined = fixed.municipality ? ['authority'] : grantable;
  const title = fixed.municipality
    ? t('people.invite.authorityTitle', { name: fixed.municipality.name })
    : fixed.organization
      ? t('people.invite.staffTitle')
      : t('people.invite.title');

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={title} size="lg" centered>
      {roles ? (
        <InviteForm roles={roles} fixed={fixed} onClose={onClose} />
      ) : (
        <Center py="xl">
          <Loader size="sm" aria-label={t('common.loading')} />
        </Center>
      )}
    </Modal>
  );
}

/** The form itself, built once the roles on offer are known (they set its first values). */
function InviteForm({ roles, fixed, onClose }: { roles: AnyRole[]; fixed: FixedPlace; onClose: () => void }) {
  const { t } = useTranslation();
  const invite = useInvite();
  const resend = useResendInvitation();
  const [error, setError] = useState<string | null>(null);
  // a live invitation to the same address, role and place: the server names it, and resending is one press
  const [existingId, setExistingId] = useState<string | null>(null);
  const ownMunicipalityId = useOwnMunicipalityId();
  const {
    register,
    control,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<InviteValues>({ defaultValues: { email: '', fullName: '', ...rolePlaceDefaults(roles, fixed, ownMunicipalityId) } });

  const onSubmit = handleSubmit(async ({ email, fullName, ...place }) => {
    setError(null);
    setExistingId(null);
    if (!place.role) return;
    try {
      const created = await invite.mutateAsync({ email: email.trim(), fullName: fullName.trim(), ...toRoleGrant({ ...place, role: place.role }, fixed) });
      notifications.show({ color: 'green', message: t('people.invite.sent', { email: created.email }) });
      onClose();
    } catch (err) {
      setError(submitFailure(err, setFieldError, FIELDS, t));
      setExistingId(existingInvitationId(err));
    }
  });

  const onResend = async () => {
    if (!existingId) return;
    try {
      const resent = await resend.mutateAsync(existingId);
      notifications.show({ color: 'green', message: t('people.invitations.resent', { email: resent.email }) });
      onClose();
    } catch (err) {
      setError(errorMessage(err, t));
      setExistingId(null);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('people.invite.intro')}
          </Text>
          {error && (
            <Alert color="red" variant="light" role="alert">
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{error}</Text>
                {existingId && (
                  <Button size="xs" onClick={onResend} loading={resend.isPending}>
                    {t('people.invite.resendExisting')}
                  </Button>
                )}
              </Stack>
            </Alert>
          )}
          <TextInput
            label={t('people.invite.email')}
            type="email"
            inputMode="email"
            autoComplete="off"
            data-autofocus
            {...requiredProps}
            {...register('email', {
              required: t('people.invite.emailRequired'),
              validate: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) || t('people.invite.emailFormat'),
            })}
            error={errors.email?.message}
          />
          <TextInput
            label={t('people.invite.fullName')}
            autoComplete="off"
            {...requiredProps}
            {...register('fullName', { validate: (v) => v.trim().length >= 2 || t('people.invite.fullNameRequired') })}
            error={errors.fullName?.message}
          />
          <RolePlaceFields control={control} roles={roles} fixed={fixed} />
          <Text size="sm" c="dimmed">
            {t('people.invite.whatHappens')}
          </Text>
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={isSubmitting}>
              {t('people.invite.submit')}
            </Button>
          </ModalActions>
        </Stack>
    </form>
  );
}

function existingInvitationId(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  const id = (err.problem as { invitationId?: unknown }).invitationId;
  return typeof id === 'string' ? id : null;
}

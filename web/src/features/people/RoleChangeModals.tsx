import { useState } from 'react';
import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useGrantRole, useRevokeRole } from './api';
import { submitFailure } from './formErrors';
import { type HeldRole, roleText } from './labels';
import { ReasonField, ReasonModal, reasonRules } from './ReasonModal';
import { type FixedPlace, ROLE_PLACE_FIELDS, RolePlaceFields, type RolePlaceValues, rolePlaceDefaults, toRoleGrant, useOwnMunicipalityId } from './RolePlaceFields';
import type { AnyRole } from './types';
import { ModalActions } from './ModalActions';
import './strings';

interface GrantValues extends RolePlaceValues {
  reason: string;
}

/** «Добавить роль»: one of the roles offered, its place (unless fixed), and why — the reason goes to the audit log. */
export function GrantRoleModal({ person, roles, fixed, onClose }: { person: { id: string; fullName: string }; roles: AnyRole[]; fixed: FixedPlace; onClose: () => void }) {
  const { t } = useTranslation();
  const grant = useGrantRole(person.id);
  const ownMunicipalityId = useOwnMunicipalityId();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<GrantValues>({ defaultValues: { reason: '', ...rolePlaceDefaults(roles, fixed, ownMunicipalityId) } });

  const onSubmit = handleSubmit(async ({ reason, ...place }) => {
    setError(null);
    if (!place.role) return;
    try {
      await grant.mutateAsync({ ...toRoleGrant({ ...place, role: place.role }, fixed), reason: reason.trim() });
      notifications.show({ color: 'green', message: t('people.person.granted', { role: t(`roles.${place.role}`), name: person.fullName }) });
      onClose();
    } catch (err) {
      setError(submitFailure(err, setFieldError, [...ROLE_PLACE_FIELDS, 'reason'], t));
    }
  });

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={t('people.person.grantTitle', { name: person.fullName })} size="lg" centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <RolePlaceFields control={control} roles={roles} fixed={fixed} />
          <ReasonField registration={register('reason', reasonRules(t))} error={errors.reason?.message} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={isSubmitting}>
              {t('people.person.grant')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

/** «Снять роль»: what the person keeps, and why — the reason goes to the audit log. */
export function RevokeRoleModal({ person, held, onClose }: { person: { id: string; fullName: string }; held: HeldRole; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeRole(person.id);
  const { place, ...grant } = held;
  const role = roleText(t, held.role, place);
  return (
    <ReasonModal
      title={t('people.person.revokeTitle')}
      confirmLabel={t('people.person.revoke')}
      color="red.9"
      onClose={onClose}
      onConfirm={async (reason) => {
        await revoke.mutateAsync({ ...grant, reason });
        notifications.show({ message: t('people.person.revoked', { role, name: person.fullName }) });
      }}
    >
      <Text size="sm">{t('people.person.revokeText', { role, name: person.fullName })}</Text>
    </ReasonModal>
  );
}

import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAuth } from '../../shared/auth/AuthContext';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { formatDate, formatDateTime } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useDeactivatePerson, useGrantableRoles, usePerson, useReactivatePerson } from './api';
import { BorderedList } from './BorderedList';
import { DisabledBadge, type HeldRole, heldRoles, roleText } from './labels';
import { GrantRoleModal, RevokeRoleModal } from './RoleChangeModals';
import { ReasonModal } from './ReasonModal';
import type { Person } from './types';
import './strings';

/** /admin/people/:id: one person's roles with grant and revoke, and (for the operator) deactivation. */
export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const person = usePerson(id);
  useDocumentTitle(person.data?.fullName ?? t('people.person.title'));
  return (
    <QueryDetail query={person} backTo="/admin/people" backLabel={t('people.person.back')} skeletonHeight={420}>
      {(data) => <PersonCard person={data} />}
    </QueryDetail>
  );
}

function PersonCard({ person }: { person: Person }) {
  const { t } = useTranslation();
  const { user, hasRole } = useAuth();
  const operator = hasRole('operator');
  const roles = heldRoles(person);
  const grantable = useGrantableRoles();
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<HeldRole | null>(null);
  const [switching, setSwitching] = useState(false);
  const isSelf = user?.id === person.id;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4} style={{ flex: '1 1 420px', minWidth: 0 }}>
          <Group gap="xs">
            <Title order={1} style={{ overflowWrap: 'anywhere' }}>
              {person.fullName}
            </Title>
            <DisabledBadge disabledAt={person.disabledAt} size="lg" />
          </Group>
          <Text c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {person.email}
          </Text>
        </Stack>
        {operator && !isSelf && (
          <Button variant={person.disabledAt ? 'filled' : 'outline'} color={person.disabledAt ? 'blue' : 'red.9'} onClick={() => setSwitching(true)}>
            {person.disabledAt ? t('people.person.reactivate') : t('people.person.deactivate')}
          </Button>
        )}
      </Group>

      {person.disabledAt && (
        <Alert color="red" variant="light" title={t('people.person.disabledTitle', { date: formatDate(person.disabledAt) })}>
          <Text size="sm">{t('people.person.disabledReason', { reason: person.disabledReason ?? '—' })}</Text>
        </Alert>
      )}

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="person-facts">
        <Title order={2} size="h4" id="person-facts" mb="xs">
          {t('people.person.facts')}
        </Title>
        <dl className="orbita-dl">
          <dt>{t('people.person.createdAt')}</dt>
          <dd>{formatDate(person.createdAt)}</dd>
          <dt>{t('people.person.lastSeenLabel')}</dt>
          <dd>{person.lastSeenAt ? formatDateTime(person.lastSeenAt) : t('people.person.neverSeen')}</dd>
        </dl>
      </Paper>

      <Stack gap="sm" component="section" aria-labelledby="person-roles">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3" id="person-roles">
            {t('people.person.roles')}
          </Title>
          {!person.disabledAt && !!grantable?.length && <Button onClick={() => setGranting(true)}>{t('people.person.grant')}</Button>}
        </Group>
        {roles.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text c="dimmed" ta="center">
              {t('people.person.noRolesHint')}
            </Text>
          </Paper>
        ) : (
          <BorderedList items={roles} keyOf={(r) => `${r.role}:${r.organizationId ?? r.municipalityId ?? ''}`} rowTestId="role-row">
            {(role) => (
              <Group justify="space-between" gap="sm" p="md">
                <Stack gap={2} style={{ flex: '1 1 260px', minWidth: 0 }}>
                  <Text fw={600}>{t(`roles.${role.role}`)}</Text>
                  <Text size="sm" c="dimmed">
                    {role.place ?? t('people.person.regionWide')}
                  </Text>
                </Stack>
                {role.role !== 'guardian' && !isSelf && (
                  <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(role)} aria-label={t('people.person.revokeLabel', { role: roleText(t, role.role, role.place) })}>
                    {t('people.person.revoke')}
                  </Button>
                )}
              </Group>
            )}
          </BorderedList>
        )}
      </Stack>

      {granting && grantable && <GrantRoleModal person={person} roles={grantable} fixed={{}} onClose={() => setGranting(false)} />}
      {revoking && <RevokeRoleModal person={person} held={revoking} onClose={() => setRevoking(null)} />}
      {switching && <ActivationModal person={person} onClose={() => setSwitching(false)} />}
    </Stack>
  );
}

/** Deactivation ends the person's sessions at once; their past signatures and audit entries stay. Reactivation undoes it. */
function ActivationModal({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t } = useTranslation();
  const deactivate = useDeactivatePerson(person.id);
  const reactivate = useReactivatePerson(person.id);
  const disabled = !!person.disabledAt;
  return (
    <ReasonModal
      title={disabled ? t('people.person.reactivateTitle') : t('people.person.deactivateTitle')}
      confirmLabel={disabled ? t('people.person.reactivate') : t('people.person.deactivate')}
      color={disabled ? 'blue' : 'red.9'}
      onClose={onClose}
      onConfirm={async (reason) => {
        await (disabled ? reactivate : deactivate).mutateAsync(reason);
        notifications.show({ message: t(disabled ? 'people.person.reactivated' : 'people.person.deactivated', { name: person.fullName }) });
      }}
    >
      <Text size="sm">{disabled ? t('people.person.reactivateText', { name: person.fullName }) : t('people.person.deactivateText', { name: person.fullName })}</Text>
    </ReasonModal>
  );
}

import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api/errors';
import { formatDate } from '../../shared/dates';
import { useResendInvitation, useRevokeInvitation } from './api';
import { BorderedList } from './BorderedList';
import { ConfirmModal } from './ConfirmModal';
import { InvitationStateBadge, roleText } from './labels';
import type { Invitation } from './types';
import './strings';

/** Invitations as rows that read on a phone too: who, as what and where, how old, and resend / revoke while open. */
export function InvitationList({ invitations, showPlace = true, busy }: { invitations: Invitation[]; showPlace?: boolean; busy?: boolean }) {
  return (
    <BorderedList items={invitations} keyOf={(i) => i.id} rowTestId="invitation-row" busy={busy}>
      {(invitation) => <InvitationRow invitation={invitation} showPlace={showPlace} />}
    </BorderedList>
  );
}

function InvitationRow({ invitation, showPlace }: { invitation: Invitation; showPlace: boolean }) {
  const { t } = useTranslation();
  const resend = useResendInvitation();
  const [revoking, setRevoking] = useState(false);
  const open = invitation.state === 'pending' || invitation.state === 'expired';
  const place = showPlace ? (invitation.organization?.name ?? invitation.municipality?.name ?? null) : null;

  const onResend = async () => {
    try {
      await resend.mutateAsync(invitation.id);
      notifications.show({ color: 'green', message: t('people.invitations.resent', { email: invitation.email }) });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err, t) });
    }
  };

  return (
    <>
      <Group justify="space-between" align="flex-start" gap="sm" p="md">
        <Stack gap={4} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {invitation.fullName}
            </Text>
            <InvitationStateBadge state={invitation.state} />
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {invitation.email}
          </Text>
          <Text size="sm">{roleText(t, invitation.role, place)}</Text>
          <Text size="sm" c="dimmed">
            {invitationTimeline(invitation, t)}
          </Text>
        </Stack>
        {open && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={onResend} loading={resend.isPending} aria-label={t('people.invitations.resendLabel', { name: invitation.fullName })}>
              {t('people.invitations.resend')}
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(true)} aria-label={t('people.invitations.revokeLabel', { name: invitation.fullName })}>
              {t('people.invitations.revoke')}
            </Button>
          </Group>
        )}
      </Group>
      {revoking && <RevokeModal invitation={invitation} onClose={() => setRevoking(false)} />}
    </>
  );
}

/** «Отправлено 3 дня назад · 2 раза · действует до 12 марта · пригласил(а) …». */
function invitationTimeline(invitation: Invitation, t: TFunction): string {
  const parts = [t('people.invitations.age', { count: invitation.ageDays })];
  if (invitation.sendCount > 1) parts.push(t('people.invitations.sentTimes', { count: invitation.sendCount, date: formatDate(invitation.lastSentAt) }));
  if (invitation.state === 'pending') parts.push(t('people.invitations.validUntil', { date: formatDate(invitation.expiresAt) }));
  if (invitation.state === 'expired') parts.push(t('people.invitations.expiredOn', { date: formatDate(invitation.expiresAt) }));
  if (invitation.state === 'accepted') parts.push(t('people.invitations.acceptedOn', { date: formatDate(invitation.acceptedAt) }));
  parts.push(t('people.invitations.invitedBy', { name: invitation.invitedBy.fullName }));
  return parts.join(' · ');
}

function RevokeModal({ invitation, onClose }: { invitation: Invitation; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeInvitation();
  return (
    <ConfirmModal
      title={t('people.invitations.revokeTitle')}
      text={t('people.invitations.revokeText', { name: invitation.fullName, email: invitation.email })}
      confirmLabel={t('people.invitations.revoke')}
      color="red.9"
      doneMessage={t('people.invitations.revoked', { email: invitation.email })}
      onConfirm={() => revoke.mutateAsync(invitation.id)}
      onClose={onClose}
    />
  );
}

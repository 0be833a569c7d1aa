import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api/errors';
import { ErrorState, ListSkeleton } from '../../shared/components/States';
import { formatDateTime } from '../../shared/dates';
import { type OwnSession, useOwnSessions, useRevokeOtherSessions, useRevokeSession } from './api';
import { describeDevice } from './devices';
import { ProfileSection } from './ProfileSection';
import './strings';

/** The person's live sessions, the one in use first; any other can be ended, or all of them at once. */
export function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useOwnSessions();
  const revokeOthers = useRevokeOtherSessions();
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;

  const onRevokeOthers = () =>
    revokeOthers.mutate(undefined, {
      onSuccess: ({ ended }) => notifications.show({ color: 'green', message: t('profile.sessions.revokedOthers', { count: ended }) }),
      onError: (err) => notifications.show({ color: 'red', message: errorMessage(err, t) }),
    });

  return (
    <ProfileSection title={t('profile.sessions.title')} intro={t('profile.sessions.intro')}>
      {sessions.isPending ? (
        <ListSkeleton rows={2} height={64} />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <Stack gap="xs" component="ul" aria-label={t('profile.sessions.list')} p={0} m={0} style={{ listStyle: 'none' }}>
          {sessions.data.map((session) => (
            <SessionRow key={session.id} session={session} />
          ))}
        </Stack>
      )}
      {sessions.isSuccess &&
        (others > 0 ? (
          <Group>
            <Button variant="light" color="red" loading={revokeOthers.isPending} onClick={onRevokeOthers}>
              {t('profile.sessions.revokeOthers')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('profile.sessions.onlyThis')}
          </Text>
        ))}
    </ProfileSection>
  );
}

function SessionRow({ session }: { session: OwnSession }) {
  const { t } = useTranslation();
  const revoke = useRevokeSession();
  const device = describeDevice(session.userAgent);
  const deviceName = device ? t('profile.sessions.device', device) : t('profile.sessions.unknownDevice');
  const started = formatDateTime(session.createdAt);
  const details = [
    `${t('profile.sessions.started', { date: started })} ${t(`profile.sessions.method.${session.method}`, { defaultValue: '' })}`.trim(),
    t('profile.sessions.lastSeen', { date: formatDateTime(session.lastSeenAt) }),
    session.ip ? t('profile.sessions.ip', { ip: session.ip }) : null,
  ].filter(Boolean);

  const onRevoke = () =>
    revoke.mutate(session.id, {
      onSuccess: () => notifications.show({ color: 'green', message: t('profile.sessions.revoked') }),
      onError: (err) => notifications.show({ color: 'red', message: errorMessage(err, t) }),
    });

  return (
    <Paper component="li" withBorder radius="sm" p="sm" bg={session.current ? 'var(--mantine-color-blue-light)' : undefined}>
      <Group justify="space-between" align="center" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 220px', minWidth: 0 }}>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {deviceName}
            </Text>
            {session.current && (
              <Badge size="sm" variant="filled" tt="none">
                {t('profile.sessions.current')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {details.join(' · ')}
          </Text>
        </Stack>
        {!session.current && (
          <Button size="xs" variant="default" loading={revoke.isPending} onClick={onRevoke} aria-label={t('profile.sessions.revokeLabel', { device: deviceName, date: started })}>
            {t('profile.sessions.revoke')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

import { ActionIcon, Alert, Box, Button, Group, Indicator, Loader, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { formatDateTime } from '../../shared/dates';
import { type Notification, notificationApi, notificationKeys, useNotifications } from './api';

function BellIcon() {
  return (
    <svg width={20} height={20} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The header bell: unread count, the latest messages; a click opens the message's page and marks it read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [opened, setOpened] = useState(false);
  const list = useNotifications(!!user);
  const refresh = () => qc.invalidateQueries({ queryKey: notificationKeys.all });
  const read = useMutation({ mutationFn: notificationApi.read, onSettled: refresh });
  const readAll = useMutation({ mutationFn: notificationApi.readAll, onSettled: refresh });

  if (!user) return null;
  const unread = list.data?.unread ?? 0;

  const open = (message: Notification) => {
    if (!message.readAt) read.mutate(message.id);
    setOpened(false);
    if (message.link) navigate(message.link);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal trapFocus>
      {/* The target is the button itself, which takes the popover's aria-expanded; the count's wrapper is a plain div. */}
      <Indicator label={unread > 99 ? '99+' : unread} size={18} disabled={!unread} color="red" offset={4}>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Text fw={700}>{t('notifications.title')}</Text>
          <Button size="compact-xs" variant="subtle" disabled={!unread} loading={readAll.isPending} onClick={() => readAll.mutate()}>
            {t('notifications.readAll')}
          </Button>
        </Group>
        {list.isPending ? (
          <Group justify="center" p="md">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Group>
        ) : list.isError ? (
          <Alert color="red" variant="light" m="sm" role="alert">
            {errorMessage(list.error, t)}
          </Alert>
        ) : list.data.items.length === 0 ? (
          <Text c="dimmed" size="sm" p="md">
            {t('notifications.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {list.data.items.map((message) => (
                <Box component="li" key={message.id} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
                  <UnstyledButton
                    onClick={() => open(message)}
                    px="md"
                    py="sm"
                    w="100%"
                    bg={message.readAt ? undefined : 'var(--mantine-primary-color-light)'}
                  >
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      {!message.readAt && <Box w={8} h={8} mt={6} style={{ borderRadius: 4, flex: 'none' }} bg="red" aria-label={t('notifications.unread')} />}
                      <Stack gap={2}>
                        <Text size="sm" fw={message.readAt ? 400 : 700}>
                          {message.title}
                        </Text>
                        {message.body && (
                          <Text size="xs" c="dimmed" lineClamp={3}>
                            {message.body}
                          </Text>
                        )}
                        <Text size="xs" c="dimmed">
                          {formatDateTime(message.createdAt)}
                        </Text>
                      </Stack>
                    </Group>
                  </UnstyledButton>
                </Box>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

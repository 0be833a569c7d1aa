import { useState } from 'react';
import { Alert, Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/dates';
import { calendarKeys, feedApi, networkFeedUrl, useFeedStatus } from './api';
import './strings';

function CopyField({ label, url }: { label: string; url: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput label={label} value={url} readOnly onFocus={(e) => e.currentTarget.select()} style={{ flex: 1, minWidth: 0 }} />
      <CopyButton value={url}>{({ copied, copy }) => <Button onClick={copy} variant={copied ? 'light' : 'default'}>{copied ? t('calendar.feed.copied') : t('calendar.feed.copy')}</Button>}</CopyButton>
    </Group>
  );
}

/**
 * The person's secret calendar address: get one (shown this once), make a new one (the old stops working), or turn
 * it off. The server keeps only its hash, so the page cannot show an existing address again.
 */
export function PersonalFeedPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useFeedStatus(true);
  const [url, setUrl] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: calendarKeys.feed });
  const create = useMutation({
    mutationFn: feedApi.create,
    onSuccess: (answer) => {
      setUrl(answer.url);
      setRevoked(false);
    },
    onSettled: refresh,
  });
  const revoke = useMutation({
    mutationFn: feedApi.revoke,
    onSuccess: () => {
      setUrl(null);
      setRevoked(true);
    },
    onSettled: refresh,
  });
  const active = status.data?.active ?? false;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="calendar-feed-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="calendar-feed-title">
          {t('calendar.feed.title')}
        </Title>
        <Text size="sm">{t('calendar.feed.intro')}</Text>
        <Text size="sm" c="dimmed">
          {t('calendar.feed.secret')}
        </Text>
        {url && (
          <Stack gap={4}>
            <CopyField label={t('calendar.feed.urlLabel')} url={url} />
            <Text size="sm" fw={600} role="status">
              {t('calendar.feed.shownOnce')}
            </Text>
          </Stack>
        )}
        {!url && active && status.data?.createdAt && (
          <Text size="sm">
            {t('calendar.feed.active', { date: formatDateTime(status.data.createdAt) })}{' '}
            {status.data.lastFetchedAt ? t('calendar.feed.fetched', { date: formatDateTime(status.data.lastFetchedAt) }) : t('calendar.feed.notFetched')}
          </Text>
        )}
        {revoked && (
          <Text size="sm" role="status">
            {t('calendar.feed.revoked')}
          </Text>
        )}
        {(create.isError || revoke.isError) && <Alert color="red">{errorMessage(create.error ?? revoke.error, t)}</Alert>}
        <Group gap="sm">
          <Button onClick={() => create.mutate()} loading={create.isPending} variant={active ? 'default' : 'filled'}>
            {active ? t('calendar.feed.replace') : t('calendar.feed.create')}
          </Button>
          {active && (
            <Button onClick={() => revoke.mutate()} loading={revoke.isPending} variant="subtle" color="red">
              {t('calendar.feed.revoke')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** The public address of a network's calendar, for anyone's calendar program. */
export function NetworkFeedPanel({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="network-feed-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="network-feed-title">
          {t('calendar.feed.networkTitle')}
        </Title>
        <Text size="sm">{t('calendar.feed.networkIntro')}</Text>
        <CopyField label={t('calendar.feed.networkUrlLabel')} url={networkFeedUrl(networkId)} />
      </Stack>
    </Paper>
  );
}

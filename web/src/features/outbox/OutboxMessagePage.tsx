import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { ErrorState, PageLoader } from '../../shared/components/States';
import { formatDateTime } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { type OutboxMessage, useOutboxMessage, useRetryOutboxMessage } from './api';
import { LetterView } from './LetterView';
import { OutboxStateBadge, useKindLabel } from './OutboxStateBadge';
import './strings';

/** /admin/outbox/:id: one letter — to whom, where it is, its links and text; a failed one can be sent again. */
export function OutboxMessagePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const message = useOutboxMessage(id);
  useDocumentTitle(message.data?.subject ?? t('outbox.title'));
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/admin/outbox" size="sm">
        ← {t('outbox.back')}
      </Anchor>
      {message.isPending ? (
        <PageLoader />
      ) : message.isError ? (
        message.error instanceof ApiError && message.error.status === 404 ? (
          <Title order={1}>{t('outbox.notFound')}</Title>
        ) : (
          <ErrorState error={message.error} onRetry={() => message.refetch()} />
        )
      ) : (
        <Letter message={message.data} />
      )}
    </Stack>
  );
}

function Letter({ message }: { message: OutboxMessage }) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const retry = useRetryOutboxMessage(String(message.id));
  const facts: [string, string][] = [
    [t('outbox.to'), message.to],
    [t('outbox.kindLabel'), kindLabel(message.kind)],
    [t('outbox.created'), formatDateTime(message.createdAt)],
    [t('outbox.attempts'), String(message.attempts)],
    ...(message.sentAt ? [[t('outbox.sentAt'), formatDateTime(message.sentAt)] as [string, string]] : []),
    ...(message.failedAt ? [[t('outbox.failedAt'), formatDateTime(message.failedAt)] as [string, string]] : []),
    ...(message.state === 'waiting' && message.attempts > 0 ? [[t('outbox.nextAttempt'), formatDateTime(message.nextAttemptAt)] as [string, string]] : []),
    ...(message.lastError ? [[t('outbox.lastError'), message.lastError] as [string, string]] : []),
  ];
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1} style={{ overflowWrap: 'anywhere', flex: '1 1 320px' }}>
          {message.subject}
        </Title>
        <OutboxStateBadge state={message.state} />
      </Group>
      <Paper withBorder radius="md" p="md">
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs" m={0}>
          {facts.map(([label, value]) => (
            <div key={label}>
              <Text component="dt" size="sm" c="dimmed">
                {label}
              </Text>
              <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Paper>
      {message.state === 'failed' && (
        <Alert color="red" variant="light">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('outbox.failedHint')}</Text>
            <Button onClick={() => retry.mutate()} loading={retry.isPending}>
              {t('outbox.retry')}
            </Button>
          </Stack>
        </Alert>
      )}
      {retry.isSuccess && (
        <Alert color="green" variant="light" role="status">
          {t('outbox.retried')}
        </Alert>
      )}
      {retry.isError && <ErrorState error={retry.error} />}
      <LetterView subject={message.subject} text={message.text} html={message.html} />
    </Stack>
  );
}

import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../api/errors';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function PageLoader({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label ?? t('common.loading')}</Text>
      </Group>
    </Center>
  );
}

/** Grey rows in place of a list while it loads, about the height of its items. */
export function ListSkeleton({ rows, height }: { rows: number; height: number }) {
  return (
    <Stack gap="xs" aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={height} />
      ))}
    </Stack>
  );
}

/**
 * A list with nothing to show: what is missing, a hint, and — when filters hide everything — a button
 * that resets them.
 */
export function EmptyList({ title, hint, onResetFilters }: { title: string; hint: ReactNode; onResetFilters?: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack gap="xs" align="center">
        <Text fw={600}>{title}</Text>
        <Text c="dimmed" size="sm" ta="center">
          {hint}
        </Text>
        {onResetFilters && (
          <Button variant="light" onClick={onResetFilters}>
            {t('registry.resetFilters')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={t('errors.title')} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(error, t)}</Text>
        {onRetry && (
          <Button size="xs" variant="outline" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Forbidden({ text }: { text?: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('forbidden.title'));
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{t('forbidden.title')}</Title>
      <Text>{text ?? t('forbidden.text')}</Text>
      <Group>
        <Button component={Link} to="/">
          {t('notFound.home')}
        </Button>
      </Group>
    </Stack>
  );
}

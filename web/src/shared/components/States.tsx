import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
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

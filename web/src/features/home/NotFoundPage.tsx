import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';

export function NotFoundPage({ title, text }: { title?: string; text?: string }) {
  const { t } = useTranslation();
  const heading = title ?? t('notFound.title');
  useDocumentTitle(heading);
  return (
    <Stack gap="md" maw={640} py="xl">
      <Text fz={64} fw={800} c="blue.8" lh={1} aria-hidden>
        404
      </Text>
      <Title order={1}>{heading}</Title>
      <Text size="lg">{text ?? t('notFound.text')}</Text>
      <Group gap="sm">
        <Button component={Link} to="/">
          {t('notFound.home')}
        </Button>
        <Button component={Link} to="/organizations" variant="default">
          {t('notFound.registry')}
        </Button>
      </Group>
    </Stack>
  );
}

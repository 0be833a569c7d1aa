import { Alert, Button, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../../features/organizations/strings';

/**
 * The optimistic-concurrency conflict notice (HTTP 409): an orange alert with an explanation and,
 * when a reload is possible, a button that pulls the latest saved version.
 */
export function ConflictAlert({
  title,
  children,
  onReload,
  reloadLabel,
}: {
  title: string;
  /** the explanation, usually one or more <Text size="sm"> */
  children: ReactNode;
  /** when given, shows the «reload latest» button */
  onReload?: () => unknown;
  /** button text; defaults to form.reloadLatest */
  reloadLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" title={title} role="alert">
      <Stack gap="sm" align="flex-start">
        {children}
        {onReload && (
          <Button size="xs" variant="outline" color="orange" onClick={() => void onReload()}>
            {reloadLabel ?? t('form.reloadLatest')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

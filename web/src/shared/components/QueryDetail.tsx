import { Anchor, Skeleton, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isStatus } from '../api/errors';
import { ErrorState } from './States';

/**
 * A detail view loaded by one query, under a «← back» link: a skeleton while loading, the error
 * (with retry unless it is a 404) under the back link, otherwise the content under the back link.
 */
export function QueryDetail<T>({
  query,
  backTo,
  backLabel,
  skeletonHeight,
  children,
}: {
  query: UseQueryResult<T>;
  backTo: string;
  backLabel: string;
  skeletonHeight: number;
  children: (data: T) => ReactNode;
}) {
  const back = (
    <Anchor component={Link} to={backTo} size="sm">
      ← {backLabel}
    </Anchor>
  );
  if (query.isPending) return <Skeleton height={skeletonHeight} />;
  if (query.isError) {
    return (
      <Stack gap="md">
        {back}
        <ErrorState error={query.error} onRetry={isStatus(query.error, 404) ? undefined : () => query.refetch()} />
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      {back}
      {children(query.data)}
    </Stack>
  );
}

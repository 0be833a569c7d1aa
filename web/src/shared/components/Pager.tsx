import { Button, Group, Pagination, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/**
 * The page switcher under a paged list: «Показаны 21–40 из 134» (unless `withRange` is off) and the
 * pages, with Russian names for screen readers; nothing when everything fits on one page. A total the server
 * estimated (`estimated`: a long list is not counted row by row) reads «…, всего около 100 000».
 */
export function Pager({
  page,
  total,
  pageSize,
  onChange,
  withRange = true,
  estimated = false,
}: {
  page: number;
  total: number;
  pageSize: number;
  onChange: (page: number) => void;
  withRange?: boolean;
  estimated?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (total <= pageSize) return null;
  const pages = Math.ceil(total / pageSize);
  return (
    <Group justify={withRange ? 'space-between' : 'flex-end'} gap="sm">
      {withRange && (
        <Text size="sm" c="dimmed">
          {estimated
            ? t('common.shownRangeAbout', { from: (page - 1) * pageSize + 1, to: page * pageSize, total: total.toLocaleString(i18n.language) })
            : t('common.shownRange', { from: (page - 1) * pageSize + 1, to: Math.min(page * pageSize, total), total })}
        </Text>
      )}
      <nav aria-label={t('common.pagination')}>
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onChange}
          siblings={isMobile ? 0 : 1}
          size={isMobile ? 'sm' : 'md'}
          getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p }) })}
          getControlProps={(control) => ({ 'aria-label': t(`common.${control}Page`) })}
        />
      </nav>
    </Group>
  );
}

/**
 * The switcher under a list paged by cursor (a long list, where page numbers mean nothing: nobody goes to page 2000, they
 * filter or search): «Показаны 41–60, всего около 100 000» and «Предыдущая» / «Следующая», with «Первая» further on.
 * `onMove(null)` goes to the first page. Nothing when the list fits on one page.
 */
export function CursorPager({
  page,
  shown,
  total,
  pageSize,
  estimated = false,
  previous,
  next,
  onMove,
}: {
  page: number;
  shown: number;
  total: number;
  pageSize: number;
  estimated?: boolean;
  previous: string | null;
  next: string | null;
  onMove: (cursor: string | null, page: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (page <= 1 && !next) return null;
  const from = (page - 1) * pageSize + 1;
  const to = from + Math.max(0, shown - 1);
  const size = isMobile ? 'xs' : 'sm';
  return (
    <Group justify="space-between" gap="sm">
      <Text size="sm" c="dimmed">
        {shown === 0
          ? '\u00a0'
          : estimated
            ? t('common.shownRangeAbout', { from, to, total: total.toLocaleString(i18n.language) })
            : t('common.shownRange', { from, to, total })}
      </Text>
      <Group component="nav" aria-label={t('common.pagination')} gap="xs">
        {page > 2 && (
          <Button variant="subtle" size={size} onClick={() => onMove(null, 1)}>
            {t('common.firstPage')}
          </Button>
        )}
        <Button variant="default" size={size} disabled={!previous && page <= 1} onClick={() => (previous ? onMove(previous, page - 1) : onMove(null, 1))}>
          <span aria-hidden="true">← </span>
          {t('common.previousPage')}
        </Button>
        <Button variant="default" size={size} disabled={!next} onClick={() => next && onMove(next, page + 1)}>
          {t('common.nextPage')}
          <span aria-hidden="true"> →</span>
        </Button>
      </Group>
    </Group>
  );
}

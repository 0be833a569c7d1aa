import { Group, Pagination, Text } from '@mantine/core';
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

import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type PracticeFilters, practiceExports } from './api';
import './strings';

/** The card as DOCX or PDF: plain download links, so the browser saves the file the server names. */
export function PracticeCardExport({ practiceId }: { practiceId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      {(['docx', 'pdf'] as const).map((format) => (
        <Button key={format} component="a" href={practiceExports.card(practiceId, format)} download size="xs" variant="default">
          {t(`practices.export.${format}`)}
        </Button>
      ))}
    </Group>
  );
}

/** The library's current search result as one PDF with a table of contents. */
export function LibraryExport({ filters, total }: { filters: PracticeFilters; total: number }) {
  const { t } = useTranslation();
  if (!total) return null;
  return (
    <Button component="a" href={practiceExports.library(filters)} download size="xs" variant="default">
      {t('practices.export.collection')}
    </Button>
  );
}

/** A network's practices (those of its member organisations) as one PDF, for the network's page. */
export function NetworkPracticesExport({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  return (
    <Button component="a" href={practiceExports.network(networkId)} download size="xs" variant="default">
      {t('practices.export.network')}
    </Button>
  );
}

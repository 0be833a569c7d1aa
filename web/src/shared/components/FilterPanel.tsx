import { Paper, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The filter bar of a list page: a bordered section labelled by a visually hidden «Filters» heading,
 * holding a search form (role="search") whose submit is handled by onSubmit.
 */
export function FilterPanel({ titleId, onSubmit, children }: { titleId: string; onSubmit: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={titleId}>
      <VisuallyHidden>
        <h2 id={titleId}>{t('registry.filters')}</h2>
      </VisuallyHidden>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </Paper>
  );
}

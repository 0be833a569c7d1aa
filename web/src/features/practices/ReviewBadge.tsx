import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PracticeSummary } from './types';
import './strings';

/** «Не оценивалась» is never a low score: a practice without a review says so, apart from the reviewed ones' scores. */
export function ReviewBadge({ practice }: { practice: Pick<PracticeSummary, 'reviewStatus' | 'reviewScore'> }) {
  const { t, i18n } = useTranslation();
  if (practice.reviewStatus === 'reviewed' && practice.reviewScore !== null) {
    return (
      <Badge variant="filled" color="green">
        {t('practices.score', { score: practice.reviewScore.toLocaleString(i18n.language, { maximumFractionDigits: 1 }) })}
      </Badge>
    );
  }
  return (
    <Badge variant="outline" color={practice.reviewStatus === 'in_review' ? 'orange' : 'gray'}>
      {t(`practices.reviews.${practice.reviewStatus}`)}
    </Badge>
  );
}

import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EnrolmentResult } from './types';
import './strings';

const RESULT_COLORS: Record<EnrolmentResult, string> = { credit: 'green', certificate: 'teal', not_completed: 'gray' };

/** How a child finished a programme: зачёт, сертификат, не завершил(а). */
export function ResultBadge({ result }: { result: EnrolmentResult }) {
  const { t } = useTranslation();
  return (
    <Badge color={RESULT_COLORS[result]} variant="light" tt="none">
      {t(`learning.results.${result}`)}
    </Badge>
  );
}

import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConsultationState } from './types';
import './strings';

const STATE_COLORS: Record<ConsultationState, string> = { requested: 'orange', proposed: 'blue', accepted: 'green', declined: 'gray', cancelled: 'gray' };

export function ConsultationStateBadge({ state }: { state: ConsultationState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state]} variant="light" tt="none">
      {t(`consultations.states.${state}`)}
    </Badge>
  );
}

import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/dates';
import type { CampaignSummary } from './types';
import './strings';

/** «Приём выбора до 15 марта 2026», «Распределено», … — what a family needs to know at a glance. */
export function CampaignStatusBadge({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  if (campaign.state === 'open') {
    if (campaign.acceptingChoices) return <Badge color="green" variant="light" tt="none">{t('campaigns.openUntil', { date: formatDate(campaign.closesAt) })}</Badge>;
    if (new Date(campaign.opensAt) > new Date()) return <Badge color="blue" variant="light" tt="none">{t('campaigns.opensOn', { date: formatDate(campaign.opensAt) })}</Badge>;
    return <Badge color="orange" variant="light" tt="none">{t('campaigns.closedAwaiting')}</Badge>;
  }
  if (campaign.state === 'allocated') return <Badge color="grape" variant="light" tt="none">{t('campaigns.allocatedOn', { date: formatDate(campaign.allocatedAt) })}</Badge>;
  return (
    <Badge color="gray" variant="light" tt="none">
      {t(`campaigns.states.${campaign.state}`)}
    </Badge>
  );
}

import { Code, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from './types';
import './strings';

/** The published lottery in plain words: the fingerprint while choices run, the revealed secret after allocation. */
export function LotteryPanel({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  if (!campaign.lotterySeedHash) return null;
  const allocated = campaign.state === 'allocated';
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('campaigns.lottery')}
      </Title>
      <Text size="sm">{allocated ? t('campaigns.lotteryHowAllocated') : t('campaigns.lotteryHowOpen')}</Text>
      <Text size="sm">{allocated ? t('campaigns.lotteryHowFair') : t('campaigns.lotteryHowFairOpen')}</Text>
      <Text size="sm" fw={600}>
        {t('campaigns.seedHash')}
      </Text>
      <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="seed-hash">
        {campaign.lotterySeedHash}
      </Code>
      <Text size="sm" fw={600}>
        {t('campaigns.seed')}
      </Text>
      {campaign.lotterySeed ? (
        <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="seed">
          {campaign.lotterySeed}
        </Code>
      ) : (
        <Text size="sm" c="dimmed">
          {t('campaigns.seedPending')}
        </Text>
      )}
    </Stack>
  );
}

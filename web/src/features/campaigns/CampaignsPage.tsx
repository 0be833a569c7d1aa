import { Anchor, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../shared/auth/AuthContext';
import { administeredOrganizationIds } from '../../shared/auth/administered';
import { ErrorState } from '../../shared/components/States';
import { formatDateTime } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useCampaigns } from './api';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import './strings';

/** /campaigns: open and allocated campaigns for families; organisers also see their drafts and can start a new one. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useDocumentTitle(t('campaigns.title'));
  const campaigns = useCampaigns();
  const heads = administeredOrganizationIds(user).length > 0;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('campaigns.title')}</Title>
          <Text c="dimmed">{t('campaigns.subtitle')}</Text>
        </div>
        {heads && (
          <Button component={Link} to="/campaigns/new">
            {t('campaigns.create')}
          </Button>
        )}
      </Group>
      {campaigns.isPending && <Skeleton height={160} />}
      {campaigns.isError && <ErrorState error={campaigns.error} onRetry={() => campaigns.refetch()} />}
      {campaigns.data?.length === 0 && (
        <Card withBorder>
          <Text fw={600}>{t('campaigns.empty')}</Text>
          <Text c="dimmed" size="sm">
            {t('campaigns.emptyHint')}
          </Text>
        </Card>
      )}
      {campaigns.data?.map((campaign) => (
        <Card key={campaign.id} withBorder data-testid="campaign-card">
          <Stack gap={6}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Anchor component={Link} to={`/campaigns/${campaign.id}`} fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
                {campaign.title}
              </Anchor>
              <CampaignStatusBadge campaign={campaign} />
            </Group>
            <Text size="sm">
              {t('campaigns.organizer')}: {campaign.organizer.shortName}
              {campaign.network ? ` · ${t('campaigns.network')}: ${campaign.network.name}` : ''}
            </Text>
            <Text size="sm" c="dimmed">
              {t('campaigns.window', { from: formatDateTime(campaign.opensAt), to: formatDateTime(campaign.closesAt) })} · {t('campaigns.upTo', { count: campaign.maxChoices })} ·{' '}
              {t('campaigns.programmesCount', { count: campaign.programmeCount ?? 0 })}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

import { ActionIcon, Alert, Anchor, Badge, Button, Card, Divider, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { formatDateTime } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useCampaign, useRemoveProgramme } from './api';
import { CampaignStatistics } from './CampaignStatistics';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { LotteryPanel } from './LotteryPanel';
import { OrganiserPanel } from './OrganiserPanel';
import { RankingEditor } from './RankingEditor';
import type { Campaign, CampaignChild } from './types';
import './strings';

/**
 * /campaigns/:id. Everyone: the window, the rule, the programmes with seats and the published lottery.
 * A family: per child, the ranking editor while choices are open, then the result and «Почему так».
 * The organiser: the controls and, after allocation, the statistics.
 */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useCampaign(id);
  useDocumentTitle(query.data?.title ?? t('campaigns.title'));
  return (
    <QueryDetail query={query} backTo="/campaigns" backLabel={t('campaigns.back')} skeletonHeight={480}>
      {(campaign) => <CampaignView campaign={campaign} />}
    </QueryDetail>
  );
}

function CampaignView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <div>
        <Group gap="sm" align="center">
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {campaign.title}
          </Title>
          <CampaignStatusBadge campaign={campaign} />
        </Group>
        <Text c="dimmed">
          {t('campaigns.organizer')}: {campaign.organizer.shortName}
          {campaign.network ? ` · ${t('campaigns.network')}: ${campaign.network.name}` : ''}
        </Text>
      </div>
      {campaign.description && <Text style={{ whiteSpace: 'pre-line' }}>{campaign.description}</Text>}
      <Text size="sm">
        {t('campaigns.window', { from: formatDateTime(campaign.opensAt), to: formatDateTime(campaign.closesAt) })} · {t('campaigns.upTo', { count: campaign.maxChoices })}
        <br />
        {t(`campaigns.priorityRules.${campaign.priorityRule}`)}
      </Text>
      {campaign.canManage && (campaign.state === 'draft' || campaign.state === 'open') && <OrganiserPanel campaign={campaign} />}
      {campaign.canManage && campaign.stats && <CampaignStatistics stats={campaign.stats} programmes={campaign.programmes} />}
      {!campaign.canManage && <FamilySection campaign={campaign} />}
      <ProgrammesTable campaign={campaign} />
      <Divider />
      <LotteryPanel campaign={campaign} />
    </Stack>
  );
}

function ProgrammesTable({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const remove = useRemoveProgramme(campaign.id);
  const editable = campaign.canManage && campaign.state === 'draft';
  const counted = campaign.programmes.some((p) => p.choices);
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('campaigns.programmes')}
      </Title>
      {campaign.programmes.length === 0 ? (
        <Text c="dimmed">{t('campaigns.noProgrammes')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder verticalSpacing="xs" aria-label={t('campaigns.programmes')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.programme')}</Table.Th>
                <Table.Th>{t('campaigns.provider')}</Table.Th>
                <Table.Th>{t('campaigns.grades')}</Table.Th>
                <Table.Th>{t('campaigns.seats')}</Table.Th>
                {counted && <Table.Th>{t('campaigns.chosen')}</Table.Th>}
                {editable && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaign.programmes.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/programmes/${p.id}`}>
                      {p.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{p.provider.shortName}</Table.Td>
                  <Table.Td>{p.gradeFrom !== null || p.gradeTo !== null ? t('campaigns.gradesRange', { from: p.gradeFrom ?? 1, to: p.gradeTo ?? 11 }) : '—'}</Table.Td>
                  <Table.Td>{p.seats}</Table.Td>
                  {counted && (
                    <Table.Td>
                      {p.choices?.total ?? 0} ({p.choices?.first ?? 0})
                    </Table.Td>
                  )}
                  {editable && (
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" aria-label={t('campaigns.removeLabel', { title: p.title })} loading={remove.isPending && remove.variables === p.id} onClick={() => remove.mutate(p.id)}>
                        ✕
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {remove.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(remove.error, t)}
        </Alert>
      )}
    </Stack>
  );
}

function FamilySection({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (campaign.state === 'cancelled') return <Alert color="gray">{t('campaigns.cancelled')}</Alert>;
  if (!user?.platformRoles.includes('guardian')) return <Text c="dimmed">{t('campaigns.signInAsGuardian')}</Text>;
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('campaigns.yourChildren')}
      </Title>
      {campaign.children.length === 0 && (
        <Card withBorder>
          <Stack gap="xs" align="flex-start">
            <Text>{t('campaigns.noChildren')}</Text>
            <Button variant="light" component={Link} to="/children">
              {t('campaigns.addChild')}
            </Button>
          </Stack>
        </Card>
      )}
      {campaign.children.map((child) => (
        <ChildCard key={child.id} campaign={campaign} child={child} />
      ))}
    </Stack>
  );
}

function ChildCard({ campaign, child }: { campaign: Campaign; child: CampaignChild }) {
  const { t } = useTranslation();
  const notStarted = campaign.state === 'open' && new Date(campaign.opensAt) > new Date();
  return (
    <Paper withBorder p="md" data-testid="campaign-child">
      <Stack gap="sm">
        <Group gap="xs">
          <Text fw={700}>{child.fullName}</Text>
          {child.grade !== null && <Badge variant="light" tt="none">{t('campaigns.gradeLabel', { grade: child.grade })}</Badge>}
        </Group>
        {campaign.state === 'allocated' ? (
          <ChildResultView child={child} />
        ) : !child.consent ? (
          <Alert color="yellow" variant="light">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('campaigns.consentNeeded')}</Text>
              <Anchor component={Link} to={`/children/${child.id}`} size="sm">
                {t('campaigns.toChild')}
              </Anchor>
            </Stack>
          </Alert>
        ) : campaign.acceptingChoices ? (
          <>
            <Text size="sm">{t('campaigns.deadline', { date: formatDateTime(campaign.closesAt), limit: t('campaigns.upTo', { count: campaign.maxChoices }) })}</Text>
            <RankingEditor campaignId={campaign.id} child={child} programmes={campaign.programmes} maxChoices={campaign.maxChoices} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {notStarted ? t('campaigns.notYetOpen', { date: formatDateTime(campaign.opensAt) }) : t('campaigns.closed')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function ChildResultView({ child }: { child: CampaignChild }) {
  const { t } = useTranslation();
  const result = child.result;
  if (!result) return <Text c="dimmed">{t('campaigns.noResult')}</Text>;
  return (
    <Stack gap="xs" data-testid="campaign-result">
      {result.programme ? (
        <Alert color="green" variant="light" title={t('campaigns.assigned', { title: result.programme.title })}>
          {t('campaigns.assignedRank', { rank: result.choiceRank })}
        </Alert>
      ) : (
        <Alert color="orange" variant="light" title={t('campaigns.unassignedTitle')}>
          {result.why[0]}
        </Alert>
      )}
      {result.why.length > 1 && (
        <>
          <Text fw={600} size="sm">
            {t('campaigns.why')}
          </Text>
          <List size="sm" spacing={4}>
            {result.why.slice(1).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </>
      )}
      <Text size="xs" c="dimmed">
        {t('campaigns.yourLottery', { value: result.lottery.toLocaleString('ru-RU', { maximumFractionDigits: 6 }) })}
      </Text>
    </Stack>
  );
}

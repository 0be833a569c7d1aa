import { Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignProgramme, CampaignStats } from './types';
import './strings';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** The organiser's figures after allocation: who got a seat, how many got their first choices, how full each programme is. */
export function CampaignStatistics({ stats, programmes }: { stats: CampaignStats; programmes: CampaignProgramme[] }) {
  const { t } = useTranslation();
  const titleOf = (id: string) => programmes.find((p) => p.id === id)?.title ?? '';
  const figures = [
    { label: t('campaigns.statApplicants'), value: String(stats.applicants) },
    { label: t('campaigns.statAssigned'), value: String(stats.assigned) },
    { label: t('campaigns.statUnassigned'), value: String(stats.unassigned) },
    { label: t('campaigns.statFirstChoice'), value: percent(stats.firstChoiceShare) },
    ...(stats.topChoiceShares.length > 1
      ? [{ label: t('campaigns.statTopChoice', { count: stats.topChoiceShares.length }), value: percent(stats.topChoiceShares[stats.topChoiceShares.length - 1]) }]
      : []),
  ];
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('campaigns.stats')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: figures.length }}>
        {figures.map((f) => (
          <Paper key={f.label} withBorder p="sm" data-testid="campaign-stat">
            <Text size="xl" fw={700}>
              {f.value}
            </Text>
            <Text size="sm" c="dimmed">
              {f.label}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder verticalSpacing="xs" aria-label={t('campaigns.stats')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaigns.programme')}</Table.Th>
              <Table.Th>{t('campaigns.applicantsColumn')}</Table.Th>
              <Table.Th w="40%">{t('campaigns.fillRate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stats.programmes.map((p) => (
              <Table.Tr key={p.programmeId}>
                <Table.Td>{titleOf(p.programmeId)}</Table.Td>
                <Table.Td>{p.applicants}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Progress value={p.fillRate * 100} style={{ flex: 1 }} aria-label={titleOf(p.programmeId)} />
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {t('campaigns.fillRateValue', { assigned: p.assigned, capacity: p.capacity })}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

import { useState } from 'react';
import { Anchor, Button, Grid, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { Fact } from '../../shared/components/Fact';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { EnrolPanel } from '../enrolments/EnrolPanel';
import { clockTime } from '../learning/labels';
import { programmeApi, programmeKeys, useProgramme } from './api';
import { ProgrammeBadges, SeatsText, audienceText, programmePeriod } from './labels';
import type { ProgrammeDetail } from './types';
import { placeName } from '../../shared/i18n/place-names';
import '../learning/strings';
import './strings';
import { ActionFailure, type Failure } from '../../shared/components/ActionFailure';

export function ProgrammePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const programme = useProgramme(id);
  useDocumentTitle(programme.data ? programme.data.title : t('programmes.oneTitle'));
  return (
    <QueryDetail query={programme} backTo="/programmes" backLabel={t('programmes.toCatalogue')} skeletonHeight={520}>
      {(data) => <ProgrammeView programme={data} />}
    </QueryDetail>
  );
}

function ProgrammeView({ programme }: { programme: ProgrammeDetail }) {
  const { t } = useTranslation();
  const elsewhere = programme.venue.id !== programme.provider.id;
  return (
    <Stack gap="lg">
      <Stack gap={8}>
        <ProgrammeBadges programme={programme} />
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {programme.title}
        </Title>
        <Text c="dimmed">
          <Anchor component={Link} to={`/organizations/${programme.provider.id}`}>
            {programme.provider.shortName}
          </Anchor>
          {' · '}
          {placeName(programme.municipalityName)}
        </Text>
        <SeatsText programme={programme} size="md" />
      </Stack>

      {programme.canManage && <ManagePanel programme={programme} />}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="programme-about">
              <Title order={2} size="h4" id="programme-about" mb="sm">
                {t('programmes.about')}
              </Title>
              <Stack gap="md">
                {programme.description ? (
                  <Text style={{ whiteSpace: 'pre-line' }}>{programme.description}</Text>
                ) : (
                  <Text c="dimmed">{t('programmes.noDescription')}</Text>
                )}
                <Grid gap="md">
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Fact label={t('programmes.field.audience')}>{audienceText(programme, t)}</Fact>
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Fact label={t('programmes.field.period')}>{programmePeriod(programme, t)}</Fact>
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Fact label={t('programmes.field.format')}>{t(`programmes.formatsLong.${programme.format}`)}</Fact>
                  </Grid.Col>
                  {programme.teacherName && (
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Fact label={t('programmes.field.teacher')}>{programme.teacherName}</Fact>
                    </Grid.Col>
                  )}
                </Grid>
                {programme.requirements && (
                  <Fact label={t('programmes.field.requirements')}>
                    <span style={{ whiteSpace: 'pre-line' }}>{programme.requirements}</span>
                  </Fact>
                )}
              </Stack>
            </Paper>

            <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="programme-schedule">
              <Title order={2} size="h4" id="programme-schedule" mb="sm">
                {t('programmes.schedule')}
              </Title>
              {programme.slots.length === 0 ? (
                <Text c="dimmed">{t('programmes.noSchedule')}</Text>
              ) : (
                <Table withRowBorders={false} verticalSpacing={4} maw={420}>
                  <Table.Tbody>
                    {programme.slots.map((slot) => (
                      <Table.Tr key={`${slot.weekday}-${slot.startMinute}`}>
                        <Table.Td fw={500}>{t(`learning.weekdays.long.${slot.weekday}`)}</Table.Td>
                        <Table.Td>
                          {clockTime(slot.startMinute)}–{clockTime(slot.endMinute)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>

            <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="programme-place">
              <Title order={2} size="h4" id="programme-place" mb="sm">
                {t('programmes.place')}
              </Title>
              <Stack gap={4}>
                <Text>
                  <Anchor component={Link} to={`/organizations/${programme.venue.id}`} fw={500}>
                    {programme.venue.shortName}
                  </Anchor>
                  {elsewhere && (
                    <Text span c="dimmed" size="sm">
                      {' — '}
                      {t('programmes.partnerVenue')}
                    </Text>
                  )}
                </Text>
                {programme.venue.address && <Text size="sm">{programme.venue.address}</Text>}
                <Text size="sm" c="dimmed">
                  {placeName(programme.municipalityName)}
                </Text>
              </Stack>
            </Paper>

            <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="programme-networks">
              <Title order={2} size="h4" id="programme-networks" mb="sm">
                {t('programmes.networks')}
              </Title>
              {programme.networks.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('programmes.noNetworks')}
                </Text>
              ) : (
                <List size="sm" spacing={4}>
                  {programme.networks.map((network) => (
                    <List.Item key={network.id}>
                      <Anchor component={Link} to={`/networks/${network.id}`}>
                        {network.title}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              )}
            </Paper>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md" style={{ position: 'sticky', top: 80 }}>
            <EnrolPanel programme={programme} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** For the provider's heads: edit, publish or take out of the catalogue, and the roster with attendance. */
function ManagePanel({ programme }: { programme: ProgrammeDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [failure, setFailure] = useState<Failure | null>(null);
  const change = useMutation({
    mutationFn: (action: 'publish' | 'archive') => programmeApi[action](programme.id, programme.version),
    onSuccess: (fresh, action) => {
      setFailure(null);
      qc.setQueryData(programmeKeys.one(programme.id), fresh);
      void qc.invalidateQueries({ queryKey: programmeKeys.all });
      notifications.show({ color: 'green', message: t(action === 'publish' ? 'programmes.published' : 'programmes.archived') });
    },
    onError: (err) => setFailure({ conflict: isStatus(err, 409), message: errorMessage(err, t) }),
  });
  const reload = () => {
    setFailure(null);
    return qc.invalidateQueries({ queryKey: programmeKeys.one(programme.id) });
  };
  return (
    <Paper withBorder radius="md" p="md" bg="gray.0" component="section" aria-label={t('programmes.manage')}>
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Text size="sm">{t(`programmes.stateHint.${programme.state}`)}</Text>
          <Group gap="xs">
            <Button component={Link} to={`/programmes/${programme.id}/roster`} variant="default">
              {t('programmes.roster')}
            </Button>
            {programme.state !== 'archived' && (
              <Button component={Link} to={`/programmes/${programme.id}/edit`} variant="default">
                {t('programmes.edit')}
              </Button>
            )}
            {programme.state !== 'published' && (
              <Button onClick={() => change.mutate('publish')} loading={change.isPending && change.variables === 'publish'}>
                {t(programme.state === 'archived' ? 'programmes.republish' : 'programmes.publish')}
              </Button>
            )}
            {programme.state !== 'archived' && (
              <Button color="red" variant="light" onClick={() => change.mutate('archive')} loading={change.isPending && change.variables === 'archive'}>
                {t('programmes.archive')}
              </Button>
            )}
          </Group>
        </Group>
        <ActionFailure failure={failure} conflictTitle={t('programmes.notDone')} onReload={reload} />
      </Stack>
    </Paper>
  );
}

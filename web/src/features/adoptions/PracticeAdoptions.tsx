import { useState } from 'react';
import { Anchor, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRegion } from '../../shared/api/queries';
import { ErrorState, ListSkeleton } from '../../shared/components/States';
import { formatDay } from '../../shared/dates';
import { placeName } from '../../shared/i18n/place-names';
import { OrgMap } from '../organizations/OrgMap';
import { AdoptModal, ResultsModal } from './AdoptionForms';
import { usePracticeAdoptions } from './api';
import { STATE_COLORS } from './labels';
import type { Adoption, AdoptionFigure } from './types';
import './strings';

/**
 * «Кто внедрил» on a practice's card: the schools that adopt it — on a map (Leaflet loads only when there is someone
 * to show) and in a list with their dates, changes and results — with «Внедряем у себя» for those who may adopt it
 * and «Добавить результаты» for the adopting school's people.
 */
export function PracticeAdoptions({ practiceId }: { practiceId: string }) {
  const { t } = useTranslation();
  const adoptions = usePracticeAdoptions(practiceId);
  const region = useRegion();
  const [adopting, setAdopting] = useState(false);
  const [withResults, setWithResults] = useState<Adoption | null>(null);
  const data = adoptions.data;
  const placed = (data?.adoptions ?? []).flatMap((a) =>
    a.organization.lat !== null && a.organization.lon !== null ? [{ id: a.organization.id, shortName: a.organization.shortName, lat: a.organization.lat, lon: a.organization.lon, municipality: a.municipality.name }] : [],
  );
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="practice-adoptions">
      <Stack gap="sm">
        <Group justify="space-between" align="center" gap="xs">
          <Title order={2} size="h4" id="practice-adoptions">
            {t('adoptions.title')}
            {data && data.adoptions.length > 0 && ` (${data.adoptions.length})`}
          </Title>
          {data && data.adoptableOrganizations.length > 0 && <Button onClick={() => setAdopting(true)}>{t('adoptions.adopt')}</Button>}
        </Group>
        <Text size="sm" c="dimmed">
          {t('adoptions.intro')}
        </Text>
        {adoptions.isPending ? (
          <ListSkeleton rows={2} height={64} />
        ) : adoptions.isError ? (
          <ErrorState error={adoptions.error} onRetry={() => void adoptions.refetch()} />
        ) : adoptions.data.adoptions.length === 0 ? (
          <Text c="dimmed">{t('adoptions.empty')}</Text>
        ) : (
          <>
            {placed.length > 0 && region.data && (
              <OrgMap items={placed} region={region.data} height={260} label={t('adoptions.mapLabel')} markerColor={() => '#2f9e44'} describe={(o) => placeName(o.municipality)} />
            )}
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {adoptions.data.adoptions.map((adoption) => (
                <AdoptionItem key={adoption.id} adoption={adoption} onResults={() => setWithResults(adoption)} />
              ))}
            </Stack>
          </>
        )}
      </Stack>
      {adopting && data && <AdoptModal practiceId={practiceId} organizations={data.adoptableOrganizations} onClose={() => setAdopting(false)} />}
      {withResults && <ResultsModal practiceId={practiceId} adoption={withResults} onClose={() => setWithResults(null)} />}
    </Paper>
  );
}

function figureText(figure: AdoptionFigure, t: ReturnType<typeof useTranslation>['t']) {
  const values = { indicator: figure.indicator, before: figure.before?.toLocaleString('ru-RU'), after: figure.after.toLocaleString('ru-RU'), unit: figure.unit };
  return (figure.before === null ? t('adoptions.figureAfter', values) : t('adoptions.figureLine', values)).trim();
}

function AdoptionItem({ adoption, onResults }: { adoption: Adoption; onResults: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper component="li" withBorder radius="sm" p="sm">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Anchor component={Link} to={`/organizations/${adoption.organization.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
              {adoption.organization.shortName}
            </Anchor>
            <Text size="sm" c="dimmed">
              {placeName(adoption.municipality.name)} · {t('adoptions.since', { date: formatDay(adoption.startedOn) })}
              {adoption.stoppedOn && ` · ${t('adoptions.stoppedOn', { date: formatDay(adoption.stoppedOn) })}`}
            </Text>
          </div>
          <Badge variant="light" color={STATE_COLORS[adoption.state]} tt="none" style={{ flexShrink: 0 }}>
            {t(`adoptions.states.${adoption.state}`)}
          </Badge>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          <Text span fw={500}>
            {t('adoptions.changes')}:
          </Text>{' '}
          {adoption.changes}
        </Text>
        {adoption.needs && adoption.needs.length > 0 && (
          <Text size="sm">
            <Text span fw={500}>
              {t('adoptions.needs')}:
            </Text>{' '}
            {adoption.needs.map((n) => n.title).join('; ')}
          </Text>
        )}
        {adoption.results && adoption.resultsOn && (
          <div>
            <Text size="sm" fw={500}>
              {t('adoptions.results', { date: formatDay(adoption.resultsOn) })}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {adoption.results}
            </Text>
            {adoption.figures.length > 0 && (
              <List size="sm" mt={4}>
                {adoption.figures.map((f, i) => (
                  <List.Item key={i}>{figureText(f, t)}</List.Item>
                ))}
              </List>
            )}
          </div>
        )}
        {adoption.canUpdate && adoption.state !== 'stopped' && (
          <Group>
            <Button size="xs" variant="light" onClick={onResults}>
              {adoption.results ? t('adoptions.updateResults') : t('adoptions.addResults')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

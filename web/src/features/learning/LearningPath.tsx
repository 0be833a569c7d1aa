import { Alert, Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../shared/components/States';
import { periodText } from '../../shared/dates';
import { useLearningPath } from './api';
import { ResultBadge } from './ResultBadge';
import { attendanceText, clashWithText, slotsText, timeRange } from './labels';
import type { Clash, LearningPath as Path, LearningPathItem } from './types';
import './strings';

/**
 * A child's week across organisations (embedded on the child's page): a grid Monday to Sunday with
 * each programme's classes, clashing classes marked and explained, and the list of programmes with
 * attendance and results.
 */
export function LearningPath({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const path = useLearningPath(childId);
  return (
    <Stack gap="md" component="section" aria-labelledby="learning-path-title">
      <div>
        <Title order={2} id="learning-path-title">
          {t('learning.path.title')}
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('learning.path.subtitle')}
        </Text>
      </div>
      {path.isPending ? (
        <Skeleton height={220} />
      ) : path.isError ? (
        <ErrorState error={path.error} onRetry={() => path.refetch()} />
      ) : path.data.items.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Stack gap={6} align="flex-start">
            <Text fw={600}>{t('learning.path.empty')}</Text>
            <Text size="sm" c="dimmed">
              {t('learning.path.emptyHint')}
            </Text>
            <Button component={Link} to="/programmes" variant="light" size="xs" mt={4}>
              {t('learning.path.toCatalogue')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <PathView path={path.data} />
      )}
    </Stack>
  );
}

function PathView({ path }: { path: Path }) {
  const { t } = useTranslation();
  const byEnrolment = new Map(path.items.map((item) => [item.enrolmentId, item]));
  const titleOf = (enrolmentId: string) => byEnrolment.get(enrolmentId)?.programme.title ?? '';
  return (
    <>
      {path.clashes.length > 0 && (
        <Alert color="orange" variant="light" title={t('learning.path.clashesTitle', { count: path.clashes.length })} role="status">
          <Stack gap={6}>
            <List size="sm" spacing={2}>
              {path.clashes.map((clash) => (
                <List.Item key={`${clash.first}-${clash.second}-${clash.weekday}-${clash.startMinute}`}>
                  {t('learning.path.clash', {
                    first: titleOf(clash.first),
                    second: titleOf(clash.second),
                    weekday: t(`learning.weekdays.every.${clash.weekday}`),
                    time: timeRange(clash),
                  })}
                </List.Item>
              ))}
            </List>
            <Text size="sm">{t('learning.path.clashesHint')}</Text>
          </Stack>
        </Alert>
      )}
      <WeekGrid path={path} byEnrolment={byEnrolment} />
      <Title order={3} size="h4" mt="xs">
        {t('learning.path.programmes')}
      </Title>
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {path.items.map((item) => (
          <ProgrammeCard key={item.enrolmentId} item={item} />
        ))}
      </Stack>
    </>
  );
}

/** The clashes a class block takes part in, each told from this block's side. */
function clashesOfBlock(clashes: Clash[], enrolmentId: string, weekday: number, startMinute: number, endMinute: number) {
  return clashes.filter(
    (c) => c.weekday === weekday && (c.first === enrolmentId || c.second === enrolmentId) && c.startMinute < endMinute && startMinute < c.endMinute,
  );
}

function WeekGrid({ path, byEnrolment }: { path: Path; byEnrolment: Map<string, LearningPathItem> }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 4, lg: 7 }} spacing="xs" role="list" aria-label={t('learning.path.weekLabel')}>
      {path.week.map((day) => (
        // A phone shows only the days with classes; wider screens show the whole week.
        <Paper
          key={day.weekday}
          withBorder
          radius="md"
          p="xs"
          role="listitem"
          bg={day.blocks.length ? undefined : 'var(--mantine-color-gray-0)'}
          visibleFrom={day.blocks.length ? undefined : 'sm'}
        >
          <Text fw={700} size="sm" mb={6}>
            {t(`learning.weekdays.long.${day.weekday}`)}
          </Text>
          {day.blocks.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('learning.path.noClasses')}
            </Text>
          ) : (
            <Stack gap={6}>
              {day.blocks.map((block) => {
                const item = byEnrolment.get(block.entryId);
                if (!item) return null;
                const clashes = clashesOfBlock(path.clashes, block.entryId, day.weekday, block.startMinute, block.endMinute);
                const clashing = clashes.length > 0;
                return (
                  <Paper
                    key={`${block.entryId}-${block.startMinute}`}
                    radius="sm"
                    p={6}
                    data-testid="timetable-block"
                    data-clash={clashing || undefined}
                    style={{
                      borderLeft: `4px solid var(--mantine-color-${clashing ? 'red-6' : 'blue-6'})`,
                      background: `var(--mantine-color-${clashing ? 'red-0' : 'blue-0'})`,
                    }}
                  >
                    <Text size="xs" fw={700}>
                      {timeRange(block)}
                    </Text>
                    {/* Titles wrap between words, never mid-word with a hyphen; only a word wider than the column breaks. */}
                    <Text size="sm" fw={600} lh={1.25} style={{ overflowWrap: 'break-word' }}>
                      {item.programme.title}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {placeText(item, t)}
                    </Text>
                    {clashes.map((clash) => (
                      <Text key={`${clash.first}-${clash.second}-${clash.startMinute}`} size="xs" c="red.8" fw={600} mt={2} style={{ overflowWrap: 'break-word' }}>
                        {clashWithText(clash, byEnrolment.get(clash.first === block.entryId ? clash.second : clash.first)?.programme.title ?? '', t)}
                      </Text>
                    ))}
                  </Paper>
                );
              })}
            </Stack>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** Where classes take place: the venue, or «дистанционно». */
function placeText(item: LearningPathItem, t: TFunction): string {
  if (item.programme.format === 'distance') return t('learning.formats.distance');
  return item.programme.venue.shortName;
}

function ProgrammeCard({ item }: { item: LearningPathItem }) {
  const { t } = useTranslation();
  const { programme } = item;
  const differentVenue = programme.venue.id !== programme.provider.id && programme.format !== 'distance';
  return (
    <Paper withBorder radius="md" p="md" component="li" data-testid="learning-path-item">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Anchor component={Link} to={`/programmes/${programme.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
            {programme.title}
          </Anchor>
          <Fact label={t('learning.path.provider')} value={programme.provider.shortName} />
          {differentVenue && <Fact label={t('learning.path.venue')} value={[programme.venue.shortName, programme.venue.address].filter(Boolean).join(', ')} />}
          <Fact label={t('learning.path.schedule')} value={`${slotsText(item.slots, t) || '—'} · ${t(`learning.formats.${programme.format}`)}`} />
          <Fact label={t('learning.path.period')} value={periodText(item.startsOn, item.endsOn, t) ?? '—'} />
          {programme.teacherName && <Fact label={t('learning.path.teacher')} value={programme.teacherName} />}
          <Fact label={t('learning.path.attendance')} value={attendanceText(item.attendance, t)} />
          {item.resultNote && <Fact label={t('learning.path.result')} value={item.resultNote} />}
        </Stack>
        <Group gap={6}>
          {item.result ? (
            <ResultBadge result={item.result} />
          ) : (
            <Badge color={item.state === 'completed' ? 'gray' : 'blue'} variant="light" tt="none">
              {item.state === 'completed' ? t('learning.path.completed') : t('learning.path.studying')}
            </Badge>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {label}:
      </Text>{' '}
      {value}
    </Text>
  );
}

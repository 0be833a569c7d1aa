import { Badge, Group, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { periodText } from '../../shared/dates';
import { slotsText } from '../learning/labels';
import type { ProgrammeSummary } from './types';
import './strings';

const DIRECTION_COLORS: Record<ProgrammeSummary['direction'], string> = {
  technical: 'indigo',
  natural_science: 'teal',
  social: 'grape',
  arts: 'pink',
  sports: 'orange',
  tourism: 'lime',
};

/** Who it is for: «5–8 классы», «10 класс», «7–10 лет», «с 14 лет». */
export function audienceText(p: Pick<ProgrammeSummary, 'gradeFrom' | 'gradeTo' | 'ageFrom' | 'ageTo'>, t: TFunction): string {
  const range = (from: number | null, to: number | null, unit: 'grades' | 'ages') => {
    if (from !== null && to !== null) return from === to ? t(`programmes.audience.${unit}One`, { value: from }) : t(`programmes.audience.${unit}Range`, { from, to });
    if (from !== null) return t(`programmes.audience.${unit}From`, { value: from });
    if (to !== null) return t(`programmes.audience.${unit}To`, { value: to });
    return null;
  };
  return [range(p.gradeFrom, p.gradeTo, 'grades'), range(p.ageFrom, p.ageTo, 'ages')].filter(Boolean).join(', ');
}

/** «Пн 15:00–16:30, Чт 15:00–16:30», or that the timetable is not set. */
export function scheduleText(p: Pick<ProgrammeSummary, 'slots'>, t: TFunction): string {
  return p.slots.length ? slotsText(p.slots, t) : t('programmes.noSchedule');
}

export const programmePeriod = (p: Pick<ProgrammeSummary, 'startsOn' | 'endsOn'>, t: TFunction) => periodText(p.startsOn, p.endsOn, t) ?? '';

/** Kind and direction in Russian, and the state when it is not the catalogue's «published». */
export function ProgrammeBadges({ programme }: { programme: Pick<ProgrammeSummary, 'kind' | 'direction' | 'state' | 'enrolmentMode' | 'format'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Badge size="sm" variant="light" color="blue" tt="none">
        {t(`programmes.kinds.${programme.kind}`)}
      </Badge>
      <Badge size="sm" variant="light" color={DIRECTION_COLORS[programme.direction]} tt="none">
        {t(`programmes.directions.${programme.direction}`)}
      </Badge>
      {programme.format !== 'on_site' && (
        <Badge size="sm" variant="outline" color="gray" tt="none">
          {t(`programmes.formats.${programme.format}`)}
        </Badge>
      )}
      {programme.enrolmentMode === 'campaign' && (
        <Badge size="sm" variant="outline" color="violet" tt="none">
          {t('programmes.byCampaign')}
        </Badge>
      )}
      {programme.state !== 'published' && (
        <Badge size="sm" variant="filled" color={programme.state === 'draft' ? 'yellow' : 'gray'} tt="none">
          {t(`programmes.states.${programme.state}`)}
        </Badge>
      )}
    </Group>
  );
}

/** «Свободно 3 из 25», or «Мест нет — лист ожидания». */
export function SeatsText({ programme, size = 'sm' }: { programme: Pick<ProgrammeSummary, 'freeSeats' | 'capacity' | 'enrolmentMode'>; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  if (programme.freeSeats > 0) {
    return (
      <Text size={size} fw={600} c={programme.freeSeats <= 2 ? 'orange.8' : 'green.8'}>
        {t('programmes.seatsFree', { free: programme.freeSeats, capacity: programme.capacity })}
      </Text>
    );
  }
  return (
    <Text size={size} fw={600} c="red.8">
      {programme.enrolmentMode === 'campaign' ? t('programmes.seatsNoneCampaign') : t('programmes.seatsNone')}
    </Text>
  );
}

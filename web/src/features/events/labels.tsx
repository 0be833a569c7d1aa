import { Badge, Group, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatClock, formatDate, formatDateTime, sameRegionDay } from '../../shared/dates';
import type { EventDetail, EventState, EventSummary, RegistrationState } from './types';
import './strings';

/** When, in the region's time: «12 марта 2026, 10:00–13:00», or «12.03.2026 10:00 — 14.03.2026 17:00» over several days. */
export function eventWhen(e: Pick<EventSummary, 'startsAt' | 'endsAt'>): string {
  return sameRegionDay(e.startsAt, e.endsAt) ? `${formatDate(e.startsAt)}, ${formatClock(e.startsAt)}–${formatClock(e.endsAt)}` : `${formatDateTime(e.startsAt)} — ${formatDateTime(e.endsAt)}`;
}

/** Who it is for: «педагоги, руководители; 5–9 классы». */
export function audienceText(e: Pick<EventSummary, 'audiences' | 'gradeFrom' | 'gradeTo'>, t: TFunction): string {
  const who = e.audiences.length ? e.audiences.map((a) => t(`events.audiences.${a}`)).join(', ') : t('events.audiences.public');
  const grades =
    e.gradeFrom !== null || e.gradeTo !== null ? t('events.gradesRange', { from: e.gradeFrom ?? 1, to: e.gradeTo ?? 11 }) : null;
  return grades ? `${who}; ${grades}` : who;
}

/** Where: the address, «онлайн», or both. */
export function placeText(e: Pick<EventSummary, 'format' | 'address'>, t: TFunction): string {
  if (e.format === 'online') return t('events.formats.online');
  return e.format === 'mixed' ? `${e.address} · ${t('events.onlineToo')}` : e.address;
}

const STATE_COLORS: Record<EventState, string> = { draft: 'gray', published: 'teal', finished: 'blue', cancelled: 'red' };
export const REGISTRATION_COLORS: Record<RegistrationState, string> = { pending: 'yellow', waitlisted: 'blue', registered: 'teal', cancelled: 'gray', rejected: 'red' };

/** Kind, format, and the state when it is not «published». */
export function EventBadges({ event }: { event: Pick<EventSummary, 'kind' | 'format' | 'state'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Badge variant="light" color="indigo">
        {t(`events.kinds.${event.kind}`)}
      </Badge>
      <Badge variant="outline" color="gray">
        {t(`events.formats.${event.format}`)}
      </Badge>
      {event.state !== 'published' && (
        <Badge variant="light" color={STATE_COLORS[event.state]}>
          {t(`events.states.${event.state}`)}
        </Badge>
      )}
    </Group>
  );
}

/** «Свободно 3 из 40», «Мест нет, в листе ожидания 2», «Без ограничения мест». */
export function SeatsText({ event, size = 'sm' }: { event: Pick<EventDetail, 'capacity' | 'seatsTaken' | 'seatsFree' | 'waitlistLength' | 'state'>; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  if (event.state !== 'published') return null;
  if (event.capacity === null)
    return (
      <Text size={size} c="dimmed">
        {t('events.seatsUnlimited', { count: event.seatsTaken })}
      </Text>
    );
  const free = event.seatsFree ?? 0;
  return (
    <Text size={size} fw={600} c={free ? 'teal.8' : 'orange.8'}>
      {free ? t('events.seatsLeft', { count: free, capacity: event.capacity }) : t('events.noSeats', { count: event.waitlistLength })}
    </Text>
  );
}

import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, Grid, Group, MultiSelect, Paper, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useRegion } from '../../shared/api/queries';
import { MunicipalityFilter } from '../../shared/components/MunicipalityFilter';
import { EmptyList, ErrorState } from '../../shared/components/States';
import { regionToday } from '../../shared/dates';
import {
  CALENDAR_FORMATS,
  CALENDAR_VIEWS,
  type CalendarDay,
  type CalendarEvent,
  type CalendarFilters,
  type CalendarScope,
  type CalendarView,
  EVENT_AUDIENCES,
  EVENT_KINDS,
  calendarFiltersToSearch,
  parseCalendarFilters,
  periodOf,
  useCalendar,
} from './api';
import classes from './calendar.module.css';
import './strings';
import '../events/strings';

/** Wall-clock time and day in the region's time zone. */
function useRegionTime() {
  const zone = useRegion().data?.timezone;
  return (iso: string) => (zone ? dayjs(iso).tz(zone) : dayjs(iso));
}

/** «15:00–17:00», or «25 фев. — 3 мар.» for an event over several days. */
function EventTime({ event }: { event: CalendarEvent }) {
  const local = useRegionTime();
  const start = local(event.startsAt);
  const end = local(event.endsAt);
  const sameDay = start.format('YYYY-MM-DD') === end.subtract(1, 'minute').format('YYYY-MM-DD');
  return (
    <time dateTime={event.startsAt} className={classes.time}>
      {sameDay ? `${start.format('HH:mm')}–${end.format('HH:mm')}` : `${start.format('D MMM')} — ${end.format('D MMM')}`}
    </time>
  );
}

function StateBadge({ event }: { event: CalendarEvent }) {
  const { t } = useTranslation();
  if (event.state === 'published') return null;
  return (
    <Badge size="sm" variant="light" color={event.state === 'cancelled' ? 'red' : event.state === 'draft' ? 'gray' : 'teal'}>
      {t(`calendar.states.${event.state}`)}
    </Badge>
  );
}

/** One event as a line of a day: time, title (to its page), kind, format, organiser. */
function EventLine({ event }: { event: CalendarEvent }) {
  const { t } = useTranslation();
  return (
    <li className={classes.line}>
      <EventTime event={event} />
      <div className={classes.lineBody}>
        <Group gap={6} align="baseline">
          <Anchor component={Link} to={`/events/${event.id}`} fw={600} td={event.state === 'cancelled' ? 'line-through' : undefined}>
            {event.title}
          </Anchor>
          <StateBadge event={event} />
        </Group>
        <Text size="sm" c="dimmed">
          {t(`events.kinds.${event.kind}`)} · {t(`calendar.eventFormat.${event.format}`)} · {event.organizationName}
        </Text>
      </div>
    </li>
  );
}

function DayEvents({ day, onShowAll }: { day: CalendarDay; onShowAll?: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <ul className={classes.lines}>
        {day.events.map((event) => (
          <EventLine key={event.id} event={event} />
        ))}
      </ul>
      {day.total > day.events.length && (
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('calendar.dayShown', { shown: day.events.length, count: day.total })}
          </Text>
          {onShowAll && (
            <Button variant="subtle" size="compact-sm" onClick={onShowAll}>
              {t('calendar.showAllDay')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

const dayTitle = (date: string) => dayjs(date).format('D MMMM, dddd');

/** The six weeks of a month: on a wide screen the first events of each day; on a phone a count to tap. */
function MonthGrid({ from, month, days, selected, onSelect }: { from: string; month: number; days: Map<string, CalendarDay>; selected: string | null; onSelect: (day: string) => void }) {
  const { t } = useTranslation();
  const compact = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const today = regionToday();
  const weekdays = t('calendar.weekdays', { returnObjects: true }) as string[];
  const weeks = Array.from({ length: 6 }, (_, w) => Array.from({ length: 7 }, (_, d) => dayjs(from).add(w * 7 + d, 'day').format('YYYY-MM-DD')));
  return (
    <table className={classes.grid}>
      <caption>
        <VisuallyHidden>{t('calendar.gridCaption', { period: dayjs(from).add(14, 'day').format('MMMM YYYY') })}</VisuallyHidden>
      </caption>
      <thead>
        <tr>
          {weekdays.map((name) => (
            <th key={name} scope="col">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((date) => {
              const day = days.get(date);
              const outside = dayjs(date).month() !== month;
              const label = t('calendar.dayButton', { date: dayjs(date).format('D MMMM'), count: day?.total ?? 0 });
              return (
                <td key={date} className={classes.cell} data-outside={outside || undefined} data-today={date === today || undefined} data-selected={date === selected || undefined}>
                  {compact ? (
                    <>
                      <UnstyledButton className={classes.dayButton} onClick={() => onSelect(date)} aria-label={label} aria-pressed={date === selected}>
                        <span className={classes.dayNumber}>{dayjs(date).date()}</span>
                      </UnstyledButton>
                      {/* The count is in the button's name («7 декабря: 1 мероприятие»), so it is drawn over the button, not in it: what a
                          button shows must be part of its name (WCAG 2.5.3), and «71» is not. */}
                      {day && (
                        <span className={classes.count} aria-hidden="true">
                          {day.total}
                        </span>
                      )}
                    </>
                  ) : (
                    <>
                      <UnstyledButton className={classes.dayNumberButton} onClick={() => onSelect(date)} aria-label={label} aria-pressed={date === selected}>
                        {dayjs(date).date()}
                      </UnstyledButton>
                      {day && (
                        <ul className={classes.cellEvents}>
                          {day.events.map((event) => (
                            <li key={event.id}>
                              <Link to={`/events/${event.id}`} className={classes.cellEvent} data-state={event.state}>
                                {event.title}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      )}
                      {day && day.total > day.events.length && (
                        <UnstyledButton className={classes.more} onClick={() => onSelect(date)}>
                          {t('calendar.more', { count: day.total - day.events.length })}
                        </UnstyledButton>
                      )}
                    </>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every event of one day (up to 50), opened from the grid or from a day cut short. */
function DayPanel({ date, scopeQuery, onClose }: { date: string; scopeQuery: Parameters<typeof useCalendar>[0]; onClose: () => void }) {
  const { t } = useTranslation();
  const day = useCalendar({ ...scopeQuery, from: date, to: date, perDay: 50 });
  const found = day.data?.days[0];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="calendar-day-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} id="calendar-day-title" size="h4">
          {t('calendar.dayTitle', { date: dayjs(date).format('D MMMM YYYY') })}
        </Title>
        <Button variant="subtle" size="compact-sm" onClick={onClose}>
          {t('calendar.closeDay')}
        </Button>
      </Group>
      {day.isError ? (
        <ErrorState error={day.error} onRetry={() => day.refetch()} />
      ) : day.isPending ? (
        <Skeleton height={80} />
      ) : found ? (
        <DayEvents day={found} />
      ) : (
        <Text c="dimmed">{t('calendar.noEventsDay')}</Text>
      )}
    </Paper>
  );
}

function periodTitle(view: CalendarView, from: string, to: string, anchor: string, t: TFunction) {
  if (view === 'week') return t('calendar.weekOf', { from: dayjs(from).format('D MMMM'), to: dayjs(to).format('D MMMM YYYY') });
  const text = dayjs(anchor).format('MMMM YYYY');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The events calendar — of the region (no scope), a network or an organisation — as a month grid, a week or a list,
 * with its filters and period in the page URL (a filtered month can be linked). One request a view: the server
 * answers the days that have events, each with its count and its first events.
 */
export function EventsCalendar({ scope = {}, headingLevel = 2 }: { scope?: CalendarScope; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = parseCalendarFilters(searchParams);
  const compact = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [filtersOpen, setFiltersOpen] = useState(false);
  const update = (patch: Partial<CalendarFilters>) => {
    // Other parameters of the page (a tab's) stay as they are.
    const next = calendarFiltersToSearch({ ...filters, ...patch });
    const merged = new URLSearchParams(searchParams);
    for (const key of ['view', 'date', 'kind', 'audience', 'format', 'municipalityId', 'day']) merged.delete(key);
    next.forEach((value, key) => merged.set(key, value));
    setSearchParams(merged, { replace: true });
  };
  const anchor = filters.date ?? regionToday();
  const period = periodOf(filters.view, anchor);
  const scopeQuery = { ...scope, kinds: filters.kinds, audiences: filters.audiences, format: filters.format, municipalityId: scope.organizationId ? null : filters.municipalityId };
  const calendar = useCalendar({ ...scopeQuery, ...period });
  const days = new Map((calendar.data?.days ?? []).map((d) => [d.date, d]));
  const step = filters.view === 'week' ? 'week' : 'month';
  const move = (by: number) => update({ date: dayjs(anchor).add(by, step).format('YYYY-MM-DD'), day: null });
  const hasFilters = filters.kinds.length > 0 || filters.audiences.length > 0 || !!filters.format || !!filters.municipalityId;
  const resetFilters = () => update({ kinds: [], audiences: [], format: null, municipalityId: null });
  const activeFilters = [filters.kinds.length, filters.audiences.length, filters.format, filters.municipalityId].filter(Boolean).length;
  const title = periodTitle(filters.view, period.from, period.to, anchor, t);

  const filterFields = (
    <Grid gap="sm" align="flex-end" id="calendar-filters">
      <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
        <MultiSelect
          label={t('calendar.filter.kind')}
          placeholder={filters.kinds.length ? undefined : t('calendar.filter.anyKind')}
          data={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))}
          value={filters.kinds}
          onChange={(kinds) => update({ kinds: kinds as CalendarFilters['kinds'], day: null })}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
        <MultiSelect
          label={t('calendar.filter.audience')}
          placeholder={filters.audiences.length ? undefined : t('calendar.filter.anyAudience')}
          data={EVENT_AUDIENCES.map((a) => ({ value: a, label: t(`calendar.audiences.${a}`) }))}
          value={filters.audiences}
          onChange={(audiences) => update({ audiences: audiences as CalendarFilters['audiences'], day: null })}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
        <Select
          label={t('calendar.filter.format')}
          placeholder={t('calendar.filter.anyFormat')}
          data={CALENDAR_FORMATS.map((f) => ({ value: f, label: t(`calendar.formats.${f}`) }))}
          value={filters.format}
          onChange={(format) => update({ format: format as CalendarFilters['format'], day: null })}
          clearable
        />
      </Grid.Col>
      {!scope.organizationId && (
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <MunicipalityFilter value={filters.municipalityId} onChange={(municipalityId) => update({ municipalityId, day: null })} />
        </Grid.Col>
      )}
      {hasFilters && (
        <Grid.Col span={{ base: 12, md: 1 }}>
          <Button variant="subtle" onClick={resetFilters}>
            {t('calendar.filter.reset')}
          </Button>
        </Grid.Col>
      )}
    </Grid>
  );

  const body = calendar.isError ? (
    <ErrorState error={calendar.error} onRetry={() => calendar.refetch()} />
  ) : calendar.isPending ? (
    <Skeleton height={filters.view === 'month' ? 520 : 320} />
  ) : filters.view === 'month' ? (
    <MonthGrid from={period.from} month={dayjs(anchor).month()} days={days} selected={filters.day} onSelect={(day) => update({ day: filters.day === day ? null : day })} />
  ) : days.size === 0 ? (
    <EmptyList title={t('calendar.empty')} hint={hasFilters ? t('calendar.emptyFiltered') : t('calendar.emptyHint')} onResetFilters={hasFilters ? resetFilters : undefined} />
  ) : filters.view === 'week' && !compact ? (
    <SimpleGrid cols={7} spacing="xs">
      {Array.from({ length: 7 }, (_, i) => dayjs(period.from).add(i, 'day').format('YYYY-MM-DD')).map((date) => (
        <section key={date} aria-labelledby={`calendar-week-${date}`} className={classes.weekDay}>
          <Title order={headingLevel + 1 as 3 | 4} size="h6" id={`calendar-week-${date}`}>
            {dayjs(date).format('dd, D MMM')}
          </Title>
          {days.get(date) ? <DayEvents day={days.get(date)!} onShowAll={() => update({ day: date })} /> : <Text size="sm" c="dimmed">—</Text>}
        </section>
      ))}
    </SimpleGrid>
  ) : (
    <Stack gap="md">
      {[...days.values()].map((day) => (
        <section key={day.date} aria-labelledby={`calendar-day-${day.date}`}>
          <Title order={headingLevel + 1 as 3 | 4} size="h5" id={`calendar-day-${day.date}`} mb={4}>
            {dayTitle(day.date)}
          </Title>
          <DayEvents day={day} onShowAll={() => update({ day: day.date })} />
        </section>
      ))}
    </Stack>
  );

  return (
    <Stack gap="md">
      {compact ? (
        <Stack gap="xs">
          <Button variant="light" onClick={() => setFiltersOpen((o) => !o)} aria-expanded={filtersOpen} aria-controls="calendar-filters">
            {t('calendar.filter.more')}
            {activeFilters > 0 ? ` (${activeFilters})` : ''}
          </Button>
          {filtersOpen && filterFields}
        </Stack>
      ) : (
        filterFields
      )}
      <Group justify="space-between" gap="sm">
        <Group gap="xs" wrap="nowrap">
          <ActionIcon variant="default" size="lg" onClick={() => move(-1)} aria-label={t(`calendar.previous.${filters.view}`)}>
            <span aria-hidden>‹</span>
          </ActionIcon>
          <Button variant="default" onClick={() => update({ date: null, day: null })}>
            {t('calendar.today')}
          </Button>
          <ActionIcon variant="default" size="lg" onClick={() => move(1)} aria-label={t(`calendar.next.${filters.view}`)}>
            <span aria-hidden>›</span>
          </ActionIcon>
          <Title order={headingLevel} size="h3" aria-live="polite" className={classes.periodTitle}>
            {title}
          </Title>
        </Group>
        <SegmentedControl
          aria-label={t('calendar.viewLabel')}
          data={CALENDAR_VIEWS.map((v) => ({ value: v, label: t(`calendar.views.${v}`) }))}
          value={filters.view}
          onChange={(view) => update({ view: view as CalendarView, day: null })}
        />
      </Group>
      <div aria-busy={calendar.isFetching}>{body}</div>
      {filters.day && <DayPanel key={filters.day} date={filters.day} scopeQuery={{ ...scopeQuery, ...period }} onClose={() => update({ day: null })} />}
    </Stack>
  );
}

import { Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { periodText } from '../../shared/dates';
import { flattenItems } from './PlanTab';
import type { Plan, PlanItem } from './types';
import './strings';

const DAY = 24 * 60 * 60 * 1000;
const toTime = (d: string) => dayjs(d.slice(0, 10)).valueOf();

/**
 * A timeline of the plan (Gantt-like) in plain CSS: one bar per item from its start to its end,
 * filled as far as it is done, red when overdue; a line marks today.
 */
export function PlanGantt({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const rows = flattenItems(plan.items);
  const dates = [
    ...rows.flatMap((i) => [i.startsOn, i.endsOn]),
    plan.periodStart,
    plan.periodEnd,
  ].filter((d): d is string => !!d);

  if (!dates.length) {
    return (
      <Paper withBorder radius="md" p="xl">
        <Text ta="center" c="dimmed">
          {t('plans.timelineNoDates')}
        </Text>
      </Paper>
    );
  }

  const first = dayjs(Math.min(...dates.map(toTime))).startOf('month');
  const last = dayjs(Math.max(...dates.map(toTime))).endOf('month');
  const start = first.valueOf();
  const span = last.valueOf() - start + DAY;
  const pos = (d: string) => ((toTime(d) - start) / span) * 100;
  const months: { label: string; left: number; width: number }[] = [];
  for (let m = first; m.isBefore(last); m = m.add(1, 'month')) {
    const from = m.valueOf();
    const to = m.endOf('month').valueOf() + 1;
    const label = m.format(months.length === 0 || m.month() === 0 ? 'MMM YYYY' : 'MMM');
    months.push({ label: label.charAt(0).toUpperCase() + label.slice(1), left: ((from - start) / span) * 100, width: ((to - from) / span) * 100 });
  }
  const today = toTime(plan.today);
  const showToday = today >= start && today <= last.valueOf();

  const bar = (i: PlanItem) => {
    const s = i.startsOn ?? i.endsOn;
    const e = i.endsOn ?? i.startsOn;
    if (!s || !e) return <span className="orbita-gantt-nodates">{t('plans.noDates')}</span>;
    const left = pos(s);
    const width = Math.max(pos(e) - left + (DAY / span) * 100, 0.8);
    const progress = i.children.length ? i.rolledUpProgress : i.progress;
    return (
      <span
        className="orbita-gantt-bar"
        data-status={i.status}
        data-parent={i.children.length > 0 || undefined}
        style={{ left: `${left}%`, width: `${width}%` }}
        title={`${i.number}. ${i.activity} — ${periodText(i.startsOn, i.endsOn, t) ?? t('plans.noDates')}, ${t(`plans.status.${i.status}`)}, ${progress} %`}
      >
        <span className="orbita-gantt-fill" style={{ width: `${progress}%` }} />
      </span>
    );
  };

  return (
    <Stack gap="xs">
      <div className="orbita-gantt-scroll">
        <div className="orbita-gantt" aria-label={t('plans.timelineLabel', { title: plan.title })} role="group">
          <div className="orbita-gantt-row orbita-gantt-head" aria-hidden>
            <div className="orbita-gantt-label">{t('plans.activity')}</div>
            <div className="orbita-gantt-track">
              {months.map((m) => (
                <span key={m.left} className="orbita-gantt-month" style={{ left: `${m.left}%`, width: `${m.width}%` }}>
                  {m.label}
                </span>
              ))}
            </div>
          </div>
          <ol className="orbita-gantt-body">
            {rows.map((i) => (
              <li key={i.id} className="orbita-gantt-row" data-overdue={i.overdue || undefined}>
                <div className="orbita-gantt-label" style={{ paddingLeft: 8 + i.depth * 14 }}>
                  <span className="orbita-gantt-number">{i.number}</span> {i.activity}
                </div>
                <div className="orbita-gantt-track">
                  {months.map((m) => (
                    <span key={m.left} className="orbita-gantt-grid" style={{ left: `${m.left}%` }} aria-hidden />
                  ))}
                  {showToday && <span className="orbita-gantt-today" style={{ left: `${((today - start) / span) * 100}%` }} aria-hidden />}
                  {bar(i)}
                  <VisuallyHidden>
                    {periodText(i.startsOn, i.endsOn, t) ?? t('plans.noDates')}, {t(`plans.status.${i.status}`)}, {i.children.length ? i.rolledUpProgress : i.progress} %
                  </VisuallyHidden>
                </div>
              </li>
            ))}
          </ol>
        </div>
      </div>
      <div className="orbita-gantt-legend" aria-hidden>
        {(['planned', 'in_progress', 'done', 'overdue', 'cancelled'] as const).map((s) => (
          <span key={s}>
            <span className="orbita-gantt-swatch" data-status={s} /> {t(`plans.status.${s}`)}
          </span>
        ))}
        {showToday && (
          <span>
            <span className="orbita-gantt-swatch-today" /> {t('plans.today', { date: dayjs(plan.today).format('D MMMM') })}
          </span>
        )}
      </div>
    </Stack>
  );
}

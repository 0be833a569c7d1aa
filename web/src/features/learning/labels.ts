import type { TFunction } from 'i18next';
import type { Attendance, Clash, WeeklySlot } from './types';
import './strings';

/** 930 → «15:30». */
export function clockTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** «15:00–16:30», kept on one line (word joiners around the dash) however narrow the column. */
export const timeRange = (slot: Pick<WeeklySlot, 'startMinute' | 'endMinute'>) => `${clockTime(slot.startMinute)}\u2060–\u2060${clockTime(slot.endMinute)}`;

/** «Вт 15:00–16:30, Чт 15:00–16:30». */
export function slotsText(slots: WeeklySlot[], t: TFunction): string {
  return slots.map((slot) => `${t(`learning.weekdays.short.${slot.weekday}`)} ${timeRange(slot)}`).join(', ');
}

/** «посещено 12 из 14», or «ещё не отмечалась» (always shown under the label «Посещаемость»). */
export function attendanceText(attendance: Attendance, t: TFunction): string {
  return attendance.total ? t('learning.attended', { present: attendance.present, total: attendance.total }) : t('learning.notMarkedYet');
}

/** The clash as seen from one programme: «Пересекается с «Шахматы» по вторникам 16:00–16:30». */
export function clashWithText(clash: Pick<Clash, 'weekday' | 'startMinute' | 'endMinute'>, otherTitle: string, t: TFunction): string {
  return t('learning.path.clashWith', { title: otherTitle, weekday: t(`learning.weekdays.every.${clash.weekday}`), time: timeRange(clash) });
}

import type { MantineColor } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { NeedPriority, ResourceConditions } from './types';
import './strings';

export const CONDITIONS_COLORS: Record<ResourceConditions, MantineColor> = {
  free: 'green',
  exchange: 'blue',
  paid: 'grape',
};

export const PRIORITY_COLORS: Record<NeedPriority, MantineColor> = {
  high: 'red',
  medium: 'orange',
  low: 'gray',
};

/** Tags people use most; offered as suggestions so that the same direction is spelled the same way everywhere. */
export const COMMON_TAGS = [
  'математика',
  'физика',
  'химия',
  'биология',
  'информатика',
  'робототехника',
  'олимпиады',
  'одарённые дети',
  'здоровьесбережение',
  'профориентация',
  'инклюзия',
  'дополнительное образование',
  'проектная деятельность',
  'спорт',
  'музей',
  'библиотека',
  'театр',
];

/** Weekdays as runs: [1,2,3,4,5] → «Пн–Пт», [1,3,5] → «Пн, Ср, Пт», [] → «в любой день». */
export function weekdaysText(weekdays: readonly number[], t: TFunction): string {
  const days = [...new Set(weekdays)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (days.length === 0) return t('inventory.anyDay');
  if (days.length === 7) return t('inventory.everyDay');
  const runs: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
    const first = t(`inventory.weekdayShort.${days[i]}`);
    const last = t(`inventory.weekdayShort.${days[j]}`);
    // two neighbouring days read better as a list than as a range
    if (j - i >= 2) runs.push(`${first}–${last}`);
    else runs.push(...days.slice(i, j + 1).map((d) => t(`inventory.weekdayShort.${d}`)));
    i = j + 1;
  }
  return runs.join(', ');
}

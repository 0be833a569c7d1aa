import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { Child } from './api';
import './strings';

/** «7 класс», «подготовительный класс». */
export function gradeText(grade: number, t: TFunction): string {
  return grade === 0 ? t('families.child.gradeZero') : t('families.child.grade', { grade });
}

/** Full years today from a YYYY-MM-DD birth date. */
export function ageOf(birthDate: string): number {
  return dayjs().diff(dayjs(birthDate), 'year');
}

/** What a school director or a parent reads first about a child: «7 класс · 12 лет». */
export function childSummary(child: Pick<Child, 'grade' | 'birthDate'>, t: TFunction): string {
  return [child.grade !== null ? gradeText(child.grade, t) : null, child.birthDate ? t('families.child.age', { count: ageOf(child.birthDate) }) : null]
    .filter(Boolean)
    .join(' · ');
}

import { z } from 'zod';
import { boundedText, calendarDate, recordVersion, wholeNumber } from '../../platform/fields';

const SCALE_LIMIT = 100;
const scalePoint = (what: string) => wholeNumber(what, -SCALE_LIMIT, SCALE_LIMIT);

const criterion = z
  .object({
    title: boundedText('Название критерия', 300, 2),
    description: boundedText('Описание критерия', 3000).default(''),
    scaleMin: scalePoint('Нижняя граница шкалы'),
    scaleMax: scalePoint('Верхняя граница шкалы'),
    descriptors: z
      .array(z.object({ score: scalePoint('Балл описания'), text: boundedText('Описание балла', 1000, 1) }), { error: 'Описания баллов — список' })
      .max(2 * SCALE_LIMIT + 1, { error: 'Слишком много описаний баллов' })
      .default([]),
    allowsNotApplicable: z.boolean({ error: '«Не применимо» — да или нет' }).default(false),
    weight: z
      .number({ error: 'Вес критерия — число' })
      .gt(0, { error: 'Вес критерия — больше нуля' })
      .max(1000, { error: 'Вес критерия — не больше 1000' })
      .refine((w) => Math.round(w * 100) === w * 100, { error: 'Вес критерия — не больше двух знаков после запятой' }),
  })
  .refine((c) => c.scaleMax > c.scaleMin, { error: 'Верхняя граница шкалы должна быть больше нижней', path: ['scaleMax'] })
  .refine((c) => c.descriptors.every((d) => d.score >= c.scaleMin && d.score <= c.scaleMax), { error: 'Описан балл вне шкалы критерия', path: ['descriptors'] })
  .refine((c) => new Set(c.descriptors.map((d) => d.score)).size === c.descriptors.length, { error: 'Каждый балл описывается один раз', path: ['descriptors'] });

export const rubricFields = z.object({
  title: boundedText('Название', 300, 3),
  networkId: z.uuid({ error: 'Неверный идентификатор сети' }).nullable().default(null),
  criteria: z
    .array(criterion, { error: 'Критерии — список' })
    .min(1, { error: 'Добавьте хотя бы один критерий' })
    .max(30, { error: 'Не больше 30 критериев' }),
});
export type RubricInput = z.output<typeof rubricFields>;
export const rubricChanges = rubricFields.extend({ version: recordVersion() });

export const roundFields = z.object({
  title: boundedText('Название тура', 300, 3),
  rubricId: z.uuid({ error: 'Неверный идентификатор критериев' }),
  networkId: z.uuid({ error: 'Неверный идентификатор сети' }).nullable().default(null),
  deadline: calendarDate('Срок'),
  disagreementThreshold: z
    .number({ error: 'Порог расхождения — число' })
    .gt(0, { error: 'Порог расхождения — больше нуля' })
    .max(100, { error: 'Порог расхождения — не больше 100 баллов' })
    .default(25),
});
export type RoundInput = z.output<typeof roundFields>;

export const practiceChoice = z.object({ practiceId: z.uuid({ error: 'Неверный идентификатор практики' }) });
export const assignmentFields = practiceChoice.extend({ expertId: z.uuid({ error: 'Неверный идентификатор эксперта' }) });
export const autoAssignFields = z.object({ practiceId: z.uuid({ error: 'Неверный идентификатор практики' }).optional() });
export const expertListQuery = z.object({ practiceId: z.uuid({ error: 'Неверный идентификатор практики' }).optional() });

export const scoresFields = z.object({
  scores: z
    .array(
      z.object({
        criterionId: z.uuid({ error: 'Неверный идентификатор критерия' }),
        score: z.number({ error: 'Балл — число' }).int({ error: 'Балл — целое число' }).nullable(),
        comment: boundedText('Комментарий', 5000).default(''),
      }),
      { error: 'Оценки — список' },
    )
    .max(30, { error: 'Не больше 30 оценок' }),
  submit: z.boolean({ error: '«Отправить» — да или нет' }).default(false),
});
export type ScoresInput = z.output<typeof scoresFields>;

export const answerFields = z.object({ text: boundedText('Ответ', 5000, 2) });

export const expertDirectionsFields = z.object({
  directions: z
    .array(boundedText('Направление', 200, 2), { error: 'Направления — список' })
    .max(20, { error: 'Не больше 20 направлений' })
    .transform((list) => [...new Set(list)]),
});

export const roundPracticeParams = z.object({
  id: z.uuid({ error: 'Неверный идентификатор тура' }),
  practiceId: z.uuid({ error: 'Неверный идентификатор практики' }),
});

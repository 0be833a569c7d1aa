import { z } from 'zod';
import { calendarDate, recordVersion } from '../../platform/fields';

const text = (what: string, max: number, min = 0) => {
  const base = z.string({ error: `${what} — текст` }).trim().max(max, { error: `${what} — не длиннее ${max} символов` });
  return min ? base.min(min, { error: `${what} — не короче ${min} символов` }) : base;
};

/** A figure's value: a finite number that fits the card (no exponent-sized typos). */
const figureValue = (what: string) =>
  z
    .number({ error: `${what} — число` })
    .finite({ error: `${what} — число` })
    .min(-1e9, { error: `${what} — слишком маленькое число` })
    .max(1e9, { error: `${what} — слишком большое число` });

const figure = z.object({
  indicator: text('Показатель', 200, 2),
  before: figureValue('Значение «до»').nullable().default(null),
  after: figureValue('Значение «после»'),
  unit: text('Единица измерения', 30).default(''),
});

/** A school records that it adopts a practice. */
export const adoptionFields = z.object({
  organizationId: z.uuid({ error: 'Выберите организацию, которая внедряет практику' }),
  startedOn: calendarDate('Дата начала'),
  changes: text('Что меняется', 4000, 10),
  needIds: z
    .array(z.uuid({ error: 'Неверный идентификатор потребности' }), { error: 'Потребности — список' })
    .max(20, { error: 'Не больше 20 потребностей' })
    .default([])
    .transform((ids) => [...new Set(ids)]),
});
export type AdoptionInput = z.infer<typeof adoptionFields>;

/** What came of it: text, date, figures (optional). */
export const adoptionResultsFields = z.object({
  version: recordVersion('Укажите версию записи о внедрении'),
  results: text('Результаты', 4000, 10),
  resultsOn: calendarDate('Дата результатов'),
  figures: z.array(figure, { error: 'Показатели — список' }).max(10, { error: 'Не больше 10 показателей' }).default([]),
});
export type AdoptionResultsInput = z.infer<typeof adoptionResultsFields>;

export const adoptionStopFields = z.object({
  version: recordVersion('Укажите версию записи о внедрении'),
  stoppedOn: calendarDate('Дата прекращения'),
  reason: text('Причина', 2000).default(''),
});
export type AdoptionStopInput = z.infer<typeof adoptionStopFields>;

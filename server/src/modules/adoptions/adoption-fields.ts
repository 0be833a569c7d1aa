import { z } from 'zod';
import { boundedText, calendarDate, recordVersion } from '../../platform/fields';


/** A figure's value: a finite number that fits the card (no exponent-sized typos). */
const figureValue = (what: string) =>
  z
    .number({ error: `${what} — число` })
    .finite({ error: `${what} — число` })
    .min(-1e9, { error: `${what} — слишком маленькое число` })
    .max(1e9, { error: `${what} — слишком большое число` });

const figure = z.object({
  indicator: boundedText('Показатель', 200, 2),
  before: figureValue('Значение «до»').nullable().default(null),
  after: figureValue('Значение «после»'),
  unit: boundedText('Единица измерения', 30).default(''),
});

/** A school records that it adopts a practice. */
export const adoptionFields = z.object({
  organizationId: z.uuid({ error: 'Выберите организацию, которая внедряет практику' }),
  startedOn: calendarDate('Дата начала'),
  changes: boundedText('Что меняется', 4000, 10),
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
  results: boundedText('Результаты', 4000, 10),
  resultsOn: calendarDate('Дата результатов'),
  figures: z.array(figure, { error: 'Показатели — список' }).max(10, { error: 'Не больше 10 показателей' }).default([]),
});
export type AdoptionResultsInput = z.infer<typeof adoptionResultsFields>;

export const adoptionStopFields = z.object({
  version: recordVersion('Укажите версию записи о внедрении'),
  stoppedOn: calendarDate('Дата прекращения'),
  reason: boundedText('Причина', 2000).default(''),
});
export type AdoptionStopInput = z.infer<typeof adoptionStopFields>;

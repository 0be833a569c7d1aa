import { z } from 'zod';
import { instant } from '../../platform/fields';
import { eventFormats } from '../events/schema';
import { consultationStates } from './schema';

export const MAX_SLOTS = 5;

const optionalText = (what: string, max: number) => z.string({ error: `${what} — текст` }).trim().max(max, { error: `${what} — не длиннее ${max} символов` }).optional();

/** A school asks another for a consultation on a topic. */
export const consultationRequest = z.object({
  requesterOrganizationId: z.uuid({ error: 'Неверная организация' }),
  consultantOrganizationId: z.uuid({ error: 'Выберите школу-консультанта' }),
  topic: z.string({ error: 'Укажите тему консультации' }).trim().min(3, { error: 'Тема — не короче 3 символов' }).max(300, { error: 'Тема — не длиннее 300 символов' }),
  details: optionalText('Описание', 5000),
  format: z.enum(eventFormats, { error: 'Формат: очно, онлайн или смешанный' }).optional(),
});
export type ConsultationRequest = z.output<typeof consultationRequest>;

/** The consultant school proposes up to five times; a new proposal replaces the earlier one. */
export const slotProposal = z.object({
  slots: z
    .array(
      z.object({
        startsAt: instant('Начало'),
        endsAt: instant('Окончание'),
        place: optionalText('Место', 300),
      }),
      { error: 'Предложите время — список' },
    )
    .min(1, { error: 'Предложите хотя бы одно время' })
    .max(MAX_SLOTS, { error: `Не больше ${MAX_SLOTS} вариантов времени` }),
});
export type SlotProposal = z.output<typeof slotProposal>;

export const slotChoice = z.object({ slotId: z.uuid({ error: 'Выберите одно из предложенных времён' }) });

export const consultationStep = z.object({ reason: optionalText('Причина', 1000) }).optional();
export type ConsultationStep = z.output<typeof consultationStep>;

export const consultationListQuery = z.object({ state: z.enum(consultationStates, { error: 'Неизвестное состояние' }).optional() });

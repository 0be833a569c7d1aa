import { z } from 'zod';
import { instant, recordVersion, wholeNumber } from '../../platform/fields';
import { campaignPriorityRules } from './schema';

const version = recordVersion('Укажите версию кампании');

/** What the organiser writes about a campaign; the window is checked as a whole (opens before it closes). */
const campaignFields = {
  title: z.string({ error: 'Укажите название кампании' }).trim().min(3, { error: 'Название — не короче 3 символов' }).max(200, { error: 'Название — не длиннее 200 символов' }),
  description: z.string({ error: 'Описание — текст' }).trim().max(5000, { error: 'Описание — не длиннее 5000 символов' }),
  opensAt: instant('Начало приёма выбора'),
  closesAt: instant('Окончание приёма выбора'),
  maxChoices: z.number({ error: 'Укажите, сколько программ можно выбрать' }).int({ error: 'Число программ — целое' }).min(1, { error: 'Можно выбрать не меньше 1 программы' }).max(10, { error: 'Можно выбрать не больше 10 программ' }),
  priorityRule: z.enum(campaignPriorityRules, { error: 'Приоритет: none (только жребий), own_students (сначала свои ученики) или network_students (сначала ученики школ сети)' }),
};

const windowOrdered = (fields: { opensAt?: string; closesAt?: string }) => !fields.opensAt || !fields.closesAt || Date.parse(fields.opensAt) < Date.parse(fields.closesAt);
const windowError = { error: 'Приём выбора должен заканчиваться позже, чем начинается', path: ['closesAt'] };

export const campaignDraft = z
  .object({
    organizerOrganizationId: z.uuid({ error: 'Выберите организацию-организатора' }),
    networkId: z.uuid({ error: 'Неверная сеть' }).nullish(),
    ...campaignFields,
    description: campaignFields.description.default(''),
    maxChoices: campaignFields.maxChoices.default(3),
    priorityRule: campaignFields.priorityRule.default('none'),
  })
  .refine(windowOrdered, windowError);
export type CampaignDraft = z.output<typeof campaignDraft>;

export const campaignChanges = z.object({ version, ...z.object(campaignFields).partial().shape }).refine(windowOrdered, windowError);
export type CampaignChanges = z.output<typeof campaignChanges>;

export const campaignStep = z.object({ version });
export type CampaignStep = z.output<typeof campaignStep>;

export const campaignProgrammeRequest = z.object({
  programmeId: z.uuid({ error: 'Выберите программу' }),
  seats: wholeNumber('Число мест', 1),
});
export type CampaignProgrammeRequest = z.output<typeof campaignProgrammeRequest>;

/** The whole ranking at once, most wanted first; an empty list takes the child out of the campaign. */
export const choicesRequest = z.object({
  programmeIds: z.array(z.uuid({ error: 'Неверная программа в списке выбора' }), { error: 'Выбор — список программ по порядку предпочтения' }).max(10, { error: 'В выборе не больше 10 программ' }),
});
export type ChoicesRequest = z.output<typeof choicesRequest>;

/** The body may be left out: allocation then waits for the window to close. */
export const allocateRequest = z.object({ closeNow: z.boolean({ error: 'closeNow — да или нет' }).optional() }).nullish();

export const campaignProgrammeParams = z.object({ id: z.uuid({ error: 'Неверный идентификатор' }), programmeId: z.uuid({ error: 'Неверная программа' }) });
export const campaignChildParams = z.object({ id: z.uuid({ error: 'Неверный идентификатор' }), childId: z.uuid({ error: 'Неверный ребёнок' }) });

import { z } from 'zod';
import { calendarDate, recordVersion } from '../../platform/fields';
import { resourceConditions } from '../inventory/schema';
import { exchangeStates } from './schema';

const optionalDate = (what: string) => calendarDate(what).nullish();
const version = recordVersion('Укажите версию обмена');
const message = z.string({ error: 'Сообщение — текст' }).trim().max(2000, { error: 'Сообщение — не длиннее 2000 символов' }).optional();

/** The terms on the table: on what conditions, for which period, and anything else the parties agree in words. */
const termsFields = {
  conditions: z.enum(resourceConditions, { error: 'Условия: free (бесплатно), exchange (обмен) или paid (платно)' }).optional(),
  startsOn: optionalDate('Начало'),
  endsOn: optionalDate('Окончание'),
  terms: z.string({ error: 'Условия — текст' }).trim().max(5000, { error: 'Условия — не длиннее 5000 символов' }).optional(),
};
const termKeys = Object.keys(termsFields) as (keyof typeof termsFields)[];

export const exchangeRequest = z.object({
  offerId: z.uuid({ error: 'Выберите ресурс' }),
  requesterOrganizationId: z.uuid({ error: 'Выберите организацию, от имени которой запрашиваете' }),
  needId: z.uuid({ error: 'Неверная потребность' }).nullish(),
  networkId: z.uuid({ error: 'Неверная сеть' }).nullish(),
  ...termsFields,
  message,
});
export type ExchangeRequest = z.output<typeof exchangeRequest>;

export const exchangeAnswer = z
  .object({ version, action: z.enum(['accept', 'decline', 'counter'], { error: 'Ответ: accept (принять), decline (отклонить) или counter (предложить другие условия)' }), message, ...termsFields })
  .refine((answer) => answer.action === 'counter' || termKeys.every((key) => answer[key] === undefined), {
    error: 'Условия меняются только встречным предложением (action: counter)',
    path: ['action'],
  });
export type ExchangeAnswer = z.output<typeof exchangeAnswer>;
export type ExchangeTermsChanges = Pick<ExchangeAnswer, (typeof termKeys)[number]>;

export const exchangeStep = z.object({ version, message });

/** The body may be left out: the agreement then goes to the exchange's own network. */
export const agreementRequest = z.object({ networkId: z.uuid({ error: 'Неверная сеть' }).optional() }).nullish();
export const planRequest = z.object({ planId: z.uuid({ error: 'Выберите план сети' }) });

export const exchangeListQuery = z.object({
  organizationId: z.uuid({ error: 'Неверная организация' }).optional(),
  direction: z.enum(['incoming', 'outgoing', 'all'], { error: 'Направление: incoming, outgoing или all' }).default('all'),
  state: z.enum(exchangeStates, { error: `Состояние: ${exchangeStates.join(', ')}` }).optional(),
});
export type ExchangeListQuery = z.output<typeof exchangeListQuery>;

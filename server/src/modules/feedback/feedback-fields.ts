import { z } from 'zod';

/** The short survey: a rating from 1 to 5 and an optional comment. */
export const feedbackAnswer = z.object({
  rating: z
    .number({ error: 'Оценка — число от 1 до 5' })
    .int({ error: 'Оценка — целое число от 1 до 5' })
    .min(1, { error: 'Оценка — от 1 до 5' })
    .max(5, { error: 'Оценка — от 1 до 5' }),
  comment: z.string({ error: 'Ожидается текст' }).trim().max(2000, { error: 'Не длиннее 2000 символов' }).optional(),
});
export type FeedbackAnswer = z.output<typeof feedbackAnswer>;

/** For an event: which of the caller's registrations answers (their own, or their child's); their own by default. */
export const eventFeedbackAnswer = feedbackAnswer.extend({
  registrationId: z.uuid({ error: 'Неверный идентификатор записи' }).optional(),
});
export type EventFeedbackAnswer = z.output<typeof eventFeedbackAnswer>;

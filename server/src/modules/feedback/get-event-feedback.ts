import type { CommandContext } from '../../platform/context';
import { loadVisibleEvent, managesEvent } from '../events/access';
import { eventHasEnded, respondentRegistrations } from './event-respondents';
import { type FeedbackResults, answersFor, feedbackResults } from './record-feedback';

export interface EventFeedbackView {
  /** The survey is open: the event is over (and not cancelled). */
  open: boolean;
  /** The caller's registrations with their answer, if given; a child's with its name for its guardian. */
  mine: { registrationId: string; childName: string | null; answer: { rating: number; comment: string; createdAt: Date } | null }[];
  /** The results, for those who manage the event only. */
  results: FeedbackResults | null;
}

/** What the event page shows of its survey to the caller: their own answers to give or given, and the results to organisers. */
export async function getEventFeedback(context: CommandContext, eventId: string): Promise<EventFeedbackView> {
  const event = await loadVisibleEvent(context.db, context.actor, eventId);
  const open = event.state !== 'cancelled' && eventHasEnded(event, context.now);
  if (!context.actor) return { open, mine: [], results: null };
  const subject = { kind: 'event' as const, id: event.id };
  const registrations = await respondentRegistrations(context.db, context.actor, event.id);
  const answers = new Map((await answersFor(context.db, subject, registrations.map((r) => r.id))).map((a) => [a.respondentId, a]));
  const manages = await managesEvent(context.db, context.actor, event.id);
  return {
    open,
    mine: registrations.map((r) => {
      const answer = answers.get(r.id);
      return { registrationId: r.id, childName: r.childId ? r.childName : null, answer: answer ? { rating: answer.rating, comment: answer.comment, createdAt: answer.createdAt } : null };
    }),
    results: manages ? await feedbackResults(context.db, subject) : null,
  };
}

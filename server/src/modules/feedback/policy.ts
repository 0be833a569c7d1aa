import type { Actor } from '../../platform/context';

/**
 * Who may do what with surveys. An event's survey is answered for a registration by the person registered or
 * by the guardian of the registered child (`answersFor`); its results are read by those who manage the event —
 * the one rule managedEvents, asked through managesEvent — and by nobody else. Answers carry no names in the
 * results.
 */
export const feedbackPolicy = {
  answersFor: (actor: Actor, registration: { userId: string | null; childGuardianId: string | null }) =>
    registration.userId === actor.userId || registration.childGuardianId === actor.userId,
};

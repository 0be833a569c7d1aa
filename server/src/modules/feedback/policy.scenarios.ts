import { type Scenario, everyone } from '../../../test/policy-matrix';
import { insertTestEvent, registerForTestEvent } from '../events/material.testkit';

/**
 * The survey of a finished public event: "own" — the caller was registered for it, "other" — they were not.
 * Whoever took part answers, whatever their role; nobody answers for a place they did not have.
 */
export const feedbackScenarios: Record<string, Scenario> = {
  'POST /api/events/:id/feedback': {
    request: async (t, target, role) => {
      const event = await insertTestEvent(t.handle.db, { organizationId: t.fixtures.otherOrganizationId });
      const actor = t.fixtures.actors[role];
      if (actor && target === 'own') await registerForTestEvent(t.handle.db, event.id, { userId: actor.userId });
      return { url: `/api/events/${event.id}/feedback`, body: { rating: 5, comment: 'Полезно и по делу' } };
    },
    allowed: { ...everyone(true, false), anonymous: [false, false] },
  },
};

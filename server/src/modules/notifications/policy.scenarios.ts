import type { TestApp } from '../../../test/app';
import { type Expectation, type Scenario, roles, signedIn } from '../../../test/policy-matrix';
import { insertGuardian } from '../enrolments/enrolment.testkit';
import { notifications } from './schema';

/** "own" — a message to the caller; "other" — to a person inserted for the case, which to the caller does not exist (404). */
async function messageFor(t: TestApp, userId: string) {
  const [row] = await t.handle.db.insert(notifications).values({ userId, kind: 'waitlist_promoted', title: 'Место в программе «Робототехника»' }).returning();
  return row.id;
}

const ownOnly = Object.fromEntries(roles.map((role) => [role, [role !== 'anonymous', false]])) as Expectation;

export const notificationsScenarios: Record<string, Scenario> = {
  'POST /api/notifications/:id/read': {
    request: async (t, target, role) => {
      // Anonymous callers are refused before ownership matters; the guardian's message stands in.
      const owner = target === 'own' ? (t.fixtures.actors[role] ?? t.fixtures.actors.guardian!).userId : (await insertGuardian(t)).userId;
      return { url: `/api/notifications/${await messageFor(t, owner)}/read` };
    },
    allowed: ownOnly,
    refusedStatus: () => 404,
  },
  'POST /api/notifications/read-all': {
    request: async () => ({ url: '/api/notifications/read-all' }),
    allowed: signedIn,
  },
};

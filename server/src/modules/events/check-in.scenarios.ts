import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, only } from '../../../test/policy-matrix';
import { insertEventUnderWay, insertPerson, insertRegistration } from './check-in.testkit';

/**
 * The door's write routes. "own" — a published event of orgAdmin's school (where teacher works), "other" — one of
 * otherOrgAdmin's. Published events are seen by everyone, so a refused caller gets 403, not 404.
 */
async function registrationAt(t: TestApp, target: Target) {
  const event = await insertEventUnderWay(t, target === 'own' ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId);
  const registration = await insertRegistration(t, event.id, { userId: (await insertPerson(t)).userId });
  return { event, registration };
}

const organisers = only({ operator: [true, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] });

export const checkInScenarios: Record<string, Scenario> = {
  'POST /api/events/:id/check-in': {
    request: async (t, target) => {
      const { event, registration } = await registrationAt(t, target);
      return { url: `/api/events/${event.id}/check-in`, body: { code: registration.checkInCode } };
    },
    allowed: organisers,
  },
  'POST /api/events/:id/check-in/batch': {
    request: async (t, target) => {
      const { event, registration } = await registrationAt(t, target);
      return { url: `/api/events/${event.id}/check-in/batch`, body: { scans: [{ code: registration.checkInCode, scannedAt: new Date().toISOString() }] } };
    },
    allowed: organisers,
  },
  'POST /api/events/:id/attendance': {
    request: async (t, target) => {
      const { event, registration } = await registrationAt(t, target);
      return { url: `/api/events/${event.id}/attendance`, body: { registrationId: registration.id, present: true } };
    },
    allowed: organisers,
  },
};

import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, freshOrganization, only } from '../../../test/policy-matrix';
import { insertTestEvent } from './material.testkit';
import { eventMaterials } from './material-schema';

/**
 * A published event of a fresh school on the target's side: "own" — orgAdmin heads it (teacher works there),
 * "other" — otherOrgAdmin heads it. Only those who manage the event (its organiser's heads, the operator) add or
 * remove materials; the event is public, so others are refused with 403 — except removal, where a material the
 * caller may not open is 404 as a missing one.
 */
async function eventOf(t: TestApp, target: Target) {
  const organization = await freshOrganization(t, target);
  return insertTestEvent(t.handle.db, { organizationId: organization.id, state: 'published', startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 90_000_000) });
}

const organiserHead = only({ operator: [true, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] });

export const materialScenarios: Record<string, Scenario> = {
  'POST /api/events/:id/materials': {
    request: async (t, target) => ({
      url: `/api/events/${(await eventOf(t, target)).id}/materials`,
      body: { kind: 'link', title: 'Методические рекомендации', url: 'https://iro.example.ru/materials/seminar' },
    }),
    allowed: organiserHead,
  },
  'POST /api/events/:id/materials/files': {
    request: async (t, target) => ({ url: `/api/events/${(await eventOf(t, target)).id}/materials/files`, multipart: { fileName: 'программа.txt', content: 'Программа семинара\n10:00 — открытие\n' } }),
    allowed: organiserHead,
  },
  'DELETE /api/event-materials/:id': {
    request: async (t, target) => {
      const event = await eventOf(t, target);
      const [material] = await t.handle.db.insert(eventMaterials).values({ eventId: event.id, kind: 'link', title: 'Ссылка', url: 'https://example.ru/' }).returning();
      return { url: `/api/event-materials/${material.id}` };
    },
    allowed: organiserHead,
    // The organiser's staff open the materials (403); to anyone else the material is as missing (404).
    refusedStatus: (role, target) => (role === 'teacher' && target === 'own' ? 403 : 404),
  },
};

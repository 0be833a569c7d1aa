import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, freshOrganization, nextSerial, only } from '../../../test/policy-matrix';
import { type ProgrammeState, programmeSlots, programmes } from './schema';

/** A programme of a fresh organisation on the target's side (see freshOrganization): "own" — orgAdmin heads it and teacher teaches there. */
async function programmeOf(t: TestApp, target: Target, state: ProgrammeState) {
  const provider = await freshOrganization(t, target);
  const [programme] = await t.handle.db
    .insert(programmes)
    .values({ organizationId: provider.id, kind: 'supplementary', direction: 'technical', title: `Робототехника ${nextSerial()}`, gradeFrom: 5, gradeTo: 8, startsOn: '2026-09-01', endsOn: '2027-05-31', capacity: 12, state })
    .returning();
  await t.handle.db.insert(programmeSlots).values({ programmeId: programme.id, weekday: 2, startMinute: 900, endMinute: 990 });
  return programme;
}

const providerHead = only({ orgAdmin: [true, false], otherOrgAdmin: [false, true] });
/** A draft exists only for its provider's staff: the teacher sees it but may not act (403), everyone else gets 404. */
const draftHidden = (role: string, target: Target) => (role === 'teacher' && target === 'own' ? 403 : 404);

export const programmesScenarios: Record<string, Scenario> = {
  'POST /api/programmes': {
    request: async (t, target) => {
      const provider = await freshOrganization(t, target);
      return {
        url: '/api/programmes',
        body: { organizationId: provider.id, kind: 'elective', direction: 'natural_science', title: 'Экспериментальная физика', gradeFrom: 8, gradeTo: 9, startsOn: '2026-09-01', endsOn: '2026-12-25', capacity: 15, slots: [{ weekday: 3, startMinute: 900, endMinute: 980 }] },
      };
    },
    allowed: providerHead,
  },
  'PATCH /api/programmes/:id': {
    // A published programme is everyone's to see, so a refusal is 403.
    request: async (t, target) => {
      const programme = await programmeOf(t, target, 'published');
      return { url: `/api/programmes/${programme.id}`, body: { version: programme.version, capacity: 20 } };
    },
    allowed: providerHead,
  },
  'POST /api/programmes/:id/publish': {
    request: async (t, target) => {
      const programme = await programmeOf(t, target, 'draft');
      return { url: `/api/programmes/${programme.id}/publish`, body: { version: programme.version } };
    },
    allowed: providerHead,
    refusedStatus: draftHidden,
  },
  'POST /api/programmes/:id/archive': {
    request: async (t, target) => {
      const programme = await programmeOf(t, target, 'published');
      return { url: `/api/programmes/${programme.id}/archive`, body: { version: programme.version } };
    },
    allowed: providerHead,
  },
};

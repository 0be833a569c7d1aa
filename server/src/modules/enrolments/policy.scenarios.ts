import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, only } from '../../../test/policy-matrix';
import { organizations } from '../organizations/schema';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { insertChild, insertGuardian, insertProgramme } from './enrolment.testkit';
import { enrolments } from './schema';

/**
 * "own" — the fixture guardian's child; "other" — a child of a guardian inserted for the case. The
 * programmes belong to an organisation nobody in the fixtures works at, so to everyone but the guardian
 * the child does not exist (404). Removal is the provider's: there "own" is a programme of orgAdmin's
 * organisation (where teacher works too), "other" one of otherOrgAdmin's.
 */
async function strangerOrganization(t: TestApp) {
  const shortName = `Центр допобразования ${randomUUID().slice(0, 8)}`;
  const [org] = await t.handle.db
    .insert(organizations)
    .values({ kind: 'supplementary', fullName: `${shortName} полное`, shortName, sortKey: russianSortKey(shortName), municipalityId: t.fixtures.municipalityId })
    .returning();
  return org.id;
}

async function childOf(t: TestApp, target: Target) {
  const guardianUserId = target === 'own' ? t.fixtures.actors.guardian!.userId : (await insertGuardian(t)).userId;
  return insertChild(t, guardianUserId);
}

async function enrolmentOf(t: TestApp, target: Target, providerId: string) {
  const child = await childOf(t, target);
  const programme = await insertProgramme(t, providerId, { seatsTaken: 1 });
  const [row] = await t.handle.db.insert(enrolments).values({ childId: child.id, programmeId: programme.id, state: 'enrolled', enrolledAt: new Date() }).returning();
  return row;
}

const childHidden = () => 404;

export const enrolmentsScenarios: Record<string, Scenario> = {
  'POST /api/programmes/:id/enrolments': {
    request: async (t, target) => {
      const child = await childOf(t, target);
      const programme = await insertProgramme(t, await strangerOrganization(t));
      return { url: `/api/programmes/${programme.id}/enrolments`, body: { childId: child.id }, headers: { 'idempotency-key': randomUUID() } };
    },
    allowed: only({ guardian: [true, false] }),
    refusedStatus: childHidden,
  },
  'POST /api/enrolments/:id/withdraw': {
    request: async (t, target) => {
      const enrolment = await enrolmentOf(t, target, await strangerOrganization(t));
      return { url: `/api/enrolments/${enrolment.id}/withdraw`, body: { version: enrolment.version } };
    },
    allowed: only({ guardian: [true, false] }),
    refusedStatus: childHidden,
  },
  'POST /api/enrolments/:id/remove': {
    request: async (t, target) => {
      const provider = target === 'own' ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId;
      const enrolment = await enrolmentOf(t, 'other', provider);
      return { url: `/api/enrolments/${enrolment.id}/remove`, body: { version: enrolment.version, reason: 'Не посещает занятия с октября' } };
    },
    allowed: only({ orgAdmin: [true, false], otherOrgAdmin: [false, true] }),
    // The provider's teacher sees the roster but may not remove; to everyone else the enrolment does not exist.
    refusedStatus: (role, target) => (role === 'teacher' && target === 'own' ? 403 : 404),
  },
};

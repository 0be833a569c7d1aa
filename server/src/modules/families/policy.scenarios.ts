import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, only } from '../../../test/policy-matrix';
import { insertChild, insertGuardian } from '../enrolments/enrolment.testkit';
import { CONSENT_TEXT_VERSION } from './consent-text';

/**
 * "own" — a child of the fixture guardian; "other" — a child of a guardian inserted for the case.
 * These children have no school and no programmes, so to everyone but their guardian they do not
 * exist (404). Confirmation is the school's: there the child (always the fixture guardian's) names
 * orgAdmin's school ("own") or otherOrgAdmin's ("other") as its home school.
 */
async function childOf(t: TestApp, target: Target, options: { consent?: boolean } = {}) {
  const guardianUserId = target === 'own' ? t.fixtures.actors.guardian!.userId : (await insertGuardian(t)).userId;
  return insertChild(t, guardianUserId, options);
}

const guardianOfOwn = only({ guardian: [true, false] });
const childHidden = () => 404;

export const familiesScenarios: Record<string, Scenario> = {
  'POST /api/children': {
    request: async () => ({ url: '/api/children', body: { fullName: 'Кузнецов Артём', grade: 7 } }),
    allowed: only({ guardian: [true, true] }),
  },
  'PATCH /api/children/:id': {
    request: async (t, target) => {
      const child = await childOf(t, target);
      return { url: `/api/children/${child.id}`, body: { version: child.version, grade: 8 } };
    },
    allowed: guardianOfOwn,
    refusedStatus: childHidden,
  },
  'DELETE /api/children/:id': {
    request: async (t, target) => ({ url: `/api/children/${(await childOf(t, target)).id}` }),
    allowed: guardianOfOwn,
    refusedStatus: childHidden,
  },
  'POST /api/children/:id/consent': {
    request: async (t, target) => ({ url: `/api/children/${(await childOf(t, target, { consent: false })).id}/consent`, body: { textVersion: CONSENT_TEXT_VERSION } }),
    allowed: guardianOfOwn,
    refusedStatus: childHidden,
  },
  'POST /api/children/:id/consent/withdraw': {
    request: async (t, target) => ({ url: `/api/children/${(await childOf(t, target, { consent: true })).id}/consent/withdraw` }),
    allowed: guardianOfOwn,
    refusedStatus: childHidden,
  },
  'POST /api/children/:id/confirm-home-school': {
    request: async (t, target) => {
      const homeSchoolId = target === 'own' ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId;
      const child = await insertChild(t, t.fixtures.actors.guardian!.userId, { values: { homeSchoolId } });
      return { url: `/api/children/${child.id}/confirm-home-school`, body: { version: child.version } };
    },
    allowed: only({ orgAdmin: [true, false], otherOrgAdmin: [false, true] }),
    // The guardian and the school's teacher see the child but may not confirm; to everyone else it does not exist.
    refusedStatus: (role, target) => (role === 'guardian' || (role === 'teacher' && target === 'own') ? 403 : 404),
  },
};

import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, only } from '../../../test/policy-matrix';
import { insertEnrolment } from '../enrolments/enrolment.testkit';
import { runningProgramme, schoolChild } from './learning.testkit';

/**
 * "own": a programme of orgAdmin's and teacher's organisation, "other": one of otherOrgAdmin's, each
 * with a freshly enrolled child of a guardian nobody in the fixtures is. Only the provider's staff keep
 * its records: for the public programme others are refused (403); the enrolment, a child's record, is
 * hidden from them (404).
 */
async function enrolledIn(t: TestApp, target: Target) {
  const providerId = target === 'own' ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId;
  const programme = await runningProgramme(t, providerId);
  const child = await schoolChild(t);
  return { programme, enrolment: await insertEnrolment(t, child.id, programme.id) };
}

const providerStaff = only({ orgAdmin: [true, false], teacher: [true, false], otherOrgAdmin: [false, true] });

export const learningScenarios: Record<string, Scenario> = {
  'PUT /api/programmes/:id/attendance': {
    request: async (t, target) => {
      const { programme, enrolment } = await enrolledIn(t, target);
      return { url: `/api/programmes/${programme.id}/attendance`, body: { classDate: '2024-09-03', marks: [{ enrolmentId: enrolment.id, present: true }] } };
    },
    allowed: providerStaff,
  },
  'POST /api/enrolments/:id/result': {
    request: async (t, target) => {
      const { enrolment } = await enrolledIn(t, target);
      return { url: `/api/enrolments/${enrolment.id}/result`, body: { version: enrolment.version, result: 'credit', note: 'Защитил проект' } };
    },
    allowed: providerStaff,
    refusedStatus: () => 404,
  },
};

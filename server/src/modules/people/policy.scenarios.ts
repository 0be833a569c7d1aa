import type { TestApp } from '../../../test/app';
import { type Expectation, type Scenario, type Target, freshOrganization, nextSerial, only } from '../../../test/policy-matrix';
import { issueInvitations } from './invite-person';

/** Who may give a teacher's role in a new school of the caller's municipality ("own") or of the other one. */
const grantsInSchool: Expectation = only({
  operator: [true, true],
  authority: [true, false],
  authorityElsewhere: [false, true],
  orgAdmin: [true, false],
  otherOrgAdmin: [false, true],
});

const matrixEmail = () => `matrix-${nextSerial()}@people.test`;

/** A pending teacher's invitation to a new school, issued by the operator. */
async function freshInvitation(t: TestApp, target: Target) {
  const school = await freshOrganization(t, target);
  const [invitation] = await t.handle.db.transaction((tx) =>
    issueInvitations(tx, { db: tx, actor: t.fixtures.actors.operator, ip: null }, [{ email: matrixEmail(), fullName: 'Приглашённый педагог', role: 'teacher', organizationId: school.id }], {
      publicUrl: 'http://localhost',
      ttlDays: 14,
    }),
  );
  return invitation;
}

export const peopleScenarios: Record<string, Scenario> = {
  'POST /api/invitations': {
    request: async (t, target) => {
      const school = await freshOrganization(t, target);
      return { url: '/api/invitations', body: { email: matrixEmail(), fullName: 'Новый педагог', role: 'teacher', organizationId: school.id } };
    },
    allowed: grantsInSchool,
  },
  'POST /api/invitations/:id/resend': {
    request: async (t, target) => ({ url: `/api/invitations/${(await freshInvitation(t, target)).id}/resend` }),
    allowed: grantsInSchool,
  },
  'POST /api/invitations/:id/revoke': {
    request: async (t, target) => ({ url: `/api/invitations/${(await freshInvitation(t, target)).id}/revoke` }),
    allowed: grantsInSchool,
  },
};

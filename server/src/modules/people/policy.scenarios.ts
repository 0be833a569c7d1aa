import { eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/app';
import { type Expectation, type Scenario, type Target, freshOrganization, nextSerial, only } from '../../../test/policy-matrix';
import { users } from '../accounts/schema';
import { issueInvitations } from './invite-person';
import { insertPerson } from './people.testkit';

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

/** A person working in a new school of the target municipality; a teacher there when asked, switched off when asked. */
async function freshPerson(t: TestApp, target: Target, options: { teacher?: boolean; disabled?: boolean } = {}) {
  const school = await freshOrganization(t, target);
  const { user } = await insertPerson(t, { memberships: [{ organizationId: school.id, role: options.teacher === false ? 'programme_teacher' : 'teacher' }] });
  if (options.disabled) await t.handle.db.update(users).set({ disabledAt: new Date(), disabledReason: 'Уволен' }).where(eq(users.id, user.id));
  return { user, school };
}

const reason = 'Проверка матрицы прав';

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
  'POST /api/people/:id/deactivate': {
    request: async (t, target) => ({ url: `/api/people/${(await freshPerson(t, target)).user.id}/deactivate`, body: { reason } }),
    allowed: only({ operator: [true, true] }),
  },
  'POST /api/people/:id/reactivate': {
    request: async (t, target) => ({ url: `/api/people/${(await freshPerson(t, target, { disabled: true })).user.id}/reactivate`, body: { reason } }),
    allowed: only({ operator: [true, true] }),
  },
  'POST /api/people/:id/roles': {
    // A programme teacher of the school becomes also its teacher.
    request: async (t, target) => {
      const { user, school } = await freshPerson(t, target, { teacher: false });
      return { url: `/api/people/${user.id}/roles`, body: { role: 'teacher', organizationId: school.id, reason } };
    },
    allowed: grantsInSchool,
  },
  'POST /api/people/:id/roles/revoke': {
    request: async (t, target) => {
      const { user, school } = await freshPerson(t, target);
      return { url: `/api/people/${user.id}/roles/revoke`, body: { role: 'teacher', organizationId: school.id, reason } };
    },
    allowed: grantsInSchool,
  },
};

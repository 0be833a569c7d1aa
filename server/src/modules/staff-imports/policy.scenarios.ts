import { type Scenario, freshOrganization, multipartPayload, nextSerial, only, sessionOf } from '../../../test/policy-matrix';

/** A one-row staff list; without an organisation it is for the organisation whose page it is loaded on. */
const staffCsv = (organization?: string) => {
  const n = nextSerial();
  return organization === undefined
    ? `ФИО;Эл. почта;Роль\nИванова Мария ${n};matrix${n}@school.test;педагог\n`
    : `ФИО;Эл. почта;Организация;Роль\nИванова Мария ${n};matrix${n}@school.test;${organization};педагог\n`;
};

export const staffImportScenarios: Record<string, Scenario> = {
  'POST /api/organizations/:id/staff/imports': {
    request: async (t, target) => {
      const organization = await freshOrganization(t, target);
      return { url: `/api/organizations/${organization.id}/staff/imports`, multipart: { fileName: 'staff.csv', content: staffCsv() } };
    },
    allowed: only({ operator: [true, true], authority: [true, false], authorityElsewhere: [false, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] }),
  },
  'POST /api/staff-imports': {
    // Anyone allowed gets a preview; an organisation out of their reach is an error in its row, not a refusal.
    request: async (t, target) => {
      const organization = await freshOrganization(t, target);
      return { url: '/api/staff-imports', multipart: { fileName: 'staff.csv', content: staffCsv(organization.shortName) } };
    },
    allowed: only({ operator: [true, true], authority: [true, true], authorityElsewhere: [true, true] }),
  },
  'POST /api/staff-imports/:id/commit': {
    // The preview is the operator's: only its author may commit it.
    request: async (t, target) => {
      const organization = await freshOrganization(t, target);
      const operator = (await sessionOf(t, 'operator'))!;
      const { payload, headers } = multipartPayload('staff.csv', staffCsv(organization.shortName));
      const preview = await t.app.inject({ method: 'POST', url: '/api/staff-imports', payload, headers: { ...headers, cookie: operator.cookie, 'x-csrf-token': operator.csrfToken } });
      return { url: `/api/staff-imports/${preview.json().id}/commit` };
    },
    allowed: only({ operator: [true, true] }),
    allowedStatus: 202,
    // Those who may invite are told someone else's preview does not exist; the rest may not import at all.
    refusedStatus: (role) => (['authority', 'authorityElsewhere', 'orgAdmin', 'otherOrgAdmin'].includes(role) ? 404 : 403),
  },
};

import { type Scenario, freshOrganization, multipartPayload, nextSerial, only, sessionOf } from '../../../test/policy-matrix';

const csvWithSchool = (number: number) =>
  `Полное наименование;Краткое наименование;Тип;Муниципалитет\nМуниципальное учреждение «Школа № ${number}»;Школа № ${number};Школа;Городской округ Первый\n`;

export const organizationScenarios: Record<string, Scenario> = {
  'POST /api/organizations': {
    request: async (t, target) => {
      const n = nextSerial();
      return {
        url: '/api/organizations',
        body: { kind: 'school', fullName: `Новая школа ${n}`, shortName: `Новая школа ${n}`, municipalityId: target === 'own' ? t.fixtures.municipalityId : t.fixtures.otherMunicipalityId },
      };
    },
    allowed: only({ operator: [true, true], authority: [true, false], authorityElsewhere: [false, true] }),
  },
  'PATCH /api/organizations/:id': {
    request: async (t, target) => {
      const org = await freshOrganization(t, target);
      return { url: `/api/organizations/${org.id}`, body: { version: org.version, phone: '+7 900 000-00-00' } };
    },
    allowed: only({ operator: [true, true], authority: [true, false], authorityElsewhere: [false, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] }),
  },
  'POST /api/organizations/:id/verify': {
    request: async (t, target) => {
      const org = await freshOrganization(t, target);
      return { url: `/api/organizations/${org.id}/verify`, body: { version: org.version } };
    },
    allowed: only({ operator: [true, true] }),
  },
  'POST /api/organizations/:id/archive': {
    request: async (t, target) => {
      const org = await freshOrganization(t, target);
      return { url: `/api/organizations/${org.id}/archive`, body: { version: org.version } };
    },
    allowed: only({ operator: [true, true], authority: [true, false], authorityElsewhere: [false, true] }),
  },
  'POST /api/organizations/:id/merge': {
    request: async (t, target) => {
      const survivor = await freshOrganization(t, target);
      const duplicate = await freshOrganization(t, target);
      return { url: `/api/organizations/${survivor.id}/merge`, body: { duplicateId: duplicate.id } };
    },
    allowed: only({ operator: [true, true] }),
  },
  'POST /api/organizations/imports': {
    request: async () => ({ url: '/api/organizations/imports', multipart: { fileName: 'registry.csv', content: csvWithSchool(777) } }),
    allowed: only({ operator: [true, true], authority: [true, true], authorityElsewhere: [true, true] }),
  },
  'POST /api/organizations/imports/:id/commit': {
    // The preview belongs to the operator: only its author may commit it.
    request: async (t) => {
      const operator = (await sessionOf(t, 'operator'))!;
      const { payload, headers } = multipartPayload('registry.csv', csvWithSchool(1000 + nextSerial()));
      const preview = await t.app.inject({ method: 'POST', url: '/api/organizations/imports', payload, headers: { ...headers, cookie: operator.cookie, 'x-csrf-token': operator.csrfToken } });
      return { url: `/api/organizations/imports/${preview.json().id}/commit` };
    },
    allowed: only({ operator: [true, true] }),
    // Importers other than the author are told the preview does not exist; everyone else may not import at all.
    refusedStatus: (role) => (role === 'authority' || role === 'authorityElsewhere' ? 404 : 403),
  },
};

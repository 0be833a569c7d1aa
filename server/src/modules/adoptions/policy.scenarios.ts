import { type Scenario, only } from '../../../test/policy-matrix';
import { adoptablePractice, adopterOf, insertAdoption } from './adoption.testkit';

/**
 * "own" — the adopting school is orgAdmin's (where teacher works); "other" — otherOrgAdmin's. The practices belong to
 * a third school no fixture works in and are published (everyone sees them: a refusal is 403). The operator, the
 * authority, an expert and a guardian record no school's adoption.
 */
const adoptingStaff = only({ orgAdmin: [true, false], teacher: [true, false], otherOrgAdmin: [false, true] });

export const adoptionScenarios: Record<string, Scenario> = {
  'POST /api/practices/:id/adoptions': {
    request: async (t, target) => {
      const practice = await adoptablePractice(t);
      return { url: `/api/practices/${practice.id}/adoptions`, body: { organizationId: adopterOf(t, target), startedOn: '2025-09-01', changes: 'Уроки математики ведём по модели практики' } };
    },
    allowed: adoptingStaff,
  },
  'POST /api/practice-adoptions/:id/results': {
    request: async (t, target) => {
      const adoption = await insertAdoption(t, target);
      return { url: `/api/practice-adoptions/${adoption.id}/results`, body: { version: adoption.version, results: 'Средний балл вырос на 0,4', resultsOn: '2026-05-30' } };
    },
    allowed: adoptingStaff,
  },
  'POST /api/practice-adoptions/:id/stop': {
    request: async (t, target) => {
      const adoption = await insertAdoption(t, target);
      return { url: `/api/practice-adoptions/${adoption.id}/stop`, body: { version: adoption.version, stoppedOn: '2026-01-15' } };
    },
    allowed: adoptingStaff,
  },
};

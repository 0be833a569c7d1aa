import { type Scenario, only } from '../../../test/policy-matrix';

/** The audit log belongs to the platform, not to an organisation: "own" and "other" are alike. */
export const auditScenarios: Record<string, Scenario> = {
  'POST /api/audit/verify': {
    request: async () => ({ url: '/api/audit/verify' }),
    allowed: only({ operator: [true, true] }),
  },
};

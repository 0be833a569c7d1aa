import type { Scenario } from '../../../test/policy-matrix';

export const enrolmentsScenarios: Record<string, Scenario> = {};

import type { Scenario } from '../../../test/policy-matrix';

export const familiesScenarios: Record<string, Scenario> = {};

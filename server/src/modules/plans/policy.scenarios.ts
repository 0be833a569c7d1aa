import type { Scenario } from '../../../test/policy-matrix';

export const planScenarios: Record<string, Scenario> = {};

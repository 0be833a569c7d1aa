import type { Scenario } from '../../../test/policy-matrix';

export const programmesScenarios: Record<string, Scenario> = {};

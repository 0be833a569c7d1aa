import type { Scenario } from '../../../test/policy-matrix';

export const learningScenarios: Record<string, Scenario> = {};

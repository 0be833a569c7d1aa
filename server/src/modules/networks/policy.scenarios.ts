import type { Scenario } from '../../../test/policy-matrix';

export const networkScenarios: Record<string, Scenario> = {};

import type { Scenario } from '../../../test/policy-matrix';

export const councilScenarios: Record<string, Scenario> = {};

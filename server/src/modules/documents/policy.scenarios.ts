import type { Scenario } from '../../../test/policy-matrix';

export const documentScenarios: Record<string, Scenario> = {};

import type { Scenario } from '../../../test/policy-matrix';

export const campaignsScenarios: Record<string, Scenario> = {};

import type { Scenario } from '../../../test/policy-matrix';

export const notificationsScenarios: Record<string, Scenario> = {};

import { accountScenarios } from '../src/modules/accounts/policy.scenarios';
import { organizationScenarios } from '../src/modules/organizations/policy.scenarios';
import { networkScenarios } from '../src/modules/networks/policy.scenarios';
import { councilScenarios } from '../src/modules/councils/policy.scenarios';
import { documentScenarios } from '../src/modules/documents/policy.scenarios';
import { planScenarios } from '../src/modules/plans/policy.scenarios';
import { inventoryScenarios } from '../src/modules/inventory/policy.scenarios';
import { exchangeScenarios } from '../src/modules/exchanges/policy.scenarios';
import { programmesScenarios } from '../src/modules/programmes/policy.scenarios';
import { familiesScenarios } from '../src/modules/families/policy.scenarios';
import { enrolmentsScenarios } from '../src/modules/enrolments/policy.scenarios';
import { learningScenarios } from '../src/modules/learning/policy.scenarios';
import { campaignsScenarios } from '../src/modules/campaigns/policy.scenarios';
import { notificationsScenarios } from '../src/modules/notifications/policy.scenarios';
import { staffImportScenarios } from '../src/modules/staff-imports/policy.scenarios';
import { peopleScenarios } from '../src/modules/people/policy.scenarios';
import { territoryScenarios } from '../src/modules/territory/policy.scenarios';
import { outboxScenarios } from '../src/modules/outbox/policy.scenarios';
import { auditScenarios } from '../src/modules/audit/policy.scenarios';
import { eventsScenarios } from '../src/modules/events/policy.scenarios';
import { checkInScenarios } from '../src/modules/events/check-in.scenarios';
import { certificateScenarios } from '../src/modules/certificates/policy.scenarios';
import { materialScenarios } from '../src/modules/events/material-policy.scenarios';
import { feedbackScenarios } from '../src/modules/feedback/policy.scenarios';
import { consultationScenarios } from '../src/modules/consultations/policy.scenarios';
import { calendarScenarios } from '../src/modules/calendar/policy.scenarios';
import { practiceScenarios } from '../src/modules/practices/policy.scenarios';
import { adoptionScenarios } from '../src/modules/adoptions/policy.scenarios';
import { practiceReviewScenarios } from '../src/modules/practice-reviews/policy.scenarios';
import type { Scenario } from './policy-matrix';

/** Every module's write-route scenarios, keyed "METHOD /api/path": the authorisation matrix and the fuzz test build requests from them. */
export const writeScenarios: Record<string, Scenario> = {
  ...accountScenarios,
  ...organizationScenarios,
  ...networkScenarios,
  ...councilScenarios,
  ...documentScenarios,
  ...planScenarios,
  ...inventoryScenarios,
  ...exchangeScenarios,
  ...programmesScenarios,
  ...familiesScenarios,
  ...enrolmentsScenarios,
  ...learningScenarios,
  ...campaignsScenarios,
  ...notificationsScenarios,
  ...staffImportScenarios,
  ...peopleScenarios,
  ...territoryScenarios,
  ...outboxScenarios,
  ...auditScenarios,
  ...eventsScenarios,
  ...checkInScenarios,
  ...certificateScenarios,
  ...materialScenarios,
  ...feedbackScenarios,
  ...consultationScenarios,
  ...calendarScenarios,
  ...practiceScenarios,
  ...adoptionScenarios,
  ...practiceReviewScenarios,
};

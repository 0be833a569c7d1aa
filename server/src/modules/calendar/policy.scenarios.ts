import { type Scenario, signedIn } from '../../../test/policy-matrix';

/** A person's own feed: anyone signed in, for themself only (there is no one else's to reach); "own" and "other" are the same call. */
export const calendarScenarios: Record<string, Scenario> = {
  'POST /api/calendar/feed': {
    request: async () => ({ url: '/api/calendar/feed' }),
    allowed: signedIn,
  },
  'DELETE /api/calendar/feed': {
    request: async () => ({ url: '/api/calendar/feed' }),
    allowed: signedIn,
  },
};

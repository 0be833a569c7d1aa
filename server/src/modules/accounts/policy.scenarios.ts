import { type Scenario, signedIn } from '../../../test/policy-matrix';

/** Write routes anyone may call by design, with the reason. */
export const publicWriteRoutes: Record<string, string> = {
  'POST /api/auth/sign-in': 'signing in is how a person becomes someone; rate-limited instead',
  'POST /api/auth/register': 'a parent creates their own guardian account before they are anyone; rate-limited like sign-in',
};

export const accountScenarios: Record<string, Scenario> = {
  'POST /api/auth/sign-out': { request: async () => ({ url: '/api/auth/sign-out' }), allowed: signedIn },
  'POST /api/auth/change-password': {
    // A wrong current password proves the caller got past authorisation without changing anything.
    request: async () => ({ url: '/api/auth/change-password', body: { currentPassword: 'not-the-password', newPassword: 'another-password-1' } }),
    allowed: signedIn,
    allowedStatus: 400,
  },
};

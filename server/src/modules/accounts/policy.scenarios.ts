import { hashToken } from '../../platform/secret-tokens';
import { type Scenario, signedIn } from '../../../test/policy-matrix';
import { publicSessionId } from './list-sessions';
import { openSession } from './sessions';

/** Write routes anyone may call by design, with the reason. */
export const publicWriteRoutes: Record<string, string> = {
  'POST /api/auth/sign-in': 'signing in is how a person becomes someone; rate-limited instead',
  'POST /api/auth/register': 'a parent starts their own guardian account before they are anyone; the answer is the same for every address, rate-limited',
  'POST /api/auth/register/confirm': 'the single-use, expiring link sent to the registered address proves it; rate-limited',
  'POST /api/auth/password-reset': 'whoever forgot their password cannot sign in; the answer is the same for every address, rate-limited',
  'POST /api/auth/password-reset/confirm': 'the single-use, expiring link from the letter is the credential; rate-limited',
  'POST /api/auth/email-change/confirm': 'the single-use, expiring link sent to the new address proves it, in whatever browser it is opened; rate-limited',
  'POST /api/invitations/accept': 'the single-use, expiring link from the invitation letter is the credential (an existing account must also be signed in); rate-limited',
};

export const accountScenarios: Record<string, Scenario> = {
  'POST /api/auth/sign-out': { request: async () => ({ url: '/api/auth/sign-out' }), allowed: signedIn },
  'POST /api/auth/change-password': {
    // A wrong current password proves the caller got past authorisation without changing anything.
    request: async () => ({ url: '/api/auth/change-password', body: { currentPassword: 'not-the-password', newPassword: 'another-password-1' } }),
    allowed: signedIn,
    allowedStatus: 400,
  },
  'POST /api/auth/email-change': {
    // A wrong current password: past authorisation, nothing changes and no letter goes out.
    request: async () => ({ url: '/api/auth/email-change', body: { newEmail: 'matrix-new@test.orbita', currentPassword: 'not-the-password' } }),
    allowed: signedIn,
    allowedStatus: 400,
  },
  'DELETE /api/auth/account': {
    // A wrong password: past authorisation, nothing is deleted.
    request: async () => ({ url: '/api/auth/account', body: { password: 'not-the-password' } }),
    allowed: signedIn,
    allowedStatus: 400,
  },
  'PATCH /api/auth/preferences': { request: async () => ({ url: '/api/auth/preferences', body: { mailPreference: 'digest' } }), allowed: signedIn },
  'POST /api/auth/sessions/:id/revoke': {
    // Everyone ends a session of their own, opened for the case; nobody can name another person's.
    request: async (t, _target, role) => {
      const actor = t.fixtures.actors[role];
      if (!actor) return { url: '/api/auth/sessions/none/revoke' };
      const { token } = await openSession(t.handle.db, actor.userId, { ip: '127.0.0.1', userAgent: 'matrix' });
      return { url: `/api/auth/sessions/${publicSessionId(hashToken(token))}/revoke` };
    },
    allowed: signedIn,
  },
  'POST /api/auth/sessions/revoke-others': { request: async () => ({ url: '/api/auth/sessions/revoke-others' }), allowed: signedIn },
};

import type { EnglishOf } from '../../shared/i18n/english-of';
import type { ru } from './i18n';

export const en: EnglishOf<typeof ru> = {
  auth: {
    signInTitle: 'Sign in to Orbita',
    signInIntro: 'Organisation staff keep their organisation’s card and work in networks here; parents enrol their children in programmes.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    invalid: 'Wrong email or password',
    tooMany: 'Too many sign-in attempts. Wait a minute and try again.',
    emailRequired: 'Enter your email',
    emailFormat: 'Enter an email address, e.g. name@school.ru',
    passwordRequired: 'Enter your password',
    noAccount: 'Staff of schools, organisations and education authorities get their accounts from the platform operator or the municipal education authority — they do not need to sign up.',
    welcome: 'Welcome, {{name}}!',
    alreadySignedIn: 'You are signed in as {{name}}.',
    showPassword: 'Show password',
  },
  sso: {
    signIn: 'Sign in with {{name}}',
    or: 'or',
    refusedTitle: 'Single sign-on did not sign you in',
    refused: {
      state: 'The sign-in could not be confirmed: it took longer than 10 minutes or was started in another browser. Please start again.',
      denied: 'The sign-in was cancelled at the identity provider. You can try again or sign in with your e-mail and password.',
      unverified:
        'The identity provider has not verified your e-mail address, so we cannot find your account. Verify the address in your profile at the identity provider, or sign in with your e-mail and password.',
      'no-account':
        'Orbita has no account with the address the identity provider gave. Ask the head of your organisation or your municipal education authority to send you an invitation — its link lets you sign in with single sign-on too.',
      disabled: 'Your account has been deactivated. If this is a mistake, contact the platform operator.',
      invitation: 'The invitation is no longer valid: it has been accepted, revoked or has expired. Ask the person who invited you to send it again.',
      'sign-in-first':
        'An account with the invitation’s address already exists. Sign in to it with your e-mail and password, then open the link from the letter again — the new role will be added to that account.',
      'other-account':
        'Your single sign-on is already linked to another Orbita account, and the invitation was sent to a different address. Sign in with single sign-on without the invitation, or ask for the invitation to be sent to your account’s address.',
      unavailable: 'Single sign-on is unavailable right now: the identity provider does not answer. Try again later or sign in with your e-mail and password.',
    },
  },
};

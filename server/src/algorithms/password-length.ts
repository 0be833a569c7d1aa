// How long a password may be: apart from the strength estimator, so the web app has the rule without loading it.

export const PASSWORD_MIN_LENGTH = 10;
/** Enough for any passphrase; a cap keeps argon2 from hashing whatever size a request carries. */
export const PASSWORD_MAX_LENGTH = 128;

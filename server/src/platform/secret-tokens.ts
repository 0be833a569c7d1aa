import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, CSRF tokens, invitation and reset links. */
export const randomToken = () => randomBytes(32).toString('base64url');

/** What is stored instead of a token, so that a leaked table grants nothing. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

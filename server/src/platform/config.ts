import { availableParallelism } from 'node:os';
import path from 'node:path';

/** Runtime settings, read once from the environment; every knob an operator may turn is here. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | null;
  dataDir: string;
  tileUrl: string;
  tileAttribution: string;
  /** Created on start when no operator exists yet. */
  initialOperator: { email: string; password: string } | null;
  /** Load the demo region into an empty database on start. */
  seedDemo: boolean;
  secureCookies: boolean;
  trustProxy: boolean;
  /** Sign-in and sign-up attempts a minute from one address; a school behind one NAT address may need more. */
  signInLimitPerMinute: number;
  logLevel: string;
  /** The address people open the platform at; links in e-mails lead there. */
  publicUrl: string;
  /** SMTP server as a URL (smtp://user:pass@host:587, smtps://…); without it letters wait in the outbox for the operator to read. */
  smtpUrl: string | null;
  /** The From: of every letter. */
  mailFrom: string;
  /** How long an invitation link stays valid. */
  invitationTtlDays: number;
  /** Single sign-on through an OpenID Connect provider (a region's Keycloak or ESIA gateway), when configured. */
  sso: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  /** The built web app's directory; unset means `web/dist` of this checkout. */
  webRoot: string | null;
  /** Server processes sharing the port on PostgreSQL, one a core by default; the embedded database has one. */
  workers: number;
}

function positiveWholeNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name}: нужно целое число не меньше 1, а задано «${value}»`);
  return number;
}

function ssoSettings(env: NodeJS.ProcessEnv): Config['sso'] {
  const issuer = env.ORBITA_SSO_ISSUER?.trim();
  const clientId = env.ORBITA_SSO_CLIENT_ID?.trim();
  const clientSecret = env.ORBITA_SSO_CLIENT_SECRET ?? '';
  if (!issuer && !clientId) return null;
  if (!issuer || !clientId) throw new Error('ORBITA_SSO_ISSUER и ORBITA_SSO_CLIENT_ID задаются вместе');
  return { issuer, clientId, clientSecret, name: env.ORBITA_SSO_NAME?.trim() || 'Единый вход' };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const operatorEmail = env.ORBITA_OPERATOR_EMAIL?.trim();
  const operatorPassword = env.ORBITA_OPERATOR_PASSWORD;
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir: path.resolve(env.ORBITA_DATA_DIR ?? './data'),
    tileUrl: env.ORBITA_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    tileAttribution: env.ORBITA_TILE_ATTRIBUTION ?? '© участники OpenStreetMap',
    initialOperator: operatorEmail && operatorPassword ? { email: operatorEmail, password: operatorPassword } : null,
    seedDemo: (env.ORBITA_SEED_DEMO ?? 'true') !== 'false',
    secureCookies: env.ORBITA_SECURE_COOKIES ? env.ORBITA_SECURE_COOKIES === 'true' : production,
    trustProxy: env.ORBITA_TRUST_PROXY === 'true',
    signInLimitPerMinute: positiveWholeNumber(env.ORBITA_SIGN_IN_LIMIT, 10, 'ORBITA_SIGN_IN_LIMIT'),
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'warn'),
    publicUrl: (env.ORBITA_PUBLIC_URL?.trim() || `http://localhost:${Number(env.PORT ?? 3000)}`).replace(/\/+$/, ''),
    smtpUrl: env.ORBITA_SMTP_URL?.trim() || null,
    mailFrom: env.ORBITA_MAIL_FROM?.trim() || 'Орбита <no-reply@orbita.local>',
    invitationTtlDays: positiveWholeNumber(env.ORBITA_INVITATION_DAYS, 14, 'ORBITA_INVITATION_DAYS'),
    sso: ssoSettings(env),
    webRoot: env.ORBITA_WEB_ROOT?.trim() ? path.resolve(env.ORBITA_WEB_ROOT.trim()) : null,
    workers: positiveWholeNumber(env.ORBITA_WORKERS, availableParallelism(), 'ORBITA_WORKERS'),
  };
}

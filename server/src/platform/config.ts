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
  logLevel: string;
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
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'warn'),
  };
}

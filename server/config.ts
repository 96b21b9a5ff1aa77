// The only module that reads process.env. Everything is validated once at start;
// a bad value stops the app with one line per problem saying what to fix.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url({ message: 'PUBLIC_URL must be an absolute URL such as https://trellis.example.org' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default('.trellis-data'),
  TRELLIS_ENCRYPTION_KEY: z
    .string()
    .min(32, 'TRELLIS_ENCRYPTION_KEY must be at least 32 characters (try: openssl rand -hex 32)')
    .optional(),
  LAUNCH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
  CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  PLATFORM_JWKS_CACHE_SECONDS: z.coerce.number().int().min(0).max(86400).default(300),
  DYNAMIC_REGISTRATION_APPROVAL: boolean.default(false),
  LMS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  ROSTER_SYNC_HOURS: z.coerce.number().min(1).max(24 * 30).default(12),
  MODEL_REFIT_HOURS: z.coerce.number().min(1).max(24 * 7).default(24),
  DEMO: boolean.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: boolean.default(false),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'embedded'; dataDir: string };
  encryptionKey: string;
  launchTokenTtlSeconds: number;
  clockSkewSeconds: number;
  platformJwksCacheSeconds: number;
  rosterSyncHours: number;
  /** How often skills' BKT parameters are refit from new attempts. */
  modelRefitHours: number;
  /** Calls to one LMS in flight at once (Canvas throttles parallel calls). */
  lmsConcurrency: number;
  /** Dynamically registered platforms wait as 'pending' until an admin approves them. */
  dynamicRegistrationApproval: boolean;
  demo: boolean;
  logLevel: string;
  trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Trellis cannot start: ${problems.join('; ')}`);
  }
}

/** Reads and validates the environment. Throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  const dataDir = path.resolve(e.DATA_DIR);

  let encryptionKey = e.TRELLIS_ENCRYPTION_KEY;
  if (!encryptionKey) {
    if (!embedded) {
      throw new ConfigError([
        'TRELLIS_ENCRYPTION_KEY is required when DATABASE_URL is set (at least 32 characters; try: openssl rand -hex 32)',
      ]);
    }
    // The embedded demo needs no setup: keep a generated key beside its data.
    encryptionKey = readOrCreateLocalKey(dataDir);
  }

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    database: embedded
      ? { kind: 'embedded', dataDir: path.join(dataDir, 'pg') }
      : { kind: 'postgres', url: e.DATABASE_URL!, poolSize: e.DATABASE_POOL_SIZE },
    encryptionKey,
    launchTokenTtlSeconds: e.LAUNCH_TOKEN_TTL_SECONDS,
    clockSkewSeconds: e.CLOCK_SKEW_SECONDS,
    platformJwksCacheSeconds: e.PLATFORM_JWKS_CACHE_SECONDS,
    rosterSyncHours: e.ROSTER_SYNC_HOURS,
    modelRefitHours: e.MODEL_REFIT_HOURS,
    lmsConcurrency: e.LMS_CONCURRENCY,
    dynamicRegistrationApproval: e.DYNAMIC_REGISTRATION_APPROVAL,
    demo: e.DEMO ?? embedded,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
  };
}

function readOrCreateLocalKey(dataDir: string): string {
  const file = path.join(dataDir, 'encryption-key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}

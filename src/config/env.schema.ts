import { z } from 'zod';

const booleanFromString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length >= 32, 'must be at least 32 bytes, base64-encoded');

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** `id:base64key[,id:base64key...]`: the first key encrypts, every key decrypts (rotation). */
const tokenEncryptionKeys = z.string().transform((value, context) => {
  const keys: Array<{ id: string; key: Buffer }> = [];
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const key = Buffer.from(colon > 0 ? entry.slice(colon + 1) : '', 'base64');
    if (!KEY_ID.test(id)) {
      context.addIssue({ code: 'custom', message: 'each entry must be id:base64key with an id of [A-Za-z0-9_-]{1,32}' });
      return z.NEVER;
    }
    if (key.length !== 32) {
      context.addIssue({ code: 'custom', message: `key "${id}" must be exactly 32 bytes, base64-encoded` });
      return z.NEVER;
    }
    if (keys.some((existing) => existing.id === id)) {
      context.addIssue({ code: 'custom', message: `key id "${id}" appears twice` });
      return z.NEVER;
    }
    keys.push({ id, key });
  }
  if (keys.length === 0) {
    context.addIssue({ code: 'custom', message: 'must name at least one key' });
    return z.NEVER;
  }
  return keys;
});

export const PLATFORM_ENV_PREFIXES = ['FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN'] as const;
export type PlatformEnvPrefix = (typeof PLATFORM_ENV_PREFIXES)[number];

const httpUrl = z.url({ protocol: /^https?$/ });

/** `N/Ws` (N calls per W-second window) or `N/day` (per day in the platform's quota zone). */
const rateLimit = z.string().transform((value, context) => {
  const match = /^(\d+)\/(?:(\d+)s|(day))$/.exec(value.trim());
  const capacity = match ? Number(match[1]) : 0;
  const windowSeconds = match?.[2] ? Number(match[2]) : null;
  if (!match || capacity < 1 || (windowSeconds !== null && windowSeconds < 1)) {
    context.addIssue({ code: 'custom', message: 'must be N/Ws (e.g. 900/900s) or N/day (e.g. 10000/day)' });
    return z.NEVER;
  }
  return { capacity, windowSeconds };
});

/** <P>_AUTHORIZE_URL, <P>_TOKEN_URL, <P>_API_URL, <P>_CLIENT_ID, <P>_CLIENT_SECRET for each platform (api.md). */
const platformVariables = Object.fromEntries(
  PLATFORM_ENV_PREFIXES.flatMap((prefix) => [
    [`${prefix}_AUTHORIZE_URL`, httpUrl.optional()],
    [`${prefix}_TOKEN_URL`, httpUrl.optional()],
    [`${prefix}_API_URL`, httpUrl.optional()],
    [`${prefix}_CLIENT_ID`, z.string().min(1).max(512).optional()],
    [`${prefix}_CLIENT_SECRET`, z.string().min(1).max(1024).optional()],
  ]),
) as Record<`${PlatformEnvPrefix}_${'AUTHORIZE_URL' | 'TOKEN_URL' | 'API_URL' | 'CLIENT_ID' | 'CLIENT_SECRET'}`, z.ZodOptional<z.ZodString>>;

/** <P>_RATE_LIMIT: the platform app's budget, when the registry's default is not the app's real one. */
const rateLimitVariables = Object.fromEntries(PLATFORM_ENV_PREFIXES.map((prefix) => [`${prefix}_RATE_LIMIT`, rateLimit.optional()])) as Record<
  `${PlatformEnvPrefix}_RATE_LIMIT`,
  z.ZodOptional<typeof rateLimit>
>;

/**
 * Every environment variable Proctor reads. Nothing outside src/config reads process.env.
 */
export const EnvSchema = z
  .object({
    /** development | test | production; production requires explicit secrets. */
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** HTTP port of the API. */
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    /** Interface the API listens on. */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** Public base URL of the API, used in links Proctor hands out (defaults to http://localhost:PORT). */
    PUBLIC_URL: z.url().optional(),
    /** PostgreSQL connection string; unset means the embedded PostgreSQL in DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** Connections per process in the PostgreSQL pool. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Where the embedded PostgreSQL and development secrets live. */
    DATA_DIR: z.string().min(1).default('./.data'),
    /** Port of the embedded PostgreSQL (loopback only). */
    EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    /** Apply pending migrations at start-up (under an advisory lock, so several processes may start at once). */
    MIGRATE_ON_START: booleanFromString.default(true),
    /** Seed the sandbox district when the database has no district yet (default: on, except in production). */
    SEED_DEMO: booleanFromString.optional(),
    /** pino level. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Key for hashing student social handles (HMAC-SHA256), base64, >= 32 bytes; required in production. */
    HANDLE_HASH_KEY: base64Key.optional(),
    /** Largest `first` a list query accepts. */
    GRAPHQL_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    /** Deepest selection a query may nest. */
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(8),
    /** Most aliases in one operation. */
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
    /** Static cost ceiling of an operation (graphql-armor cost model). */
    GRAPHQL_MAX_COST: z.coerce.number().int().min(100).default(5000),
    /** Most tokens in one operation document. */
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(2000),
    /** Schema introspection; defaults to on outside production. */
    GRAPHQL_INTROSPECTION: booleanFromString.optional(),
    /** How long shutdown waits for in-flight requests (ms). */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    /** OAuth token encryption keys, `id:base64(32 bytes)` comma-separated, current first; required in production. */
    TOKEN_ENCRYPTION_KEYS: tokenEncryptionKeys.optional(),
    /**
     * Serve the built-in platform simulators under /simulators and point every platform whose URLs are not set
     * at them (default: on, except in production).
     */
    PLATFORM_SIMULATORS: booleanFromString.optional(),
    /** How long a startConnection link stays usable (seconds). */
    CONNECT_LINK_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
    /** How long the platform's consent screen may take before the OAuth state expires (seconds). */
    OAUTH_STATE_TTL_SECONDS: z.coerce.number().int().min(60).max(3_600).default(600),
    /** Most a OneRoster import may depart or remove at once, as a percent of the active people it governs (0-100). */
    ONEROSTER_MAX_REMOVAL_PERCENT: z.coerce.number().min(0).max(100).default(10),
    /** PostgreSQL schema of the job queue (pg-boss). */
    JOB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('pgboss'),
    /** How often the queue looks for jobs whose worker died (seconds). */
    JOB_MAINTENANCE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** How often an idle worker asks for sync jobs (seconds, >= 0.5). */
    SYNC_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
    /** Sync check jobs one worker process runs at once. */
    SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** Longest a check job may take; after it a dead worker's accounts are picked up again (seconds). */
    SYNC_CHECK_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
    /** Attempts at an account through transient faults (5xx, timeouts) before it is a dead letter. */
    SYNC_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    /** First retry delay; doubled per attempt, with jitter (seconds). */
    SYNC_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
    /** A run gives up on accounts still waiting (rate limits, retries) this long after it started (hours). */
    SYNC_RUN_DEADLINE_HOURS: z.coerce.number().min(0.01).max(72).default(20),
    /** How long to wait when a platform says "slow down" without saying for how long; doubles per wait, up to 15 minutes (seconds). */
    SYNC_RATE_LIMIT_WAIT_SECONDS: z.coerce.number().min(0.1).max(3600).default(60),
    /**
     * Share of each platform app budget the sync leaves unused (0-0.5): our window and the platform's never line
     * up exactly, and a person's checkAccount or a remediation must still find room.
     */
    SYNC_BUDGET_HEADROOM: z.coerce.number().min(0).max(0.5).default(0.1),
    /** Local hour the nightly sync starts at in a district that has not chosen one. */
    SYNC_NIGHTLY_HOUR: z.coerce.number().int().min(0).max(23).default(2),
    /** Tries of a remediation the platform refused for a passing reason (5xx, rate limit) before it needs a person. */
    REMEDIATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** First retry delay of a remediation; each later one doubles (with jitter). */
    REMEDIATION_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
    /** How long a worker holds a remediation it is applying before another may take it over. */
    REMEDIATION_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
    ...platformVariables,
    ...rateLimitVariables,
  })
  .superRefine((env, context) => {
    // A production deployment must not silently fall back to development secrets kept on local disk.
    if (env.NODE_ENV === 'production' && !env.HANDLE_HASH_KEY) {
      context.addIssue({
        code: 'custom',
        path: ['HANDLE_HASH_KEY'],
        message: 'is required when NODE_ENV=production',
      });
    }
    if (env.NODE_ENV === 'production' && !env.TOKEN_ENCRYPTION_KEYS) {
      context.addIssue({
        code: 'custom',
        path: ['TOKEN_ENCRYPTION_KEYS'],
        message: 'is required when NODE_ENV=production',
      });
    }
    for (const prefix of PLATFORM_ENV_PREFIXES) {
      if (Boolean(env[`${prefix}_CLIENT_ID`]) !== Boolean(env[`${prefix}_CLIENT_SECRET`])) {
        context.addIssue({
          code: 'custom',
          path: [`${prefix}_CLIENT_ID`],
          message: `${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET must be set together`,
        });
      }
    }
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      context.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required when NODE_ENV=production (the embedded PostgreSQL is for development and trials)',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

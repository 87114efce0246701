import { z } from 'zod';

const booleanFromString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length >= 32, 'must be at least 32 bytes, base64-encoded');

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
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      context.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required when NODE_ENV=production (the embedded PostgreSQL is for development and trials)',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

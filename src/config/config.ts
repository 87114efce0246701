import path from 'node:path';
import { EnvSchema, PLATFORM_ENV_PREFIXES, type PlatformEnvPrefix } from './env.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface Config {
  environment: 'development' | 'test' | 'production';
  http: { port: number; host: string; publicUrl: string; shutdownTimeoutMs: number };
  database: {
    /** Set when an external PostgreSQL is used; otherwise the embedded one runs in dataDir. */
    url?: string;
    poolSize: number;
    migrateOnStart: boolean;
    embeddedPort: number;
  };
  dataDir: string;
  seedDemo: boolean;
  logLevel: string;
  secrets: {
    handleHashKey?: Buffer;
    /** Current key first. */
    tokenEncryptionKeys?: Array<{ id: string; key: Buffer }>;
  };
  platforms: {
    /** Built-in simulators are served and used for every platform whose URLs are not configured. */
    simulators: boolean;
    settings: Record<PlatformEnvPrefix, PlatformSettings>;
  };
  oauth: { connectLinkTtlSeconds: number; stateTtlSeconds: number };
  roster: { maxRemovalPercent: number };
  jobs: { schema: string; maintenanceIntervalSeconds: number };
  sync: {
    pollIntervalSeconds: number;
    concurrency: number;
    checkTimeoutSeconds: number;
    maxAttempts: number;
    retryBaseSeconds: number;
    runDeadlineHours: number;
    rateLimitWaitSeconds: number;
    budgetHeadroom: number;
    nightlyHour: number;
  };
  remediation: {
    maxAttempts: number;
    retryBaseSeconds: number;
    leaseSeconds: number;
  };
  graphql: {
    maxPageSize: number;
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    maxTokens: number;
    introspection: boolean;
  };
}

/** What the environment says about one platform; unset values fall back to the registry (or the simulator). */
export interface PlatformSettings {
  authorizeUrl?: string;
  tokenUrl?: string;
  apiUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** The app's budget: `windowSeconds` null means per day in the platform's quota zone. */
  rateLimit?: { capacity: number; windowSeconds: number | null };
}

/** Validates the environment once and turns it into the typed, nested config the rest of the code uses. */
export function loadConfig(source: NodeJS.ProcessEnv): Config {
  // Empty strings mean "unset" (a blank line in an .env file or compose file must not override a default).
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  return {
    environment: env.NODE_ENV,
    http: {
      port: env.PORT,
      host: env.HOST,
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    },
    database: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      migrateOnStart: env.MIGRATE_ON_START,
      embeddedPort: env.EMBEDDED_POSTGRES_PORT,
    },
    dataDir: path.resolve(env.DATA_DIR),
    // A production database is a real district's: no sandbox tenant (and no admin key printed to the logs).
    seedDemo: env.SEED_DEMO ?? env.NODE_ENV !== 'production',
    logLevel: env.LOG_LEVEL,
    secrets: {
      handleHashKey: env.HANDLE_HASH_KEY ? Buffer.from(env.HANDLE_HASH_KEY, 'base64') : undefined,
      tokenEncryptionKeys: env.TOKEN_ENCRYPTION_KEYS,
    },
    platforms: {
      simulators: env.PLATFORM_SIMULATORS ?? env.NODE_ENV !== 'production',
      settings: Object.fromEntries(
        PLATFORM_ENV_PREFIXES.map((prefix) => [
          prefix,
          {
            authorizeUrl: env[`${prefix}_AUTHORIZE_URL`],
            tokenUrl: env[`${prefix}_TOKEN_URL`],
            apiUrl: env[`${prefix}_API_URL`],
            clientId: env[`${prefix}_CLIENT_ID`],
            clientSecret: env[`${prefix}_CLIENT_SECRET`],
            rateLimit: env[`${prefix}_RATE_LIMIT`],
          },
        ]),
      ) as Record<PlatformEnvPrefix, PlatformSettings>,
    },
    oauth: { connectLinkTtlSeconds: env.CONNECT_LINK_TTL_SECONDS, stateTtlSeconds: env.OAUTH_STATE_TTL_SECONDS },
    roster: { maxRemovalPercent: env.ONEROSTER_MAX_REMOVAL_PERCENT },
    jobs: { schema: env.JOB_SCHEMA, maintenanceIntervalSeconds: env.JOB_MAINTENANCE_INTERVAL_SECONDS },
    sync: {
      pollIntervalSeconds: env.SYNC_POLL_INTERVAL_SECONDS,
      concurrency: env.SYNC_CONCURRENCY,
      checkTimeoutSeconds: env.SYNC_CHECK_TIMEOUT_SECONDS,
      maxAttempts: env.SYNC_MAX_ATTEMPTS,
      retryBaseSeconds: env.SYNC_RETRY_BASE_SECONDS,
      runDeadlineHours: env.SYNC_RUN_DEADLINE_HOURS,
      rateLimitWaitSeconds: env.SYNC_RATE_LIMIT_WAIT_SECONDS,
      budgetHeadroom: env.SYNC_BUDGET_HEADROOM,
      nightlyHour: env.SYNC_NIGHTLY_HOUR,
    },
    remediation: {
      maxAttempts: env.REMEDIATION_MAX_ATTEMPTS,
      retryBaseSeconds: env.REMEDIATION_RETRY_BASE_SECONDS,
      leaseSeconds: env.REMEDIATION_LEASE_SECONDS,
    },
    graphql: {
      maxPageSize: env.GRAPHQL_MAX_PAGE_SIZE,
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxCost: env.GRAPHQL_MAX_COST,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
      introspection: env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production',
    },
  };
}

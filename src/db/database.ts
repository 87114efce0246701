import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config';
import { loadLocalSecrets } from '../config/local-secrets';
import type { Logger } from '../logging/logger';
import { ROOT_STATE_DIR, ensureDatabase, ensureTrustedDirectory, isReachableByPostgres, startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE_NAME = 'proctor';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** Stops the embedded PostgreSQL if this process started it; otherwise does nothing. */
  close(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in DATA_DIR, started here or already running. */
export async function openDatabase(config: Config, logger: Logger): Promise<OpenDatabase> {
  if (config.database.url) {
    return { url: config.database.url, embedded: false, close: async () => undefined };
  }
  const secrets = loadLocalSecrets(config.dataDir);
  const server = await startEmbeddedPostgres({
    clusterDir: clusterDirectory(config.dataDir, logger),
    port: config.database.embeddedPort,
    password: secrets.embeddedPostgresPassword,
    log: (line) => logger.info(line),
  });
  await ensureDatabase(server, EMBEDDED_DATABASE_NAME);
  return { url: server.url(EMBEDDED_DATABASE_NAME), embedded: true, close: () => server.stop() };
}

/** The URL of the embedded database while a Proctor process runs it (for tools such as the TypeORM CLI). */
export function embeddedDatabaseUrl(config: Config): string {
  const { embeddedPostgresPassword } = loadLocalSecrets(config.dataDir);
  return `postgres://postgres:${encodeURIComponent(embeddedPostgresPassword)}@127.0.0.1:${config.database.embeddedPort}/${EMBEDDED_DATABASE_NAME}`;
}

/**
 * DATA_DIR/postgres, unless we run as root and the `postgres` user cannot reach DATA_DIR (a clone under a
 * private home directory): then a per-checkout directory under /var/lib/proctor (root's own, survives reboots).
 */
function clusterDirectory(dataDir: string, logger: Logger): string {
  const preferred = path.join(dataDir, 'postgres');
  if (isReachableByPostgres(dataDir)) return preferred;
  const checkout = path.join(ROOT_STATE_DIR, createHash('sha256').update(dataDir).digest('hex').slice(0, 16));
  ensureTrustedDirectory(ROOT_STATE_DIR);
  ensureTrustedDirectory(checkout);
  const fallback = path.join(checkout, 'postgres');
  logger.warn(
    { dataDir, clusterDir: fallback },
    'DATA_DIR is inside a directory the postgres user cannot enter, so the embedded database lives elsewhere; set DATA_DIR (or DATABASE_URL) to choose',
  );
  return fallback;
}

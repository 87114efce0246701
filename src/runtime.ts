import type { DataSource } from 'typeorm';
import type { Config } from './config/config';
import { resolveSecrets, type ResolvedSecrets } from './config/local-secrets';
import { openDatabase, type OpenDatabase } from './db/database';
import { createDataSource } from './db/data-source';
import { runMigrations } from './db/migrate';
import { QueryLogger } from './db/query-logger';
import type { Logger } from './logging/logger';
import { createServices, type Services } from './services';

export interface Runtime {
  config: Config;
  logger: Logger;
  database: OpenDatabase;
  dataSource: DataSource;
  secrets: ResolvedSecrets;
  services: Services;
  close(): Promise<void>;
}

/** Database (external or embedded), schema, secrets and services: what the API, workers and CLI all need. */
export async function openRuntime(
  config: Config,
  logger: Logger,
  options: { applicationName: string; migrate: boolean },
): Promise<Runtime> {
  const database = await openDatabase(config, logger);
  const dataSource = createDataSource({
    url: database.url,
    poolSize: config.database.poolSize,
    logger: new QueryLogger(logger),
    applicationName: options.applicationName,
  });
  try {
    await dataSource.initialize();
    if (options.migrate) {
      const applied = await runMigrations(dataSource);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    }
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
    throw error;
  }
  const secrets = resolveSecrets(config);
  if (secrets.usedLocalFallback) {
    logger.warn({ file: `${config.dataDir}/secrets.json` }, 'HANDLE_HASH_KEY or TOKEN_ENCRYPTION_KEYS is not set: using development keys kept in DATA_DIR');
  }
  return {
    config,
    logger,
    database,
    dataSource,
    secrets,
    services: createServices(dataSource, config, secrets, logger),
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.close();
    },
  };
}

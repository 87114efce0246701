import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { EmbeddedPostgresError } from './db/embedded-postgres';
import { startJobs } from './jobs/job-definitions';
import { createLogger } from './logging/logger';
import { exitOnStartupFailure, stopOnSignals } from './process-signals';
import { openRuntime } from './runtime';

/** `npm run worker`: job workers only, for scaling out; run as many as needed against one PostgreSQL. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const runtime = await openRuntime(config, logger, { applicationName: 'proctor-worker', migrate: config.database.migrateOnStart });
  const jobs = await startJobs(runtime, { applicationName: 'proctor-worker', work: true });
  logger.info({ database: runtime.database.embedded ? 'embedded' : 'external' }, 'Proctor worker running');
  stopOnSignals(logger, async () => {
    await jobs.stop(config.http.shutdownTimeoutMs);
    await runtime.close();
  });
}

main().catch((error) => exitOnStartupFailure(error, (failure) => failure instanceof ConfigError || failure instanceof EmbeddedPostgresError));

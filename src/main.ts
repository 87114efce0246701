import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { EmbeddedPostgresError } from './db/embedded-postgres';
import { buildProctorSchema } from './graphql/schema';
import { createApp } from './http/app';
import { listen } from './http/http-server';
import { createLogger } from './logging/logger';
import { openRuntime } from './runtime';
import { seedSandboxIfEmpty, type SeededSandbox } from './seed/sandbox';

const REPEATED_SIGNAL_GRACE_MS = 2000;

/** `npm start`: the API on PORT, with the embedded PostgreSQL unless DATABASE_URL is set. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const runtime = await openRuntime(config, logger, { applicationName: 'proctor-api', migrate: config.database.migrateOnStart });
  const seeded = config.seedDemo ? await seedSandboxIfEmpty(runtime) : null;
  const proctor = await createApp({
    config,
    dataSource: runtime.dataSource,
    logger,
    services: runtime.services,
    schema: await buildProctorSchema(),
  });
  const http = await listen(proctor.app, config.http.port, config.http.host);
  logger.info({ port: http.port, database: runtime.database.embedded ? 'embedded' : 'external' }, 'Proctor API listening');
  printWelcome(config.http.publicUrl, seeded);

  let stoppingSince: number | undefined;
  const stop = async (signal: string) => {
    if (stoppingSince !== undefined) {
      // Ctrl-C under `npm start` arrives twice (terminal and npm both send it); only a later one means "now".
      if (Date.now() - stoppingSince < REPEATED_SIGNAL_GRACE_MS) return;
      logger.warn({ signal }, 'signal repeated: exiting without waiting');
      process.exit(1);
    }
    stoppingSince = Date.now();
    proctor.lifecycle.shuttingDown = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    try {
      await http.close(config.http.shutdownTimeoutMs);
      await proctor.apollo.stop();
      await runtime.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function printWelcome(publicUrl: string, seeded: SeededSandbox | null): void {
  const endpoint = `${publicUrl}/graphql`;
  const lines = [``, `Proctor is running: ${endpoint}`];
  if (seeded) {
    const key = seeded.adminKey;
    const example = (query: string) =>
      `  curl -s ${endpoint} -H 'content-type: application/json' -H 'authorization: Bearer ${key}' \\\n    -d '${JSON.stringify({ query })}'`;
    lines.push(
      ``,
      `A sandbox district "${seeded.district.name}" (slug ${seeded.district.slug}) was created.`,
      `Its DISTRICT_ADMIN key is shown this once; keep it:`,
      ``,
      `  ${key}`,
      ``,
      `Try:`,
      example('{ viewer { role district { name slug policyProfileId } } schools { code name websiteUrl } }'),
      ``,
      example('{ accounts(first: 10, filter: { status: ACTIVE }) { totalCount edges { node { platform handle scope school { name } admins { email platformRole } } } } }'),
      ``,
    );
  } else {
    lines.push(`New keys: npm run cli -- apikey:create --district SLUG --role DISTRICT_ADMIN`, ``);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Proctor failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});

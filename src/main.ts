import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { EmbeddedPostgresError } from './db/embedded-postgres';
import { buildProctorSchema } from './graphql/schema';
import { createApp } from './http/app';
import { listen } from './http/http-server';
import { startJobs } from './jobs/job-definitions';
import { createLogger } from './logging/logger';
import { exitOnStartupFailure, stopOnSignals } from './process-signals';
import { openRuntime } from './runtime';
import { seedSandboxIfEmpty, type SeededSandbox } from './seed/sandbox';
import { connectSandboxAccounts } from './seed/sandbox-connections';
import { PROVIDERS } from '../integrations/registry';
import { createSimulatorSet, SIMULATOR_CLIENT } from '../integrations/simulator/simulator-server';

/** `npm start`: the API on PORT plus the job workers, with the embedded PostgreSQL unless DATABASE_URL is set. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const runtime = await openRuntime(config, logger, { applicationName: 'proctor-api', migrate: config.database.migrateOnStart });
  const seeded = config.seedDemo ? await seedSandboxIfEmpty(runtime) : null;
  const jobs = await startJobs(runtime, { applicationName: 'proctor-api-jobs', work: true });
  // Sandbox mode: the five platform simulators are served by this process under /simulators.
  const simulators = config.platforms.simulators ? createSimulatorSet(PROVIDERS, () => SIMULATOR_CLIENT) : null;
  const proctor = await createApp({
    config,
    dataSource: runtime.dataSource,
    logger,
    services: runtime.services,
    schema: await buildProctorSchema(),
    simulatorApp: simulators?.app,
  });
  const http = await listen(proctor.app, config.http.port, config.http.host);
  logger.info({ port: http.port, database: runtime.database.embedded ? 'embedded' : 'external' }, 'Proctor API listening');
  const connections =
    seeded && simulators
      ? await connectSandboxAccounts(seeded.district.id, { dataSource: runtime.dataSource, services: runtime.services, simulators, logger })
      : null;
  printWelcome(config.http.publicUrl, seeded, connections);

  stopOnSignals(logger, async () => {
    proctor.lifecycle.shuttingDown = true;
    await http.close(config.http.shutdownTimeoutMs);
    await proctor.apollo.stop();
    await jobs.stop(config.http.shutdownTimeoutMs);
    await runtime.close();
  });
}

function printWelcome(publicUrl: string, seeded: SeededSandbox | null, connections: { connected: number; total: number } | null): void {
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
      ...(connections
        ? [`${connections.connected} of ${connections.total} sandbox accounts are connected to the built-in platform simulators (${publicUrl}/simulators).`, ``]
        : []),
      `Try:`,
      example('{ viewer { role district { name slug policyProfileId } } schools { code name websiteUrl } }'),
      ``,
      example('{ accounts(first: 10, filter: { status: ACTIVE }) { totalCount edges { node { platform handle scope school { name } admins { email platformRole } connection { status expiresAt lastError { code action } } latestSnapshot { fetchedAt profileText website admins { name roles } unavailable } } } } }'),
      ``,
    );
  } else {
    lines.push(`New keys: npm run cli -- apikey:create --district SLUG --role DISTRICT_ADMIN`, ``);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error) => exitOnStartupFailure(error, (failure) => failure instanceof ConfigError || failure instanceof EmbeddedPostgresError));

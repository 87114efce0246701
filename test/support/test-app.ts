import type { Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from '../../src/config/config';
import { createDataSource } from '../../src/db/data-source';
import { QueryLogger } from '../../src/db/query-logger';
import { buildProctorSchema } from '../../src/graphql/schema';
import { createApp } from '../../src/http/app';
import type { Lifecycle } from '../../src/http/health';
import type { FinishedRequest } from '../../src/http/request-tracking';
import { createLogger } from '../../src/logging/logger';
import { resolveSecrets } from '../../src/config/local-secrets';
import { createServices, type Services } from '../../src/services';
import { testConfig } from './test-config';

export interface TestApp {
  app: Express;
  config: Config;
  dataSource: DataSource;
  services: Services;
  lifecycle: Lifecycle;
  /** One entry per finished HTTP request, with its SQL statement count. */
  finished: FinishedRequest[];
  close(): Promise<void>;
}

let schema: Promise<GraphQLSchema> | undefined;

/** The real app (Express + Apollo + TypeORM) on the shared test database; supertest drives it over HTTP. */
export async function startTestApp(overrides: NodeJS.ProcessEnv = {}, options: { logLines?: string[] } = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  // With logLines, every log line at every level is kept for the test to inspect.
  const logger = options.logLines
    ? createLogger('trace', { write: (line: string) => void options.logLines!.push(line) })
    : createLogger('silent');
  const dataSource = createDataSource({ url: config.database.url as string, poolSize: 5, logger: new QueryLogger(logger) });
  await dataSource.initialize();
  const services = createServices(dataSource, config, resolveSecrets(config), logger);
  schema ??= buildProctorSchema();
  const finished: FinishedRequest[] = [];
  const proctor = await createApp({
    config,
    dataSource,
    logger,
    services,
    schema: await schema,
    onRequestFinished: (request) => finished.push(request),
  });
  return {
    app: proctor.app,
    config,
    dataSource,
    services,
    lifecycle: proctor.lifecycle,
    finished,
    async close() {
      await proctor.apollo.stop();
      await dataSource.destroy();
    },
  };
}

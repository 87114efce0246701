import { randomBytes } from 'node:crypto';
import { startJobs } from '../../src/jobs/job-definitions';
import type { JobRuntime } from '../../src/jobs/job-runtime';
import { createLogger } from '../../src/logging/logger';
import type { Runtime } from '../../src/runtime';
import type { TestApp } from './test-app';

/**
 * A job-queue schema of the test file's own: jest runs files in parallel on one database, and a worker of one
 * file must never take another file's jobs (they point at other simulators).
 */
export function jobEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    JOB_SCHEMA: `pgboss_test_${randomBytes(4).toString('hex')}`,
    JOB_MAINTENANCE_INTERVAL_SECONDS: '1',
    SYNC_POLL_INTERVAL_SECONDS: '0.5',
    SYNC_RETRY_BASE_SECONDS: '0.2',
    SYNC_RATE_LIMIT_WAIT_SECONDS: '1',
    ...overrides,
  };
}

/** The test app's process running (or only enqueueing) jobs, as `npm start` does. */
export async function startTestJobs(testApp: TestApp, options: { work: boolean }): Promise<JobRuntime> {
  const runtime: Runtime = {
    config: testApp.config,
    logger: createLogger(process.env.PROCTOR_TEST_JOB_LOG ?? 'silent'),
    database: { url: testApp.config.database.url as string, embedded: false, close: async () => undefined },
    dataSource: testApp.dataSource,
    secrets: { handleHashKey: Buffer.alloc(32), tokenEncryptionKeys: [], usedLocalFallback: false },
    services: testApp.services,
    close: async () => undefined,
  };
  return startJobs(runtime, { applicationName: 'proctor-test-jobs', work: options.work });
}

export async function dropJobSchema(testApp: TestApp): Promise<void> {
  await testApp.dataSource.query(`DROP SCHEMA IF EXISTS ${testApp.config.jobs.schema} CASCADE`);
}

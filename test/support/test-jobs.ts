import { randomBytes } from 'node:crypto';
import { startJobs } from '../../src/jobs/job-definitions';
import type { JobRuntime } from '../../src/jobs/job-runtime';
import { createLogger } from '../../src/logging/logger';
import type { Runtime } from '../../src/runtime';
import type { TestApp } from './test-app';
import { startConnectHarness, type ConnectHarness } from './connect-harness';

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

/**
 * For a test file: the API on a real port with the simulators (startConnectHarness) and a job worker on its
 * own pg-boss schema, started before the file's tests and stopped after; simulator faults and settings reset
 * after each test. Read `.harness` inside tests and hooks.
 */
export function useHarnessWithJobs(extraEnv: NodeJS.ProcessEnv = {}): { readonly harness: ConnectHarness; readonly jobs: JobRuntime; readonly env: NodeJS.ProcessEnv } {
  const queueEnv = { ...jobEnv(), ...extraEnv };
  const state: { harness?: ConnectHarness; jobs?: JobRuntime } = {};
  beforeAll(async () => {
    state.harness = await startConnectHarness(() => queueEnv);
    state.jobs = await startTestJobs(state.harness.testApp, { work: true });
  });
  afterAll(async () => {
    await state.jobs?.stop(5000);
    if (state.harness) await dropJobSchema(state.harness.testApp);
    await state.harness?.close();
  });
  afterEach(() => {
    for (const simulator of state.harness?.simulators.simulators.values() ?? []) simulator.control.reset();
  });
  return {
    env: queueEnv,
    get harness() {
      if (!state.harness) throw new Error('the harness starts in beforeAll');
      return state.harness;
    },
    get jobs() {
      if (!state.jobs) throw new Error('the jobs start in beforeAll');
      return state.jobs;
    },
  };
}

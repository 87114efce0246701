import { seedBulkDistrict, type SeededBulkDistrict } from '../../bench/sync-seed';
import { PROVIDERS } from '../../integrations/registry';
import { bulkFixtures } from '../../integrations/simulator/bulk-fixtures';
import { SimulatorFault } from '../../integrations/simulator/simulator-control';
import { SIMULATOR_CLIENT, startSimulators, type RunningSimulators } from '../../integrations/simulator/simulator-server';
import { Platform } from '../../src/accounts/account.enums';
import type { JobRuntime } from '../../src/jobs/job-runtime';
import { platformEnv } from '../support/connect-harness';
import { unique } from '../support/factories';
import { expectData, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';
import { testEnv } from '../support/test-config';
import { dropJobSchema, jobEnv, startTestJobs } from '../support/test-jobs';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

/** Accounts per platform: enough for several check jobs on each, so that two workers both get some. */
const PER_PLATFORM = 24;
const CHECK_TIMEOUT_SECONDS = '6';

const SYNC_RUN = `query($id: ID!) {
  syncRun(id: $id) { id status total done checked failed rateLimited retrying
    apiCalls { platform calls rateLimitWaits } deadLetters { accountId platform reasonCode attempts } }
}`;

let simulators: RunningSimulators;
let testApp: TestApp;
let queue: JobRuntime;
let env: NodeJS.ProcessEnv;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  const generated = bulkFixtures(PER_PLATFORM, { seed: 7 });
  simulators = await startSimulators(PROVIDERS, () => SIMULATOR_CLIENT, { fixtures: generated.fixtures });
  env = { ...platformEnv(simulators), ...jobEnv({ SYNC_CHECK_TIMEOUT_SECONDS: CHECK_TIMEOUT_SECONDS, SYNC_CONCURRENCY: '2' }) };
  testApp = await startTestApp(env);
  // This process only enqueues; the workers under test are other processes.
  queue = await startTestJobs(testApp, { work: false });
  bulk = { accounts: generated.accounts };
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill('SIGKILL')));
  await queue?.stop(1000);
  if (testApp) await dropJobSchema(testApp);
  await testApp?.close();
  await simulators?.close();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.kill('SIGTERM')));
  for (const simulator of simulators.simulators.values()) simulator.control.reset();
});

let bulk: { accounts: ReturnType<typeof bulkFixtures>['accounts'] };

async function district(): Promise<SeededBulkDistrict> {
  return seedBulkDistrict({ dataSource: testApp.dataSource, services: testApp.services, simulators, accounts: bulk.accounts, slug: unique('bulk') });
}

async function worker(): Promise<WorkerProcess> {
  const started = startWorkerProcess(testEnv({ ...env, LOG_LEVEL: 'info' }));
  workers.push(started);
  await started.ready;
  return started;
}

async function startSync(seeded: SeededBulkDistrict): Promise<string> {
  return expectData(await graphql(testApp.app, seeded.adminKey, 'mutation { startSync { id } }')).startSync.id;
}

async function waitForRun(seeded: SeededBulkDistrict, id: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = expectData(await graphql(testApp.app, seeded.adminKey, SYNC_RUN, { id })).syncRun;
    if (!['QUEUED', 'RUNNING'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`sync run still ${run.status}: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Snapshots stored per account of the run since it started: exactly one each when nothing was read twice. */
async function snapshotsPerAccount(runId: string): Promise<number[]> {
  const rows = await testApp.dataSource.query(
    `SELECT count(snapshot.id)::int AS count FROM sync_item item JOIN sync_run run ON run.id = item.run_id
       LEFT JOIN account_snapshot snapshot ON snapshot.account_id = item.account_id AND snapshot.fetched_at >= run.started_at
      WHERE item.run_id = $1 GROUP BY item.account_id`,
    [runId],
  );
  return rows.map((row: { count: number }) => row.count);
}

it('two worker processes share a run, and no account is checked twice', async () => {
  const seeded = await district();
  for (const simulator of simulators.simulators.values()) simulator.control.latencyMs = 40;
  const [first, second] = await Promise.all([worker(), worker()]);
  const runId = await startSync(seeded);
  const run = await waitForRun(seeded, runId, 90_000);
  expect(run).toMatchObject({ status: 'COMPLETED', total: PER_PLATFORM * 5, checked: PER_PLATFORM * 5, failed: 0 });

  const byWorker = await testApp.dataSource.query('SELECT worker, count(*)::int AS count FROM sync_item WHERE run_id = $1 GROUP BY worker', [runId]);
  const names = byWorker.map((row: { worker: string }) => row.worker.split(':').pop()).sort();
  expect(names).toEqual([String(first.pid), String(second.pid)].sort());
  expect(new Set(await snapshotsPerAccount(runId))).toEqual(new Set([1]));
  const [{ checks }] = await testApp.dataSource.query(
    `SELECT count(*)::int AS checks FROM audit_entry WHERE district_id = $1 AND action = 'sync.check'`,
    [seeded.districtId],
  );
  expect(checks).toBe(PER_PLATFORM * 5);
}, 120_000);

it('a worker killed with SIGKILL mid-run loses no account: another picks its jobs up', async () => {
  const seeded = await district();
  // Slow platforms, so the first worker is surely holding accounts when it dies.
  for (const simulator of simulators.simulators.values()) simulator.control.latencyMs = 1500;
  const doomed = await worker();
  const runId = await startSync(seeded);
  let held: Array<{ account_id: string }> = [];
  for (let tries = 0; held.length === 0 && tries < 100; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    held = await testApp.dataSource.query(`SELECT account_id FROM sync_item WHERE run_id = $1 AND status = 'RUNNING' AND worker LIKE $2`, [runId, `%:${doomed.pid}`]);
  }
  expect(held.length).toBeGreaterThan(0);
  await doomed.kill('SIGKILL');
  for (const simulator of simulators.simulators.values()) simulator.control.latencyMs = 20;

  const survivor = await worker();
  const run = await waitForRun(seeded, runId, 100_000);
  expect(run).toMatchObject({ status: 'COMPLETED', total: PER_PLATFORM * 5, checked: PER_PLATFORM * 5, failed: 0 });
  const retaken = await testApp.dataSource.query(
    `SELECT status, worker FROM sync_item WHERE run_id = $1 AND account_id = ANY($2::uuid[])`,
    [runId, held.map((row) => row.account_id)],
  );
  for (const item of retaken) expect(item).toEqual({ status: 'CHECKED', worker: expect.stringMatching(new RegExp(`:${survivor.pid}$`)) });
  expect(Math.max(...(await snapshotsPerAccount(runId)))).toBe(1);
}, 150_000);

it('with 10% of platform requests failing and a burst of 429s, the run still ends with every account checked or listed with its reason', async () => {
  const seeded = await district();
  const local = await startTestJobs(testApp, { work: true });
  try {
    for (const simulator of simulators.simulators.values()) {
      simulator.control.serverErrorRate = 0.1;
      simulator.control.latencyMs = 5;
    }
    // A burst of 429s: the platforms' own app limits, tight for a moment (X says when to come back; Meta does not).
    simulators.get(Platform.X).control.appRateLimit = { calls: 20, windowMs: 1500 };
    simulators.get(Platform.FACEBOOK).control.appRateLimit = { calls: 50, windowMs: 1500 };
    // And an outage longer than a connector's own quick retries: those accounts come back after a backoff.
    simulators.get(Platform.YOUTUBE).control.inject(SimulatorFault.SERVER_ERROR, { times: 100 });
    const runId = await startSync(seeded);
    const run = await waitForRun(seeded, runId, 90_000);
    expect(['COMPLETED', 'COMPLETED_WITH_FAILURES']).toContain(run.status);
    expect(run.checked + run.failed).toBe(PER_PLATFORM * 5);
    expect(run.deadLetters).toHaveLength(run.failed);
    for (const letter of run.deadLetters) expect(['UNAVAILABLE', 'BAD_RESPONSE', 'RATE_LIMITED']).toContain(letter.reasonCode);
    // The burst was waited out, not failed: the platforms that sent it show the waits.
    const waits = Object.fromEntries(run.apiCalls.map((entry: { platform: string; rateLimitWaits: number }) => [entry.platform, entry.rateLimitWaits]));
    expect(waits.X + waits.FACEBOOK).toBeGreaterThan(0);
    // Accounts come through the noise and the outage: five attempts each, with backoff.
    expect(run.checked).toBeGreaterThan(PER_PLATFORM * 5 * 0.9);
    const [{ retried }] = await testApp.dataSource.query(`SELECT count(*)::int AS retried FROM sync_item WHERE run_id = $1 AND attempts > 0 AND status = 'CHECKED'`, [runId]);
    expect(retried).toBeGreaterThan(0);
  } finally {
    await local.stop(5000);
  }
}, 120_000);

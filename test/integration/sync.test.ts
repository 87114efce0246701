import { SimulatorFault } from '../../integrations/simulator/simulator-control';
import { Platform } from '../../src/accounts/account.enums';
import sandbox from '../../src/seed/sandbox-district.json';
import { runCliCaptured } from '../support/cli-run';
import { connectedSandboxDistrict, platformEnv } from '../support/connect-harness';
import { testEnv } from '../support/test-config';
import { ApiRole } from '../../src/auth/api-role';
import { createDistrict, createKey, registerAccount } from '../support/factories';
import { errorCode, expectData, graphql } from '../support/graphql';
import { useHarnessWithJobs } from '../support/test-jobs';

const START_SYNC = 'mutation { startSync { id status trigger total } }';
const SYNC_RUN = `query($id: ID!) {
  syncRun(id: $id) {
    id status trigger requestedBy startedAt finishedAt total done checked failed rateLimited retrying inProgress eta
    outcomes { status count }
    apiCalls { platform accounts calls rateLimitWaits }
    deadLetters { accountId platform reasonCode message action attempts account { id handle } }
  }
}`;

const files = useHarnessWithJobs();

/** A district with the sandbox's eight accounts, each connected through the real OAuth flow. */
async function sandboxDistrict() {
  const { district, adminKey, connected } = await connectedSandboxDistrict(files.harness);
  expect(connected.connected).toBe(sandbox.accounts.length);
  return { district, adminKey };
}

async function waitForRun(key: string, id: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = expectData(await graphql(files.harness.testApp.app, key, SYNC_RUN, { id })).syncRun;
    if (!['QUEUED', 'RUNNING'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`sync run still ${run.status}: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

it('a sync over the sandbox district checks every account, once, and says what it cost', async () => {
  const { district, adminKey } = await sandboxDistrict();
  const started = expectData(await graphql(files.harness.testApp.app, adminKey, START_SYNC)).startSync;
  expect(started).toMatchObject({ status: 'QUEUED', trigger: 'API' });

  const run = await waitForRun(adminKey, started.id);
  expect(run).toMatchObject({ status: 'COMPLETED', total: sandbox.accounts.length, done: sandbox.accounts.length, checked: sandbox.accounts.length, failed: 0, rateLimited: 0, eta: null });
  expect(run.deadLetters).toEqual([]);
  const listed = expectData(await graphql(files.harness.testApp.app, adminKey, '{ syncRuns(first: 5) { id status checked total } }')).syncRuns;
  expect(listed).toEqual([{ id: run.id, status: 'COMPLETED', checked: sandbox.accounts.length, total: sandbox.accounts.length }]);
  expect(run.apiCalls.map((entry: { platform: string }) => entry.platform).sort()).toEqual(['FACEBOOK', 'INSTAGRAM', 'LINKEDIN', 'X', 'YOUTUBE']);
  for (const entry of run.apiCalls) expect(entry.calls).toBeGreaterThan(0);

  // One snapshot per account from this run, and a fresh judgement of each.
  const items = await files.harness.testApp.dataSource.query('SELECT account_id, snapshot_id FROM sync_item WHERE run_id = $1', [run.id]);
  expect(new Set(items.map((item: { account_id: string }) => item.account_id)).size).toBe(sandbox.accounts.length);
  const [{ count }] = await files.harness.testApp.dataSource.query(
    `SELECT count(*)::int AS count FROM account_snapshot WHERE id = ANY($1::uuid[])`,
    [items.map((item: { snapshot_id: string }) => item.snapshot_id)],
  );
  expect(count).toBe(sandbox.accounts.length);
  const audit = await files.harness.testApp.dataSource.query(
    `SELECT action, count(*)::int AS count FROM audit_entry WHERE district_id = $1 AND action LIKE 'sync.%' GROUP BY action ORDER BY action`,
    [district.id],
  );
  expect(audit).toEqual([
    { action: 'sync.check', count: sandbox.accounts.length },
    { action: 'sync.finish', count: 1 },
    { action: 'sync.start', count: 1 },
  ]);
});

it('a second startSync while one runs answers the same run', async () => {
  const { adminKey } = await sandboxDistrict();
  files.harness.simulators.get(Platform.FACEBOOK).control.latencyMs = 300;
  const first = expectData(await graphql(files.harness.testApp.app, adminKey, START_SYNC)).startSync;
  const second = expectData(await graphql(files.harness.testApp.app, adminKey, START_SYNC)).startSync;
  expect(second.id).toBe(first.id);
  await waitForRun(adminKey, first.id);
});

it('lists accounts that cannot be checked with their reason, and a revoked consent marks the connection', async () => {
  const { adminKey } = await sandboxDistrict();
  const unconnected = await registerAccount(files.harness.testApp, adminKey, { platform: 'X', handle: 'never_connected', scope: 'DISTRICT' });
  files.harness.simulators.get(Platform.LINKEDIN).control.inject(SimulatorFault.REVOKED_TOKEN, { times: 50 });
  const started = expectData(await graphql(files.harness.testApp.app, adminKey, START_SYNC)).startSync;
  const run = await waitForRun(adminKey, started.id);
  expect(run.status).toBe('COMPLETED_WITH_FAILURES');
  expect(run.total).toBe(sandbox.accounts.length + 1);
  const reasons = Object.fromEntries(run.deadLetters.map((letter: { platform: string; reasonCode: string }) => [letter.platform, letter.reasonCode]));
  expect(reasons).toEqual({ LINKEDIN: 'TOKEN_REVOKED', X: 'NOT_CONNECTED' });
  expect(run.deadLetters.find((letter: { platform: string }) => letter.platform === 'X').account.id).toBe(unconnected.id);
  for (const letter of run.deadLetters) expect(letter.action).toEqual(expect.any(String));
  const [connection] = await files.harness.testApp.dataSource.query(
    `SELECT c.status FROM platform_connection c JOIN sync_item i ON i.account_id = c.account_id WHERE i.run_id = $1 AND i.platform = 'LINKEDIN'`,
    [run.id],
  );
  expect(connection.status).toBe('REVOKED');
});

it('syncRun answers null for another district\'s run; a viewer may watch but not start one', async () => {
  const { district, adminKey } = await sandboxDistrict();
  const other = await createDistrict(files.harness.testApp);
  const started = expectData(await graphql(files.harness.testApp.app, adminKey, START_SYNC)).startSync;
  expect(expectData(await graphql(files.harness.testApp.app, other.adminKey, SYNC_RUN, { id: started.id })).syncRun).toBeNull();
  expect(expectData(await graphql(files.harness.testApp.app, adminKey, SYNC_RUN, { id: 'not-an-id' })).syncRun).toBeNull();
  const viewerKey = await createKey(files.harness.testApp, district.id, ApiRole.VIEWER);
  expect(errorCode(await graphql(files.harness.testApp.app, viewerKey, START_SYNC))).toBe('FORBIDDEN');
  expect(expectData(await graphql(files.harness.testApp.app, viewerKey, SYNC_RUN, { id: started.id })).syncRun.id).toBe(started.id);
  await waitForRun(adminKey, started.id);
});

function cli(...argv: string[]) {
  return runCliCaptured(argv, testEnv({ ...platformEnv(files.harness.simulators), PUBLIC_URL: files.harness.baseUrl, ...files.env }));
}

it('npm run cli -- sync runs a sync to its end with a progress bar, and exits 1 when it cannot run', async () => {
  const { district } = await sandboxDistrict();
  const result = await cli('sync', '--district', district.slug, '--json');
  expect(result.code).toBe(0);
  const printed = JSON.parse(result.stdout);
  expect(printed).toMatchObject({ status: 'COMPLETED', total: sandbox.accounts.length, checked: sandbox.accounts.length, failed: 0, deadLetters: [] });
  expect(result.stderr).toContain(`${sandbox.accounts.length}/${sandbox.accounts.length}`);
  const [run] = await files.harness.testApp.dataSource.query('SELECT trigger, requested_by FROM sync_run WHERE id = $1', [printed.id]);
  expect(run.trigger).toBe('CLI');

  const missing = await cli('sync', '--district', 'no-such-district', '--json');
  expect(missing.code).toBe(1);
  expect(JSON.parse(missing.stderr).error.code).toBe('NOT_FOUND');
}, 60_000);

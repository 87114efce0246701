import { randomUUID } from 'node:crypto';
import { Platform } from '../../src/accounts/account.enums';
import type { JobRuntime } from '../../src/jobs/job-runtime';
import { RateBudgetStore } from '../../src/sync/rate-budget.store';
import { SyncScheduler } from '../../src/sync/sync-scheduler';
import { createLogger } from '../../src/logging/logger';
import { createDistrict } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { dropJobSchema, jobEnv, startTestJobs } from '../support/test-jobs';

let testApp: TestApp;
let budgets: RateBudgetStore;
let queue: JobRuntime;

beforeAll(async () => {
  testApp = await startTestApp(jobEnv());
  budgets = new RateBudgetStore(testApp.dataSource);
  queue = await startTestJobs(testApp, { work: false });
});

afterAll(async () => {
  await queue.stop(1000);
  await dropJobSchema(testApp);
  await testApp.close();
});

const key = () => `X:app:test-${randomUUID()}`;
const fixed = (capacity: number, windowSeconds: number) => ({ capacity, windowSeconds, dayIn: 'UTC' });

describe('rate budgets shared in PostgreSQL', () => {
  it('never grants more than the window holds, however many workers ask at once', async () => {
    const budget = key();
    // 40 reservations of 7 race for 100 units, each on its own pooled connection.
    const grants = await Promise.all(Array.from({ length: 40 }, () => budgets.reserve(budget, Platform.X, fixed(100, 60), 7, 7)));
    const granted = grants.reduce((sum, grant) => sum + grant.granted, 0);
    expect(granted).toBe(98);
    expect(grants.filter((grant) => grant.granted === 0).every((grant) => grant.retryAt !== null)).toBe(true);
    const [row] = await testApp.dataSource.query('SELECT used, capacity FROM rate_budget WHERE key = $1', [budget]);
    expect(row).toEqual({ used: 98, capacity: 100 });
  });

  it('grants part of a request, then nothing until the window ends, then a fresh window', async () => {
    const budget = key();
    const first = await budgets.reserve(budget, Platform.X, fixed(10, 1), 8, 2);
    expect(first.granted).toBe(8);
    const second = await budgets.reserve(budget, Platform.X, fixed(10, 1), 8, 2);
    expect(second).toMatchObject({ granted: 2, retryAt: first.windowEndsAt });
    const third = await budgets.reserve(budget, Platform.X, fixed(10, 1), 8, 2);
    expect(third.granted).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, third.retryAt!.getTime() - Date.now()) + 50));
    expect((await budgets.reserve(budget, Platform.X, fixed(10, 1), 8, 2)).granted).toBe(8);
  });

  it('settles what the calls really cost against the window they were reserved from', async () => {
    const budget = key();
    const grant = await budgets.reserve(budget, Platform.X, fixed(10, 60), 4, 4);
    await budgets.settle(budget, grant.windowEndsAt, 4, 9);
    expect((await budgets.reserve(budget, Platform.X, fixed(10, 60), 2, 2)).granted).toBe(0);
  });

  it('keeps a platform\'s block, for capped and uncapped keys alike, and never shortens it', async () => {
    const capped = key();
    const uncapped = key();
    const until = new Date(Date.now() + 60_000);
    await budgets.block([capped, uncapped], Platform.X, until, 'RATE_LIMITED');
    await budgets.block([capped], Platform.X, new Date(Date.now() + 1_000), 'RATE_LIMITED');
    expect(await budgets.reserve(capped, Platform.X, fixed(100, 60), 1, 1)).toMatchObject({ granted: 0 });
    const refused = await budgets.reserve(uncapped, Platform.X, null, 5, 1);
    expect(refused.granted).toBe(0);
    expect(refused.retryAt!.getTime()).toBe(until.getTime());
    expect([...(await budgets.blocked([capped, uncapped, key()])).keys()].sort()).toEqual([capped, uncapped].sort());
  });

  it('ends a daily quota at midnight in the platform\'s own zone', async () => {
    const grant = await budgets.reserve(key(), Platform.YOUTUBE, { capacity: 10_000, windowSeconds: null, dayIn: 'America/Los_Angeles' }, 3, 1);
    const end = grant.windowEndsAt!;
    const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(end);
    expect(local).toBe('00:00');
    expect(end.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3600_000);
  });
});

describe('nightly scheduler', () => {
  it('starts one nightly run per district and local night, whatever the number of ticks', async () => {
    const { district } = await createDistrict(testApp);
    await testApp.dataSource.query(`UPDATE district SET time_zone = 'Asia/Kolkata', nightly_sync_hour = 2 WHERE id = $1`, [district.id]);
    const scheduler = new SyncScheduler(testApp.dataSource, testApp.config, () => queue, createLogger('silent'));
    const only = { districtIds: [district.id] };
    // 01:45 in Kolkata: not yet.
    expect((await scheduler.tick(new Date('2026-11-22T20:15:00Z'), only)).started).toEqual([]);
    // 02:15 there, twice, and from two schedulers at once.
    const [first, second] = await Promise.all([scheduler.tick(new Date('2026-11-22T20:45:00Z'), only), scheduler.tick(new Date('2026-11-22T20:46:00Z'), only)]);
    expect(first.started.length + second.started.length).toBe(1);
    expect((await scheduler.tick(new Date('2026-11-22T23:00:00Z'), only)).started).toEqual([]);
    const runs = await testApp.dataSource.query('SELECT trigger, night_of::text AS night, status FROM sync_run WHERE district_id = $1', [district.id]);
    expect(runs).toEqual([{ trigger: 'NIGHTLY', night: '2026-11-23', status: 'QUEUED' }]);
    const [job] = await testApp.dataSource.query(
      `SELECT data->>'runId' AS run FROM ${testApp.config.jobs.schema}.job WHERE name = 'sync.fan-out' AND data->>'districtId' = $1`,
      [district.id],
    );
    expect(job).toBeDefined();
  });
});

import type { DataSource } from 'typeorm';
import type { JobDefinition, JobQueue } from '../jobs/job-runtime';
import type { Runtime } from '../runtime';
import { RateBudgetStore } from './rate-budget.store';
import { SyncChecker } from './sync-checker';
import { SyncFanOut } from './sync-fan-out';
import { SyncFinisher } from './sync-finisher';
import { SyncItemStatus, SyncRunStatus } from './sync.enums';
import {
  CHECK_QUEUE,
  DEAD_LETTER_QUEUE,
  FAN_OUT_QUEUE,
  NIGHTLY_QUEUE,
  SyncItems,
  type CheckJobData,
  type FanOutJobData,
} from './sync-items';
import { SyncScheduler } from './sync-scheduler';

/**
 * The sync's queues. A job that keeps failing (its handler threw on every retry) lands in the dead-letter
 * queue, whose handler writes the failure onto the run: accounts are listed with WORKER_FAILED, a fan-out
 * that never ran fails its run. Nothing is left waiting silently.
 */
export function syncJobs(runtime: Runtime, queue: JobQueue): JobDefinition<any>[] {
  const { dataSource, config, services, logger } = runtime;
  const items = new SyncItems(() => queue);
  const finisher = new SyncFinisher(dataSource, config);
  const checker = new SyncChecker(dataSource, config, services, new RateBudgetStore(dataSource), items, finisher, logger);
  const fanOut = new SyncFanOut(dataSource, config, services.refresher, finisher, () => queue, logger);
  const scheduler = new SyncScheduler(dataSource, config, () => queue, logger);
  const work = { pollingIntervalSeconds: config.sync.pollIntervalSeconds };
  return [
    {
      name: DEAD_LETTER_QUEUE,
      work,
      async handle(jobs) {
        for (const job of jobs) await recordDeadJob(dataSource, finisher, job.data as CheckJobData | FanOutJobData);
      },
    },
    {
      name: NIGHTLY_QUEUE,
      schedule: '*/15 * * * *',
      queue: { policy: 'singleton' },
      async handle() {
        await scheduler.tick();
      },
    },
    {
      name: FAN_OUT_QUEUE,
      queue: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 600, deadLetter: DEAD_LETTER_QUEUE },
      work,
      async handle(jobs) {
        for (const job of jobs) await fanOut.run(job.data as FanOutJobData);
      },
    },
    {
      name: CHECK_QUEUE,
      // expireIn is how long a dead worker's job waits before pg-boss hands it out again.
      queue: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: config.sync.checkTimeoutSeconds, deadLetter: DEAD_LETTER_QUEUE },
      work,
      concurrency: config.sync.concurrency,
      async handle(jobs) {
        for (const job of jobs) await checker.run(job.data as CheckJobData);
      },
    },
  ];
}

async function recordDeadJob(dataSource: DataSource, finisher: SyncFinisher, data: CheckJobData | FanOutJobData): Promise<void> {
  if ('accountIds' in data) {
    await dataSource.query(
      `UPDATE sync_item SET status = $4, reason_code = 'WORKER_FAILED', reason_message = $5, finished_at = now(),
              claim_token = NULL, lease_until = NULL, updated_at = now()
        WHERE run_id = $1 AND district_id = $2 AND account_id = ANY($3::uuid[]) AND status IN ($6, $7)`,
      [data.runId, data.districtId, data.accountIds, SyncItemStatus.FAILED, 'Proctor failed to check the account several times in a row.', SyncItemStatus.PENDING, SyncItemStatus.RUNNING],
    );
    await finisher.finishIfDone(data.runId, data.districtId);
    return;
  }
  await dataSource.query(`UPDATE sync_run SET status = $3, failure_code = 'FAN_OUT_FAILED', finished_at = now(), updated_at = now() WHERE id = $1 AND district_id = $2 AND status = $4`, [
    data.runId,
    data.districtId,
    SyncRunStatus.FAILED,
    SyncRunStatus.QUEUED,
  ]);
}

import type { JobDefinition, JobQueue } from '../jobs/job-runtime';
import type { Runtime } from '../runtime';
import { systemActor } from '../tenancy/actor';
import { TenantScope } from '../tenancy/tenant-scope';
import { APPLY_QUEUE, OFFBOARDING_START_QUEUE, SWEEP_QUEUE, type ApplyJobData, type StartJobData } from './remediation-queue';
import { RemediationStatus } from './remediation.enums';

/** A due action whose job has not taken it this long after its time is the sweeper's (its job was lost or ran too early). */
const OVERDUE_SECONDS = 60;
const SWEEP_BATCH = 50;

/**
 * Remediation and offboarding jobs. The rows are the truth: `remediation.apply` applies one action when its
 * attempt is due, `offboarding.start` begins a scheduled offboarding, and the minute sweeper picks up anything
 * due whose job went missing (a crash between claim and record, a queue outage), so nothing is lost.
 */
export function remediationJobs(runtime: Runtime, _queue: JobQueue): JobDefinition<any>[] {
  const { dataSource, services } = runtime;
  const work = { pollingIntervalSeconds: runtime.config.sync.pollIntervalSeconds };
  const scopeOf = (districtId: string) => new TenantScope(systemActor(districtId, 'offboarding'), dataSource.manager);
  return [
    {
      name: APPLY_QUEUE,
      queue: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: runtime.config.remediation.leaseSeconds },
      work,
      async handle(jobs) {
        for (const job of jobs) {
          const data = job.data as ApplyJobData;
          await services.remediationRunner.run(data.districtId, data.actionId);
        }
      },
    },
    {
      name: OFFBOARDING_START_QUEUE,
      queue: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 },
      work,
      async handle(jobs) {
        for (const job of jobs) {
          const data = job.data as StartJobData;
          await services.offboarding.startDue(scopeOf(data.districtId), data.offboardingId);
        }
      },
    },
    {
      name: SWEEP_QUEUE,
      schedule: '* * * * *',
      queue: { policy: 'singleton' },
      async handle() {
        await sweepRemediations(runtime);
      },
    },
  ];
}

/** Starts scheduled offboardings that are due and applies actions overdue for their job; returns how many of each. */
export async function sweepRemediations(runtime: Pick<Runtime, 'dataSource' | 'services' | 'logger'>): Promise<{ offboardings: number; actions: number }> {
  const { dataSource, services, logger } = runtime;
  const offboardings: Array<{ id: string; district_id: string }> = await dataSource.query(
    `SELECT id, district_id FROM offboarding WHERE status = 'SCHEDULED' AND effective_at <= now() ORDER BY effective_at LIMIT $1`,
    [SWEEP_BATCH],
  );
  for (const row of offboardings) {
    await services.offboarding.startDue(new TenantScope(systemActor(row.district_id, 'offboarding'), dataSource.manager), row.id);
  }
  const actions: Array<{ id: string; district_id: string }> = await dataSource.query(
    `SELECT id, district_id FROM remediation_action
      WHERE status IN ($1, $2) AND next_attempt_at <= now() - make_interval(secs => $3) AND (lease_until IS NULL OR lease_until < now())
      ORDER BY next_attempt_at LIMIT $4`,
    [RemediationStatus.REQUESTED, RemediationStatus.FAILED, OVERDUE_SECONDS, SWEEP_BATCH],
  );
  if (actions.length > 0) logger.info({ actions: actions.length }, 'remediation sweeper picks up overdue actions');
  for (const row of actions) await services.remediationRunner.run(row.district_id, row.id);
  return { offboardings: offboardings.length, actions: actions.length };
}

import { refreshExpiringJob } from '../connections/refresh-expiring.job';
import type { Runtime } from '../runtime';
import { syncJobs } from '../sync/sync.jobs';
import { JobRuntime, type JobDefinition, type JobQueue } from './job-runtime';
import { remediationJobs } from '../remediation/remediation.jobs';

/** Every background job Proctor runs: token upkeep and the sync (remediation retries join in issue 6). */
export function jobDefinitions(runtime: Runtime, queue: JobQueue): JobDefinition<any>[] {
  return [refreshExpiringJob(runtime.dataSource, runtime.config, runtime.services.refresher, runtime.logger), ...syncJobs(runtime, queue), ...remediationJobs(runtime, queue)];
}

/** Starts the process's job queue (`work`: also run jobs) and hands it to the services that enqueue. */
export async function startJobs(runtime: Runtime, options: { applicationName: string; work: boolean }): Promise<JobRuntime> {
  const jobs = new JobRuntime(runtime.database.url, runtime.logger, (queue) => jobDefinitions(runtime, queue), {
    applicationName: options.applicationName,
    schema: runtime.config.jobs.schema,
    maintenanceIntervalSeconds: runtime.config.jobs.maintenanceIntervalSeconds,
  });
  await jobs.start({ work: options.work });
  runtime.services.sync.useQueue(jobs);
  runtime.services.remediationQueue.use(jobs);
  return jobs;
}

import { refreshExpiringJob } from '../connections/refresh-expiring.job';
import type { Runtime } from '../runtime';
import type { JobDefinition } from './job-runtime';

/**
 * Every background job Proctor runs. Platform checks, token refresh, nightly sync and remediation retries
 * join this list as they land (issues 3, 5, 6); the runtime, queues and workers around them are in place.
 */
export function jobDefinitions(runtime: Runtime): JobDefinition<any>[] {
  return [refreshExpiringJob(runtime.dataSource, runtime.config, runtime.services.refresher, runtime.logger)];
}

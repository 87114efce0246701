import { jobIdFor } from '../sync/sync-items';
import type { JobQueue, JobToSend } from '../jobs/job-runtime';
import type { TenantScope } from '../tenancy/tenant-scope';

export const APPLY_QUEUE = 'remediation.apply';
export const SWEEP_QUEUE = 'remediation.sweep';
export const OFFBOARDING_START_QUEUE = 'offboarding.start';

export interface ApplyJobData {
  districtId: string;
  actionId: string;
}

export interface StartJobData {
  districtId: string;
  offboardingId: string;
}

/**
 * Enqueues remediation work in the caller's transaction, so a job exists exactly when its row does. The rows
 * are the truth and the jobs only prompts: a process without a queue (a test, a CLI) enqueues nothing, and
 * the sweeper finds due rows whatever happened to their jobs.
 */
export class RemediationQueue {
  private queue: JobQueue | null = null;

  use(queue: JobQueue): void {
    this.queue = queue;
  }

  async apply(scope: TenantScope, actions: Array<{ id: string; attempts: number; nextAttemptAt: Date | null }>): Promise<void> {
    const jobs: JobToSend<ApplyJobData>[] = actions
      .filter((action) => action.nextAttemptAt !== null)
      .map((action) => ({
        name: APPLY_QUEUE,
        // One job per attempt: a second enqueue of the same attempt inserts nothing.
        id: jobIdFor(action.id, 'attempt', String(action.attempts)),
        data: { districtId: scope.districtId, actionId: action.id },
        startAfter: action.nextAttemptAt ?? undefined,
      }));
    await this.insert(scope, jobs);
  }

  async start(scope: TenantScope, offboarding: { id: string; effectiveAt: Date }): Promise<void> {
    await this.insert(scope, [
      {
        name: OFFBOARDING_START_QUEUE,
        id: jobIdFor(offboarding.id, 'start', offboarding.effectiveAt.toISOString()),
        data: { districtId: scope.districtId, offboardingId: offboarding.id },
        startAfter: offboarding.effectiveAt,
      },
    ]);
  }

  private async insert(scope: TenantScope, jobs: JobToSend[]): Promise<void> {
    if (!this.queue || jobs.length === 0) return;
    await this.queue.insert(jobs, (text, values) => scope.sql(text, values));
  }
}

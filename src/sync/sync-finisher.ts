import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import type { SqlExecutor } from '../jobs/job-runtime';
import { systemActor } from '../tenancy/actor';
import { TenantScope } from '../tenancy/tenant-scope';
import { SyncItemStatus, SyncRunStatus } from './sync.enums';

class NothingToFinish extends Error {}

/** Ends a run once none of its accounts is left to do; whichever worker finishes the last account ends it, once. */
export class SyncFinisher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
  ) {}

  async finishIfDone(runId: string, districtId: string): Promise<boolean> {
    const scope = new TenantScope(systemActor(districtId, 'sync'), this.dataSource.manager);
    try {
      await scope.transaction(async (transaction) => {
        const [finished] = await transaction.sql<{ status: SyncRunStatus; total: number; failed: number }>(
          `UPDATE sync_run AS run
              SET status = CASE WHEN counts.failed > 0 THEN $3::sync_run_status_enum ELSE $4::sync_run_status_enum END,
                  finished_at = now(), updated_at = now()
             FROM (SELECT count(*) FILTER (WHERE status = $5)::int AS failed,
                          count(*) FILTER (WHERE status NOT IN ($5, $6))::int AS open
                     FROM sync_item WHERE run_id = $1) AS counts
            WHERE run.id = $1 AND run.district_id = $2 AND run.status = $7 AND counts.open = 0
        RETURNING run.status, run.total, counts.failed`,
          [runId, districtId, SyncRunStatus.COMPLETED_WITH_FAILURES, SyncRunStatus.COMPLETED, SyncItemStatus.FAILED, SyncItemStatus.CHECKED, SyncRunStatus.RUNNING],
        );
        if (!finished) throw new NothingToFinish();
        transaction.audit({ action: 'sync.finish', targetType: 'SyncRun', targetId: runId, after: finished });
      });
      return true;
    } catch (error) {
      if (error instanceof NothingToFinish) return false;
      throw error;
    }
  }

  /** After this, accounts still waiting are dead letters rather than postponed again. */
  async deadlineOf(runId: string, sql: SqlExecutor): Promise<Date | null> {
    const [row] = (await sql(
      `SELECT started_at + make_interval(secs => $2::double precision) AS deadline FROM sync_run WHERE id = $1`,
      [runId, this.config.sync.runDeadlineHours * 3600],
    )) as Array<{ deadline: Date | null }>;
    return row?.deadline ?? null;
  }
}

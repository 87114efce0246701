import { sqlExecutor } from '../db/sql-executor';
import type { DataSource } from 'typeorm';
import { providerFor } from '../../integrations/registry';
import { AccountStatus, Platform } from '../accounts/account.enums';
import type { Config } from '../config/config';
import { refreshExpiringConnections } from '../connections/refresh-expiring.job';
import type { TokenRefresher } from '../connections/token-refresher';
import { newId } from '../db/ids';
import type { JobQueue, JobToSend, SqlExecutor } from '../jobs/job-runtime';
import type { Logger } from '../logging/logger';
import { SyncItemStatus, SyncRunStatus } from './sync.enums';
import type { SyncFinisher } from './sync-finisher';
import { CHECK_QUEUE, jobIdFor, type CheckJobData, type FanOutJobData } from './sync-items';

/**
 * Lists a run's accounts as items and enqueues their check jobs, one job per batch the platform reads in one
 * request. Items and jobs commit together, and only while the run is still QUEUED: a fan-out delivered twice
 * finds the run RUNNING and adds nothing.
 */
export class SyncFanOut {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly refresher: TokenRefresher,
    private readonly finisher: SyncFinisher,
    private readonly queue: () => JobQueue,
    private readonly logger: Logger,
  ) {}

  async run({ runId, districtId }: FanOutJobData): Promise<void> {
    // Tokens that would lapse during the night are renewed first, so the run does not start on stale ones.
    await refreshExpiringConnections(this.dataSource, this.config, this.refresher, this.logger, { districtId });
    const total = await this.dataSource.transaction(async (manager) => {
      const sql: SqlExecutor = sqlExecutor(manager);
      const [run] = (await sql('SELECT status FROM sync_run WHERE id = $1 AND district_id = $2 FOR UPDATE', [runId, districtId])) as Array<{ status: SyncRunStatus }>;
      if (!run || run.status !== SyncRunStatus.QUEUED) return null;
      const supported = Object.values(Platform).filter((platform) => providerFor(platform));
      const accounts = (await sql(
        `SELECT id, platform FROM social_account WHERE district_id = $1 AND status <> $2 AND platform = ANY($3::social_account_platform_enum[]) ORDER BY platform, id`,
        [districtId, AccountStatus.RETIRED, supported],
      )) as Array<{ id: string; platform: Platform }>;
      await sql(
        `INSERT INTO sync_item (id, district_id, run_id, account_id, platform, status)
         SELECT item.id, $1, $2, item.account_id, item.platform::sync_item_platform_enum, $3
           FROM unnest($4::uuid[], $5::uuid[], $6::text[]) AS item(id, account_id, platform)
         ON CONFLICT (run_id, account_id) DO NOTHING`,
        [districtId, runId, SyncItemStatus.PENDING, accounts.map(() => newId()), accounts.map((account) => account.id), accounts.map((account) => account.platform)],
      );
      await this.queue().insert(this.batches(runId, districtId, accounts), sql);
      await sql(`UPDATE sync_run SET status = $2, total = $3, started_at = now(), updated_at = now() WHERE id = $1`, [runId, SyncRunStatus.RUNNING, accounts.length]);
      return accounts.length;
    });
    if (total === null) return;
    this.logger.info({ runId, districtId, accounts: total }, 'sync run fanned out');
    // A district with nothing to check is done at once.
    if (total === 0) await this.finisher.finishIfDone(runId, districtId);
  }

  private batches(runId: string, districtId: string, accounts: Array<{ id: string; platform: Platform }>): JobToSend<CheckJobData>[] {
    const jobs: JobToSend<CheckJobData>[] = [];
    const byPlatform = new Map<Platform, string[]>();
    for (const account of accounts) byPlatform.set(account.platform, [...(byPlatform.get(account.platform) ?? []), account.id]);
    for (const [platform, ids] of byPlatform) {
      const size = providerFor(platform)!.sync.batchSize;
      for (let start = 0, index = 0; start < ids.length; start += size, index += 1) {
        jobs.push({
          name: CHECK_QUEUE,
          id: jobIdFor(runId, platform, String(index)),
          data: { runId, districtId, platform, accountIds: ids.slice(start, start + size) },
        });
      }
    }
    return jobs;
  }
}

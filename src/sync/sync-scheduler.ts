import { sqlExecutor } from '../db/sql-executor';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { newId } from '../db/ids';
import type { JobQueue, JobToSend, SqlExecutor } from '../jobs/job-runtime';
import type { Logger } from '../logging/logger';
import { systemActor } from '../tenancy/actor';
import { TenantScope } from '../tenancy/tenant-scope';
import { SyncItemStatus, SyncRunStatus, SyncTrigger } from './sync.enums';
import { CHECK_QUEUE, FAN_OUT_QUEUE, jobIdFor, type CheckJobData, type FanOutJobData } from './sync-items';

/** The district's local date and hour now. */
export function localClock(timeZone: string, now: Date): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** The local date whose nightly run is due now (the local hour has reached the district's), or null. */
export function nightDue(timeZone: string, hour: number, now: Date): string | null {
  const clock = localClock(timeZone, now);
  return clock.hour >= hour ? clock.date : null;
}

/**
 * Ticks every quarter hour (UTC cron, so half- and quarter-hour time zones are served too): each district
 * whose local clock has passed its nightly hour and has no nightly run for tonight gets one. A tick missed
 * while Proctor was down is made up by the next, the same night.
 */
export class SyncScheduler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly queue: () => JobQueue,
    private readonly logger: Logger,
  ) {}

  async tick(now: Date = new Date(), options: { districtIds?: string[] } = {}): Promise<{ started: string[]; requeued: number }> {
    const districts = (await this.dataSource.query(
      'SELECT id, time_zone, nightly_sync_hour FROM district WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[])',
      [options.districtIds ?? null],
    )) as Array<{
      id: string;
      time_zone: string;
      nightly_sync_hour: number | null;
    }>;
    const started: string[] = [];
    for (const district of districts) {
      const nightOf = nightDue(district.time_zone, district.nightly_sync_hour ?? this.config.sync.nightlyHour, now);
      const runId = nightOf ? await this.startNightly(district.id, nightOf) : null;
      if (runId) started.push(runId);
    }
    const requeued = await this.requeueAbandoned();
    if (started.length > 0 || requeued > 0) this.logger.info({ started: started.length, requeued }, 'nightly sync tick');
    return { started, requeued };
  }

  /** One nightly run per district and night: the unique (district, night) index settles concurrent ticks. */
  private async startNightly(districtId: string, nightOf: string): Promise<string | null> {
    const scope = new TenantScope(systemActor(districtId, 'nightly'), this.dataSource.manager);
    const exists = await this.dataSource.query('SELECT 1 FROM sync_run WHERE district_id = $1 AND night_of = $2', [districtId, nightOf]);
    if (exists.length > 0) return null;
    return scope.transaction(async (transaction) => {
      const id = newId();
      const inserted = await transaction.sql(
        `INSERT INTO sync_run (id, district_id, trigger, night_of, status, requested_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (district_id, night_of) WHERE night_of IS NOT NULL DO NOTHING RETURNING id`,
        [id, districtId, SyncTrigger.NIGHTLY, nightOf, SyncRunStatus.QUEUED, 'proctor:nightly'],
      );
      if (inserted.length === 0) {
        transaction.audit({ action: 'sync.nightly-skipped', targetType: 'District', targetId: districtId, after: { nightOf } });
        return null;
      }
      transaction.audit({ action: 'sync.start', targetType: 'SyncRun', targetId: id, after: { trigger: SyncTrigger.NIGHTLY, nightOf } });
      const job: JobToSend<FanOutJobData> = { name: FAN_OUT_QUEUE, id: jobIdFor(id, 'fan-out'), data: { runId: id, districtId } };
      await this.queue().insert([job], (text, values) => transaction.sql(text, values));
      return id;
    });
  }

  /**
   * Belt and braces for a job lost outside pg-boss's care (its row deleted by hand, a queue dropped): items
   * held long past any lease, or waiting long past their time, go back to the queue.
   */
  async requeueAbandoned(): Promise<number> {
    const grace = this.config.sync.checkTimeoutSeconds * 2;
    return this.dataSource.transaction(async (manager) => {
      const sql: SqlExecutor = sqlExecutor(manager);
      const stale = (await sql(
        `UPDATE sync_item AS item SET status = $1, claim_token = NULL, lease_until = NULL, updated_at = now()
           FROM sync_run AS run
          WHERE run.id = item.run_id AND run.status = $2
            AND ((item.status = $3 AND item.lease_until < now() - make_interval(secs => $5::double precision))
              OR (item.status IN ($4, $6) AND item.next_attempt_at < now() - make_interval(secs => $5::double precision)))
        RETURNING item.run_id, item.district_id, item.platform, item.account_id`,
        [SyncItemStatus.PENDING, SyncRunStatus.RUNNING, SyncItemStatus.RUNNING, SyncItemStatus.RATE_LIMITED, grace, SyncItemStatus.RETRYING],
      )) as Array<{ run_id: string; district_id: string; platform: CheckJobData['platform']; account_id: string }>;
      const groups = new Map<string, CheckJobData>();
      for (const row of stale) {
        const key = `${row.run_id}:${row.platform}`;
        const group = groups.get(key) ?? { runId: row.run_id, districtId: row.district_id, platform: row.platform, accountIds: [] };
        group.accountIds.push(row.account_id);
        groups.set(key, group);
      }
      const jobs = [...groups.values()].map((data) => ({ name: CHECK_QUEUE, data }));
      await this.queue().insert(jobs, sql);
      return stale.length;
    });
  }
}

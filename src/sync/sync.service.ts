import type { DataSource } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import type { Platform } from '../accounts/account.enums';
import type { Config } from '../config/config';
import { guidanceFor } from '../connections/connection-errors-text';
import { isId, newId } from '../db/ids';
import type { District } from '../districts/district.entity';
import type { JobQueue, JobToSend } from '../jobs/job-runtime';
import type { TenantScope } from '../tenancy/tenant-scope';
import { SyncItemStatus, SyncRunStatus, SyncTrigger } from './sync.enums';
import { FAN_OUT_QUEUE, jobIdFor, type FanOutJobData } from './sync-items';
import { SyncRun } from './sync-run.entity';
import type { SyncScheduleInput } from './sync.inputs';
import { SyncDeadLetter, SyncRunView } from './sync.types';

const ACTIVE = [SyncRunStatus.QUEUED, SyncRunStatus.RUNNING];
const DEAD_LETTER_LIMIT = 500;

interface ItemCounts {
  platform: Platform;
  status: SyncItemStatus;
  count: number;
  calls: number;
  waits: number;
  latest_wait: Date | null;
}

/** Starting runs and reading their progress. The work itself is the jobs' (sync-fan-out, sync-checker). */
export class SyncService {
  private queue: JobQueue | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
  ) {}

  /** The process's job queue, once it has started (API, worker and CLI processes each have one). */
  useQueue(queue: JobQueue): void {
    this.queue = queue;
  }

  /**
   * Starts a run now, or answers the run already under way: two clicks (or a click during the nightly run)
   * make one run, not two racing over the same accounts.
   */
  async start(scope: TenantScope, trigger: SyncTrigger): Promise<{ run: SyncRun; started: boolean }> {
    const queue = this.queue;
    if (!queue) throw new Error('the job queue is not running in this process');
    return scope.transaction(async (transaction) => {
      await transaction.lock('sync-start', ['district']);
      const active = await transaction
        .select(SyncRun, 'run')
        .andWhere('run.status IN (:...active)', { active: ACTIVE })
        .orderBy('run.createdAt', 'DESC')
        .getOne();
      if (active) {
        transaction.audit({ action: 'sync.start', targetType: 'SyncRun', targetId: active.id, after: { joined: true, status: active.status } });
        return { run: active, started: false };
      }
      const run = Object.assign(new SyncRun(), {
        id: newId(),
        districtId: scope.districtId,
        trigger,
        nightOf: null,
        status: SyncRunStatus.QUEUED,
        requestedBy: scope.actor.label,
        total: 0,
        startedAt: null,
        finishedAt: null,
        failureCode: null,
      });
      await transaction.insert(SyncRun, [run]);
      transaction.audit({ action: 'sync.start', targetType: 'SyncRun', targetId: run.id, after: { trigger } });
      const job: JobToSend<FanOutJobData> = { name: FAN_OUT_QUEUE, id: jobIdFor(run.id, 'fan-out'), data: { runId: run.id, districtId: scope.districtId } };
      await queue.insert([job], (text, values) => transaction.sql(text, values));
      return { run: (await transaction.findById(SyncRun, run.id))!, started: true };
    });
  }

  async find(scope: TenantScope, id: string): Promise<SyncRunView | null> {
    if (!isId(id)) return null;
    const run = await scope.findById(SyncRun, id);
    return run ? this.view(run) : null;
  }

  async recent(scope: TenantScope, first: number): Promise<SyncRunView[]> {
    const runs = await scope.select(SyncRun, 'run').orderBy('run.createdAt', 'DESC').take(Math.min(first, this.config.graphql.maxPageSize)).getMany();
    return this.views(runs);
  }

  async view(run: SyncRun): Promise<SyncRunView> {
    const [view] = await this.views([run]);
    return view;
  }

  /** Progress from the items: one grouped count for all the runs, whatever their number and size. */
  private async views(runs: SyncRun[]): Promise<SyncRunView[]> {
    if (runs.length === 0) return [];
    const rows: Array<ItemCounts & { run_id: string }> = await this.dataSource.query(
      `SELECT run_id, platform, status, count(*)::int AS count, sum(api_calls)::int AS calls, sum(rate_limit_waits)::int AS waits,
              max(next_attempt_at) AS latest_wait
         FROM sync_item WHERE run_id = ANY($1::uuid[]) GROUP BY run_id, platform, status`,
      [runs.map((run) => run.id)],
    );
    return runs.map((run) => this.viewOf(run, rows.filter((row) => row.run_id === run.id)));
  }

  private viewOf(run: SyncRun, rows: ItemCounts[]): SyncRunView {
    const count = (...statuses: SyncItemStatus[]) => rows.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row.count, 0);
    const byStatus = new Map<SyncItemStatus, number>();
    const byPlatform = new Map<Platform, { platform: Platform; accounts: number; calls: number; rateLimitWaits: number }>();
    for (const row of rows) {
      byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.count);
      const platform = byPlatform.get(row.platform) ?? { platform: row.platform, accounts: 0, calls: 0, rateLimitWaits: 0 };
      platform.accounts += row.count;
      platform.calls += row.calls;
      platform.rateLimitWaits += row.waits;
      byPlatform.set(row.platform, platform);
    }
    const checked = count(SyncItemStatus.CHECKED);
    const failed = count(SyncItemStatus.FAILED);
    const done = checked + failed;
    const waitingUntil = rows
      .filter((row) => row.status === SyncItemStatus.RATE_LIMITED || row.status === SyncItemStatus.RETRYING)
      .reduce<Date | null>((latest, row) => (row.latest_wait && (!latest || row.latest_wait > latest) ? row.latest_wait : latest), null);
    return Object.assign(new SyncRunView(), {
      id: run.id,
      trigger: run.trigger,
      status: run.status,
      requestedBy: run.requestedBy,
      nightOf: run.nightOf,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      total: run.total,
      done,
      checked,
      failed,
      rateLimited: count(SyncItemStatus.RATE_LIMITED),
      retrying: count(SyncItemStatus.RETRYING),
      inProgress: count(SyncItemStatus.PENDING, SyncItemStatus.RUNNING),
      eta: estimateFinish(run, done, waitingUntil),
      outcomes: Object.values(SyncItemStatus).map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
      apiCalls: [...byPlatform.values()].sort((left, right) => left.platform.localeCompare(right.platform)),
      deadLetters: [],
      failureCode: run.failureCode,
    });
  }

  async deadLetters(scope: TenantScope, runId: string): Promise<SyncDeadLetter[]> {
    const rows: Array<{ account_id: string; platform: Platform; reason_code: string | null; reason_message: string | null; attempts: number; finished_at: Date | null }> =
      await this.dataSource.query(
        `SELECT account_id, platform, reason_code, reason_message, attempts, finished_at FROM sync_item
          WHERE run_id = $1 AND district_id = $2 AND status = $3 ORDER BY finished_at, account_id LIMIT ${DEAD_LETTER_LIMIT}`,
        [runId, scope.districtId, SyncItemStatus.FAILED],
      );
    const ids = rows.map((row) => row.account_id);
    const accounts = ids.length ? await scope.select(SocialAccount, 'account').andWhere('account.id IN (:...ids)', { ids }).getMany() : [];
    const accountById = new Map(accounts.map((account) => [account.id, account]));
    return rows.map((row) => {
      const code = row.reason_code ?? 'UNKNOWN';
      return Object.assign(new SyncDeadLetter(), {
        account: accountById.get(row.account_id) ?? null,
        accountId: row.account_id,
        platform: row.platform,
        reasonCode: code,
        message: row.reason_message ?? guidanceFor(code).message,
        action: guidanceFor(code).action,
        attempts: row.attempts,
        failedAt: row.finished_at,
      });
    });
  }

  async updateSchedule(scope: TenantScope, input: SyncScheduleInput): Promise<District> {
    return scope.transaction(async (transaction) => {
      const before = await transaction.district();
      const changes = {
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.hour !== undefined ? { nightlySyncHour: input.hour } : {}),
      };
      await transaction.updateDistrict(changes);
      transaction.audit({
        action: 'sync.schedule',
        targetType: 'District',
        targetId: scope.districtId,
        before: { timeZone: before.timeZone, nightlySyncHour: before.nightlySyncHour },
        after: changes,
      });
      return transaction.district();
    });
  }
}

/** From the pace so far; never before the latest wait the run knows it must sit out. */
function estimateFinish(run: SyncRun, done: number, waitingUntil: Date | null): Date | null {
  if (run.finishedAt || !run.startedAt || run.total === 0) return null;
  const now = Date.now();
  const elapsed = now - run.startedAt.getTime();
  const paced = done > 0 ? now + (elapsed / done) * (run.total - done) : null;
  const candidates = [paced, waitingUntil?.getTime() ?? null].filter((value): value is number => value !== null);
  return candidates.length ? new Date(Math.max(...candidates)) : null;
}

import os from 'node:os';
import { v5 as uuidV5 } from 'uuid';
import type { Platform } from '../accounts/account.enums';
import type { JobQueue, JobToSend, SqlExecutor } from '../jobs/job-runtime';
import { SyncItemStatus, SyncRunStatus } from './sync.enums';

export const CHECK_QUEUE = 'sync.check';
export const FAN_OUT_QUEUE = 'sync.fan-out';
export const DEAD_LETTER_QUEUE = 'sync.dead-letter';
export const NIGHTLY_QUEUE = 'sync.nightly';

export interface CheckJobData {
  runId: string;
  districtId: string;
  platform: Platform;
  accountIds: string[];
}

export interface FanOutJobData {
  runId: string;
  districtId: string;
}

/** An item as a check job holds it. */
export interface ClaimedItem {
  id: string;
  accountId: string;
  snapshotId: string | null;
  attempts: number;
  rateLimitWaits: number;
}

// Namespace for job ids derived from a run: the same run and batch always make the same job id.
const JOB_ID_NAMESPACE = '5b0f7f55-8f7e-4a43-9a2e-3f2f5f1a9c01';

const WORKER_NAME = `${os.hostname()}:${process.pid}`.slice(0, 100);

export const jobIdFor = (...parts: string[]) => uuidV5(parts.join(':'), JOB_ID_NAMESPACE);

/** Bookkeeping of a run's items. Every change but the claim itself requires the caller to still hold the item. */
export class SyncItems {
  constructor(private readonly queue: () => JobQueue) {}

  /**
   * Takes the items of a job that nobody holds: waiting ones, and running ones whose holder's lease ran out
   * (its worker died). A second delivery of a job while the first still runs takes nothing.
   */
  async claim(sql: SqlExecutor, data: CheckJobData, claimToken: string, leaseSeconds: number): Promise<ClaimedItem[]> {
    const rows = (await sql(
      `UPDATE sync_item AS item
          SET status = $4, claim_token = $5, lease_until = now() + make_interval(secs => $6::double precision), worker = $11, updated_at = now()
         FROM sync_run AS run
        WHERE run.id = item.run_id AND run.status = $7
          AND item.run_id = $1 AND item.district_id = $2 AND item.account_id = ANY($3::uuid[])
          AND (item.status IN ($8, $9, $10) OR (item.status = $4 AND item.lease_until < now()))
      RETURNING item.id, item.account_id, item.snapshot_id, item.attempts, item.rate_limit_waits`,
      [
        data.runId,
        data.districtId,
        data.accountIds,
        SyncItemStatus.RUNNING,
        claimToken,
        leaseSeconds,
        SyncRunStatus.RUNNING,
        SyncItemStatus.PENDING,
        SyncItemStatus.RATE_LIMITED,
        SyncItemStatus.RETRYING,
        WORKER_NAME,
      ],
    )) as Array<{ id: string; account_id: string; snapshot_id: string | null; attempts: number; rate_limit_waits: number }>;
    return rows.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      snapshotId: row.snapshot_id,
      attempts: row.attempts,
      rateLimitWaits: row.rate_limit_waits,
    }));
  }

  /** Changes held items; throws when any was lost to another worker, so the caller's transaction rolls back. */
  async update(sql: SqlExecutor, claimToken: string, itemIds: string[], set: string, values: unknown[]): Promise<void> {
    if (itemIds.length === 0) return;
    const rows = await sql(
      `UPDATE sync_item SET ${set}, updated_at = now() WHERE id = ANY($1::uuid[]) AND claim_token = $2 RETURNING id`,
      [itemIds, claimToken, ...values],
    );
    if (rows.length !== new Set(itemIds).size) throw new ClaimLost();
  }

  /** Each held item's share of a read: the platform calls it cost and, when it was read, the snapshot. One statement per batch. */
  async recordReads(sql: SqlExecutor, claimToken: string, reads: Array<{ id: string; snapshotId: string | null; calls: number }>): Promise<void> {
    if (reads.length === 0) return;
    const rows = await sql(
      `UPDATE sync_item AS item
          SET snapshot_id = COALESCE(read.snapshot_id, item.snapshot_id), api_calls = item.api_calls + read.calls, updated_at = now()
         FROM unnest($1::uuid[], $3::uuid[], $4::int[]) AS read(id, snapshot_id, calls)
        WHERE item.id = read.id AND item.claim_token = $2
      RETURNING item.id`,
      [reads.map((read) => read.id), claimToken, reads.map((read) => read.snapshotId), reads.map((read) => read.calls)],
    );
    if (rows.length !== reads.length) throw new ClaimLost();
  }

  /** Lets go of held items after a failure of the job itself: the job's retry (or another job) takes them again. */
  async release(sql: SqlExecutor, claimToken: string): Promise<void> {
    await sql(
      `UPDATE sync_item SET status = $2, claim_token = NULL, lease_until = NULL, updated_at = now() WHERE claim_token = $1 AND status = $3`,
      [claimToken, SyncItemStatus.PENDING, SyncItemStatus.RUNNING],
    );
  }

  /** Sets items aside until `at` and enqueues their next check job, in the caller's transaction. */
  async defer(
    sql: SqlExecutor,
    claimToken: string,
    data: Omit<CheckJobData, 'accountIds'>,
    items: Array<{ id: string; accountId: string }>,
    status: SyncItemStatus.RATE_LIMITED | SyncItemStatus.RETRYING,
    at: Date,
    reason: { code: string; message: string },
    extra: { attempt?: boolean } = {},
  ): Promise<void> {
    if (items.length === 0) return;
    const counter = extra.attempt ? 'attempts = attempts + 1' : 'rate_limit_waits = rate_limit_waits + 1';
    await this.update(
      sql,
      claimToken,
      items.map((item) => item.id),
      `status = $3, ${counter}, next_attempt_at = $4, reason_code = $5, reason_message = $6, claim_token = NULL, lease_until = NULL`,
      [status, at, reason.code, reason.message.slice(0, 500)],
    );
    const job: JobToSend<CheckJobData> = { name: CHECK_QUEUE, data: { ...data, accountIds: items.map((item) => item.accountId) }, startAfter: at };
    await this.queue().insert([job], sql);
  }

  /** Ends items as dead letters: they could not be checked, and the reason says why. */
  async fail(sql: SqlExecutor, claimToken: string, itemIds: string[], reason: { code: string; message: string }, extra: { attempt?: boolean } = {}): Promise<void> {
    await this.update(
      sql,
      claimToken,
      itemIds,
      `status = $3, reason_code = $4, reason_message = $5, finished_at = now(), claim_token = NULL, lease_until = NULL, next_attempt_at = NULL${extra.attempt ? ', attempts = attempts + 1' : ''}`,
      [SyncItemStatus.FAILED, reason.code, reason.message.slice(0, 500)],
    );
  }
}

export class ClaimLost extends Error {
  constructor() {
    super('another worker took over these sync items');
    this.name = 'ClaimLost';
  }
}

import { randomUUID } from 'node:crypto';
import { sqlExecutor } from '../db/sql-executor';
import type { DataSource } from 'typeorm';
import { CallMeter } from '../../integrations/http/platform-http';
import { PlatformErrorKind } from '../../integrations/platform-error';
import { providerFor } from '../../integrations/registry';
import { resolvePlatform } from '../../integrations/provider-settings';
import { AccountStatus } from '../accounts/account.enums';
import { SocialAccount } from '../accounts/social-account.entity';
import type { Config } from '../config/config';
import { guidanceFor } from '../connections/connection-errors-text';
import { PlatformConnection } from '../connections/platform-connection.entity';
import type { SqlExecutor } from '../jobs/job-runtime';
import type { Logger } from '../logging/logger';
import type { Services } from '../services';
import type { CheckResult } from '../snapshots/snapshot.service';
import { systemActor } from '../tenancy/actor';
import { TenantScope } from '../tenancy/tenant-scope';
import { appBudgetKey, tokenBudgetKey, windowGuardSeconds, type RateBudgetStore } from './rate-budget.store';
import { backoffMs, dispositionOf, jitterMs, resolveBudget } from './retry-policy';
import { SyncItemStatus } from './sync.enums';
import type { SyncFinisher } from './sync-finisher';
import { type CheckJobData, type ClaimedItem, type SyncItems } from './sync-items';

const MAX_RATE_LIMIT_WAIT_MS = 15 * 60_000;

type Held = ClaimedItem & { account: SocialAccount };

/**
 * What one account's read has cost lately, per platform, learnt from the calls made (an average that follows
 * changes): reservations that match the real cost neither waste a window nor overrun it. Kept per process;
 * it only makes the sync faster, never more correct.
 */
const observedCost = new Map<string, number>();

function costPerAccount(platform: string, declared: number): number {
  return Math.max(1, Math.ceil(observedCost.get(platform) ?? declared));
}

function learnCost(platform: string, accounts: number, calls: number): void {
  if (accounts === 0 || calls === 0) return;
  const sample = calls / accounts;
  const previous = observedCost.get(platform);
  observedCost.set(platform, previous === undefined ? sample : previous * 0.7 + sample * 0.3);
}

/**
 * The check job: reads a batch of one platform's accounts within the platform's budgets, stores what it read,
 * judges it, and sends every account it could not finish back to the queue with the reason and a time.
 */
export class SyncChecker {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly services: Pick<Services, 'snapshots' | 'compliance'>,
    private readonly budgets: RateBudgetStore,
    private readonly items: SyncItems,
    private readonly finisher: SyncFinisher,
    private readonly logger: Logger,
  ) {}

  /**
   * A wait the platform asked for, bounded by the app's declared window when it has one: an operator who set
   * `<P>_RATE_LIMIT=N/Ws` says the app's limit renews every W seconds, whatever a bare 429 implies (LinkedIn's
   * mean "until midnight UTC" otherwise).
   */
  private boundedWaitMs(platform: CheckJobData['platform'], waitMs: number): number {
    const provider = providerFor(platform);
    const budget = provider ? resolveBudget(this.config, provider) : null;
    if (!budget?.windowSeconds) return waitMs;
    return Math.min(waitMs, (budget.windowSeconds + windowGuardSeconds(budget.windowSeconds)) * 1000);
  }

  /** A run's deadline never changes once it has started: read it once per run, not once per postponed group. */
  private readonly deadlines = new Map<string, Date>();

  private async deadlineOf(runId: string, sql: SqlExecutor): Promise<Date | null> {
    const known = this.deadlines.get(runId);
    if (known) return known;
    const deadline = await this.finisher.deadlineOf(runId, sql);
    if (deadline) this.deadlines.set(runId, deadline);
    return deadline;
  }

  /** When a platform says "slow down" without saying for how long. */
  private get defaultWaitMs(): number {
    return this.config.sync.rateLimitWaitSeconds * 1000;
  }

  async run(data: CheckJobData): Promise<void> {
    const claimToken = randomUUID();
    const sql: SqlExecutor = sqlExecutor(this.dataSource.manager);
    const leaseSeconds = Math.max(1, this.config.sync.checkTimeoutSeconds - Math.min(5, this.config.sync.checkTimeoutSeconds / 10));
    const claimed = await this.items.claim(sql, data, claimToken, leaseSeconds);
    try {
      if (claimed.length > 0) await this.check(data, claimed, claimToken);
    } catch (error) {
      await this.items.release(sql, claimToken);
      throw error;
    }
    await this.finisher.finishIfDone(data.runId, data.districtId);
  }

  private async check(data: CheckJobData, claimed: ClaimedItem[], claimToken: string): Promise<void> {
    const scope = new TenantScope(systemActor(data.districtId, 'sync'), this.dataSource.manager);
    const provider = providerFor(data.platform);
    const resolved = resolvePlatform(this.config, data.platform);
    const accounts = await scope.select(SocialAccount, 'account').andWhere('account.id IN (:...ids)', { ids: claimed.map((item) => item.accountId) }).getMany();
    const byId = new Map(accounts.map((account) => [account.id, account]));
    const held: Held[] = [];
    const gone: ClaimedItem[] = [];
    for (const item of claimed) {
      const account = byId.get(item.accountId);
      if (account && account.status !== AccountStatus.RETIRED) held.push({ ...item, account });
      else gone.push(item);
    }
    const sql: SqlExecutor = sqlExecutor(this.dataSource.manager);
    await this.items.fail(sql, claimToken, gone.map((item) => item.id), { code: 'ACCOUNT_RETIRED', message: 'The account was retired or removed during the run.' });

    // A previous delivery stored this run's snapshot and died before judging it: judge, do not read again.
    const fetched = held.filter((item) => item.snapshotId !== null);
    let toRead = held.filter((item) => item.snapshotId === null);
    let reservation: Settlement | null = null;
    if (provider && resolved && toRead.length > 0) {
      ({ allowed: toRead, reservation } = await this.withinBudgets(scope, data, claimToken, toRead));
    }
    const checked = [...fetched];
    const failed: Held[] = [];
    if (toRead.length > 0) {
      const meter = new CallMeter();
      const results = await this.services.snapshots.fetchAndStore(scope, toRead.map((item) => item.account), 'sync.check', {
        meter,
        withinTransaction: (transaction, results) =>
          this.record(transaction, data, claimToken, toRead, results, checked, failed),
      });
      if (provider && resolved) await this.observeSignals(data, resolved.clientId, results, meter, reservation);
    }
    // Judged on what was just read; accounts that failed for good are judged too, as checkAccount does (their
    // registry rules still hold, and their platform rules answer from the last good snapshot).
    const judged = [...checked, ...failed];
    if (judged.length > 0) await this.services.compliance.judge(scope, judged.map((item) => item.account));
    await this.items.update(sql, claimToken, checked.map((item) => item.id), `status = $3, finished_at = now(), claim_token = NULL, lease_until = NULL, next_attempt_at = NULL, reason_code = NULL, reason_message = NULL`, [
      SyncItemStatus.CHECKED,
    ]);
  }

  /** Token blocks and the app's budget decide how many of the batch may be read now; the rest wait their turn. */
  private async withinBudgets(
    scope: TenantScope,
    data: CheckJobData,
    claimToken: string,
    items: Held[],
  ): Promise<{ allowed: Held[]; reservation: Settlement | null }> {
    const provider = providerFor(data.platform)!;
    const resolved = resolvePlatform(this.config, data.platform)!;
    const connections = await scope
      .select(PlatformConnection, 'connection')
      .select(['connection.id', 'connection.accountId'])
      .andWhere('connection.accountId IN (:...ids)', { ids: items.map((item) => item.accountId) })
      .getMany();
    const connectionOf = new Map(connections.map((connection) => [connection.accountId, connection.id]));
    const blocked = await this.budgets.blocked(connections.map((connection) => tokenBudgetKey(data.platform, connection.id)));
    const waiting = new Map<number, Held[]>();
    const wait = (item: Held, until: Date) => waiting.set(until.getTime(), [...(waiting.get(until.getTime()) ?? []), item]);
    const open: Held[] = [];
    for (const item of items) {
      const connectionId = connectionOf.get(item.accountId);
      const until = connectionId ? blocked.get(tokenBudgetKey(data.platform, connectionId)) : undefined;
      if (until) wait(item, until);
      else open.push(item);
    }
    const perAccount = costPerAccount(data.platform, provider.sync.callsPerAccount);
    let allowed = open;
    let reservation: Settlement | null = null;
    if (open.length > 0) {
      const key = appBudgetKey(data.platform, resolved.clientId);
      const granted = await this.budgets.reserve(key, data.platform, resolveBudget(this.config, provider), perAccount * open.length, perAccount);
      allowed = open.slice(0, Math.floor(granted.granted / perAccount));
      reservation = { key, windowEndsAt: granted.windowEndsAt, reserved: granted.granted };
      for (const item of open.slice(allowed.length)) wait(item, granted.retryAt ?? new Date(Date.now() + this.defaultWaitMs));
    }
    for (const [time, group] of waiting) {
      await this.postpone(data, claimToken, group, new Date(time + jitterMs()), { code: PlatformErrorKind.RATE_LIMITED, message: 'Waiting for the platform budget to renew.' });
    }
    return { allowed, reservation };
  }

  /** Inside the snapshot transaction: each account's outcome on its item, and its next job when it has one. */
  private async record(
    transaction: TenantScope,
    data: CheckJobData,
    claimToken: string,
    items: Held[],
    results: CheckResult[],
    checked: Held[],
    failed: Held[],
  ): Promise<void> {
    const sql: SqlExecutor = (text, values) => transaction.sql(text, values);
    const itemOf = new Map(items.map((item) => [item.accountId, item]));
    await this.items.recordReads(
      sql,
      claimToken,
      results.map((result) => ({ id: itemOf.get(result.account.id)!.id, snapshotId: result.snapshot?.id ?? null, calls: result.apiCalls })),
    );
    const dead = new Map<string, Held[]>();
    const retries = new Map<number, { code: string; items: Held[] }>();
    const limited = new Map<number, Held[]>();
    const now = Date.now();
    for (const result of results) {
      const item = itemOf.get(result.account.id)!;
      const code = result.error?.code ?? null;
      const disposition = dispositionOf(code);
      if (disposition === 'CHECKED') {
        checked.push(item);
      } else if (disposition === 'PERMANENT' || (disposition === 'TRANSIENT' && item.attempts + 1 >= this.config.sync.maxAttempts)) {
        const key = `${disposition}:${code}`;
        dead.set(key, [...(dead.get(key) ?? []), item]);
        failed.push(item);
      } else if (disposition === 'TRANSIENT') {
        // One job per attempt number: the same backoff, jittered once for the group.
        const group = retries.get(item.attempts + 1) ?? { code: code!, items: [] };
        group.items.push(item);
        retries.set(item.attempts + 1, group);
      } else {
        const asked = result.retryAfterSeconds !== null ? result.retryAfterSeconds * 1000 : Math.min(MAX_RATE_LIMIT_WAIT_MS, this.defaultWaitMs * 2 ** Math.min(item.rateLimitWaits, 4));
        // Each with its own jitter: without a declared budget, spreading the returns is the only pacing there is
        // (one job for all of them can need more than the platform's window allows, again and again).
        const at = now + this.boundedWaitMs(data.platform, asked) + jitterMs();
        limited.set(at, [...(limited.get(at) ?? []), item]);
      }
    }
    for (const [key, group] of dead) {
      const [disposition, code] = key.split(/:(.*)/s);
      await this.items.fail(sql, claimToken, group.map((item) => item.id), { code, message: guidanceFor(code).message }, { attempt: disposition === 'TRANSIENT' });
    }
    for (const [attempt, group] of retries) {
      const at = new Date(now + backoffMs(attempt, this.config.sync.retryBaseSeconds));
      await this.postpone(data, claimToken, group.items, at, { code: group.code, message: guidanceFor(group.code).message }, sql, true);
    }
    for (const [time, group] of limited) {
      await this.postpone(data, claimToken, group, new Date(time), { code: PlatformErrorKind.RATE_LIMITED, message: guidanceFor(PlatformErrorKind.RATE_LIMITED).message }, sql);
    }
  }

  /** Back to the queue at `at`; past the run's deadline the account is a dead letter instead, with the reason. */
  private async postpone(
    data: CheckJobData,
    claimToken: string,
    items: Held[],
    at: Date,
    reason: { code: string; message: string },
    sql?: SqlExecutor,
    attempt = false,
  ): Promise<void> {
    // The items' new state and their next job commit together, or neither does.
    if (!sql) {
      return this.dataSource.transaction((manager) =>
        this.postpone(data, claimToken, items, at, reason, sqlExecutor(manager), attempt),
      );
    }
    const deadline = await this.deadlineOf(data.runId, sql);
    if (deadline && at > deadline) {
      const message = `${reason.message} Not possible before the run's deadline (next chance ${at.toISOString()}).`;
      await this.items.fail(sql, claimToken, items.map((item) => item.id), { code: reason.code, message }, { attempt });
      return;
    }
    const status = reason.code === PlatformErrorKind.RATE_LIMITED ? SyncItemStatus.RATE_LIMITED : SyncItemStatus.RETRYING;
    const { accountIds: _accountIds, ...job } = data;
    await this.items.defer(sql, claimToken, job, items, status, at, reason, { attempt });
  }

  /** After the calls: settle the app budget with what they cost, and block what the platform said to stop using. */
  private async observeSignals(
    data: CheckJobData,
    clientId: string,
    results: CheckResult[],
    meter: CallMeter,
    reservation: Settlement | null,
  ): Promise<void> {
    const appKey = appBudgetKey(data.platform, clientId);
    if (reservation) {
      const spent = results.reduce((sum, result) => sum + result.apiCalls, 0);
      await this.budgets.settle(reservation.key, reservation.windowEndsAt, reservation.reserved, spent);
      // Only reads the platform answered in full teach the cost (a refused read stops early).
      const clean = results.filter((result) => !result.error);
      learnCost(data.platform, clean.length, clean.reduce((sum, result) => sum + result.apiCalls, 0));
    }
    if ((meter.usagePercent ?? 0) >= 100 && providerFor(data.platform)?.sync.usageScope === 'APP') {
      const asked = meter.resetAt ? meter.resetAt.getTime() - Date.now() : this.defaultWaitMs;
      const until = new Date(Date.now() + this.boundedWaitMs(data.platform, asked));
      await this.budgets.block([appKey], data.platform, until, 'PLATFORM_USAGE_FULL');
      this.logger.info({ platform: data.platform, until }, 'platform app budget spent: pausing its sync');
    }
    const limited = results.filter((result) => result.error?.code === PlatformErrorKind.RATE_LIMITED);
    if (limited.length === 0) return;
    const connections = await this.dataSource.getRepository(PlatformConnection).find({
      select: { id: true, accountId: true },
      where: limited.map((result) => ({ accountId: result.account.id })),
    });
    const connectionOf = new Map(connections.map((connection) => [connection.accountId, connection.id]));
    const keysByUntil = new Map<number, string[]>();
    for (const result of limited) {
      const connectionId = connectionOf.get(result.account.id);
      if (!connectionId) continue;
      const until = Date.now() + this.boundedWaitMs(data.platform, result.retryAfterSeconds !== null ? result.retryAfterSeconds * 1000 : this.defaultWaitMs);
      keysByUntil.set(until, [...(keysByUntil.get(until) ?? []), tokenBudgetKey(data.platform, connectionId)]);
    }
    for (const [until, keys] of keysByUntil) await this.budgets.block(keys, data.platform, new Date(until), PlatformErrorKind.RATE_LIMITED);
  }
}

/** What a batch took from its app budget, to settle once the calls are made. */
interface Settlement {
  key: string;
  windowEndsAt: Date | null;
  reserved: number;
}

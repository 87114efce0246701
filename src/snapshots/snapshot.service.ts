import { CallMeter } from '../../integrations/http/platform-http';
import { PlatformErrorKind } from '../../integrations/platform-error';
import type { SnapshotOutcome, SnapshotTarget } from '../../integrations/provider';
import { connectorContext, resolvePlatform, type ResolvedProvider } from '../../integrations/provider-settings';
import { SocialAccount } from '../accounts/social-account.entity';
import type { Config } from '../config/config';
import { newId } from '../db/ids';
import { guidanceFor } from '../connections/connection-errors-text';
import { ConnectionStatus } from '../connections/connection.enums';
import { ConnectionError, PlatformConnection } from '../connections/platform-connection.entity';
import { ConnectionUnusable, type Lease, type TokenRefresher } from '../connections/token-refresher';
import type { TenantScope } from '../tenancy/tenant-scope';
import { SnapshotRecord } from './snapshot-record.entity';

export interface CheckResult {
  account: SocialAccount;
  snapshot: SnapshotRecord | null;
  error: ConnectionError | null;
  /** Platform-counted calls this account's read cost. */
  apiCalls: number;
  /** When the platform said to come back (rate limits), if it said. */
  retryAfterSeconds: number | null;
}

export interface FetchOptions {
  /** Counts every platform call of the fetch and keeps the platform's usage signals (the sync's budgets read it). */
  meter?: CallMeter;
  /** Runs inside the transaction that stores the snapshots: the caller's own bookkeeping commits with them or not at all. */
  withinTransaction?: (transaction: TenantScope, results: CheckResult[]) => Promise<void>;
}

/** Platform calls per connector request: the connectors batch within it (Meta batch ≤ 50, X ids ≤ 100, ...). */
const TARGETS_PER_CALL = 100;

interface Fetched {
  account: SocialAccount;
  connection: PlatformConnection | null;
  outcome: SnapshotOutcome | null;
  errorCode: string | null;
  durationMs: number;
  /** Calls spent on the account, including a read retried after a forced refresh. */
  apiCalls?: number;
}

/** platform → snapshot: reads accounts now (checkAccount; later the nightly sync) and keeps what was read as evidence. */
export class SnapshotService {
  constructor(
    private readonly config: Config,
    private readonly refresher: TokenRefresher,
  ) {}

  async checkAccount(scope: TenantScope, accountId: string): Promise<CheckResult> {
    const account = await scope.getById(SocialAccount, accountId, 'Account', 'id');
    const [result] = await this.fetchAndStore(scope, [account], 'account.check');
    return result;
  }

  /** Fetches every account (batched per platform), then stores snapshots, connection health and audit entries in one transaction. */
  async fetchAndStore(scope: TenantScope, accounts: SocialAccount[], auditAction: string, options: FetchOptions = {}): Promise<CheckResult[]> {
    const ids = accounts.map((account) => account.id);
    const connections =
      ids.length === 0
        ? []
        : await scope.select(PlatformConnection, 'connection').andWhere('connection.accountId IN (:...ids)', { ids }).getMany();
    const connectionByAccount = new Map(connections.map((connection) => [connection.accountId, connection]));
    const fetched: Fetched[] = [];
    const byPlatform = new Map<ResolvedProvider, Array<{ account: SocialAccount; connection: PlatformConnection }>>();
    for (const account of accounts) {
      const connection = connectionByAccount.get(account.id) ?? null;
      const resolved = resolvePlatform(this.config, account.platform);
      if (!connection || !resolved) {
        fetched.push({ account, connection, outcome: null, errorCode: 'NOT_CONNECTED', durationMs: 0 });
        continue;
      }
      const group = byPlatform.get(resolved) ?? [];
      group.push({ account, connection });
      byPlatform.set(resolved, group);
    }
    await Promise.all([...byPlatform].map(([resolved, group]) => this.fetchPlatform(resolved, group, fetched, options.meter)));
    return this.store(scope, fetched, auditAction, options.withinTransaction);
  }

  private async fetchPlatform(
    resolved: ResolvedProvider,
    group: Array<{ account: SocialAccount; connection: PlatformConnection }>,
    into: Fetched[],
    meter: CallMeter = new CallMeter(),
  ): Promise<void> {
    const leased: Array<{ account: SocialAccount; lease: Lease }> = [];
    for (const { account, connection } of group) {
      try {
        leased.push({ account, lease: await this.refresher.lease(connection, resolved) });
      } catch (error) {
        if (!(error instanceof ConnectionUnusable)) throw error;
        into.push({ account, connection, outcome: null, errorCode: error.code, durationMs: 0 });
      }
    }
    for (let start = 0; start < leased.length; start += TARGETS_PER_CALL) {
      const chunk = leased.slice(start, start + TARGETS_PER_CALL);
      const started = Date.now();
      const outcomes = await resolved.provider.connector.fetchSnapshots(
        connectorContext(resolved, meter),
        chunk.map(({ account, lease }) => this.target(account, lease)),
      );
      const durationMs = Math.round((Date.now() - started) / Math.max(1, chunk.length));
      for (const [index, { account, lease }] of chunk.entries()) {
        let outcome = outcomes[index];
        let errorCode: string | null = outcome.ok ? null : outcome.error.kind;
        let apiCalls = outcome.apiCalls;
        // The platform says expired before our clock does: refresh once and read again where refresh exists.
        if (!outcome.ok && outcome.error.kind === PlatformErrorKind.TOKEN_EXPIRED) {
          ({ outcome, errorCode } = await this.retryAfterRefresh(resolved, account, lease, outcome, meter));
          if (outcome !== outcomes[index]) apiCalls += outcome.apiCalls;
        }
        into.push({ account, connection: lease.connection, outcome, errorCode, durationMs, apiCalls });
      }
    }
  }

  private async retryAfterRefresh(
    resolved: ResolvedProvider,
    account: SocialAccount,
    lease: Lease,
    failed: SnapshotOutcome,
    meter: CallMeter,
  ): Promise<{ outcome: SnapshotOutcome; errorCode: string | null }> {
    const failedCode = PlatformErrorKind.TOKEN_EXPIRED;
    try {
      const fresh = await this.refresher.lease(lease.connection, resolved, { force: true });
      if (fresh.credentials.accessToken === lease.credentials.accessToken) return { outcome: failed, errorCode: failedCode };
      const [retried] = await resolved.provider.connector.fetchSnapshots(connectorContext(resolved, meter), [this.target(account, fresh)]);
      return { outcome: retried, errorCode: retried.ok ? null : retried.error.kind };
    } catch (error) {
      // The refresh itself said why (revoked, exhausted): that is the more useful answer.
      if (error instanceof ConnectionUnusable) return { outcome: failed, errorCode: error.code };
      throw error;
    }
  }

  private target(account: SocialAccount, lease: Lease): SnapshotTarget {
    return {
      key: lease.connection.id,
      externalId: account.externalId ?? '',
      handle: account.handle,
      credentials: lease.credentials,
    };
  }

  private async store(
    scope: TenantScope,
    fetched: Fetched[],
    auditAction: string,
    withinTransaction?: FetchOptions['withinTransaction'],
  ): Promise<CheckResult[]> {
    const now = new Date();
    return scope.transaction(async (transaction) => {
      const records: SnapshotRecord[] = [];
      const results: CheckResult[] = [];
      for (const item of fetched) {
        let snapshot: SnapshotRecord | null = null;
        if (item.outcome?.ok) {
          snapshot = Object.assign(new SnapshotRecord(), {
            id: newId(),
            districtId: scope.districtId,
            accountId: item.account.id,
            platform: item.account.platform,
            fetchedAt: now,
            data: item.outcome.snapshot,
            apiCalls: item.apiCalls ?? item.outcome.apiCalls,
            durationMs: item.durationMs,
          });
          records.push(snapshot);
        }
        const code = item.errorCode;
        const error = code ? Object.assign(new ConnectionError(), { code, ...guidanceFor(code), occurredAt: now }) : null;
        transaction.audit({
          action: auditAction,
          targetType: 'SocialAccount',
          targetId: item.account.id,
          schoolId: item.account.schoolId,
          after: snapshot ? { snapshotId: snapshot.id, apiCalls: snapshot.apiCalls } : { errorCode: code },
        });
        const failure = item.outcome && !item.outcome.ok ? item.outcome.error : null;
        results.push({
          account: item.account,
          snapshot,
          error,
          apiCalls: item.apiCalls ?? item.outcome?.apiCalls ?? 0,
          retryAfterSeconds: failure?.retryAfterSeconds ?? null,
        });
      }
      await this.recordHealth(transaction, fetched, now);
      if (records.length > 0) await transaction.insert(SnapshotRecord, records);
      // Same order as asked.
      const order = new Map(fetched.map((item, index) => [item.account.id, index]));
      results.sort((left, right) => order.get(left.account.id)! - order.get(right.account.id)!);
      if (withinTransaction) await withinTransaction(transaction, results);
      return results;
    });
  }

  /** Connection health after a read: one UPDATE per distinct change, not one per account (a sync writes thousands). */
  private async recordHealth(transaction: TenantScope, fetched: Fetched[], now: Date): Promise<void> {
    const groups = new Map<string, { changes: Partial<PlatformConnection>; ids: string[] }>();
    const add = (key: string, changes: Partial<PlatformConnection>, id: string) => {
      const group = groups.get(key) ?? { changes, ids: [] };
      group.ids.push(id);
      groups.set(key, group);
    };
    for (const item of fetched) {
      const connection = item.connection;
      if (!connection) continue;
      if (item.outcome?.ok) {
        const healthy = connection.status === ConnectionStatus.CONNECTED || connection.status === ConnectionStatus.REFRESH_FAILING;
        const changes: Partial<PlatformConnection> = {
          lastFetchedAt: now,
          lastErrorCode: null,
          lastErrorMessage: null,
          lastErrorAction: null,
          lastErrorAt: null,
          ...(healthy ? {} : { status: ConnectionStatus.CONNECTED }),
        };
        add(healthy ? 'ok' : 'ok:reconnected', changes, connection.id);
        continue;
      }
      const code = item.errorCode ?? PlatformErrorKind.UNAVAILABLE;
      const guidance = guidanceFor(code);
      const status = STATUS_BY_ERROR[code];
      add(`error:${code}`, {
        lastErrorCode: code,
        lastErrorMessage: guidance.message,
        lastErrorAction: guidance.action,
        lastErrorAt: now,
        ...(status ? { status } : {}),
      }, connection.id);
    }
    for (const { changes, ids } of groups.values()) await transaction.updateMany(PlatformConnection, ids, changes);
  }
}

/** Errors that say the connection itself is finished until someone reconnects. */
const STATUS_BY_ERROR: Record<string, ConnectionStatus> = {
  [PlatformErrorKind.TOKEN_REVOKED]: ConnectionStatus.REVOKED,
  [PlatformErrorKind.TOKEN_EXPIRED]: ConnectionStatus.EXPIRED,
  REFRESH_EXHAUSTED: ConnectionStatus.EXHAUSTED,
};

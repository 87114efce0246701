import type { DataSource } from 'typeorm';
import { isPlatformError, PlatformErrorKind, type PlatformError } from '../../integrations/platform-error';
import { RemediationKind, type ConnectorContext, type SnapshotTarget } from '../../integrations/provider';
import { connectorContext, resolvePlatform, type ResolvedProvider } from '../../integrations/provider-settings';
import { SocialAccount } from '../accounts/social-account.entity';
import { ComplianceResult } from '../compliance/compliance-result.entity';
import type { ComplianceService } from '../compliance/compliance.service';
import type { Config } from '../config/config';
import { PlatformConnection } from '../connections/platform-connection.entity';
import { ConnectionUnusable, type Lease, type TokenRefresher } from '../connections/token-refresher';
import { newId } from '../db/ids';
import { sqlExecutor } from '../db/sql-executor';
import type { OffboardingService } from '../offboarding/offboarding.service';
import type { SnapshotService } from '../snapshots/snapshot.service';
import { backoffMs, dispositionOf } from '../sync/retry-policy';
import { systemActor } from '../tenancy/actor';
import { TenantScope } from '../tenancy/tenant-scope';
import { RemediationAction, type RemediationOperation } from './remediation-action.entity';
import type { RemediationQueue } from './remediation-queue';
import { RemediationStatus } from './remediation.enums';

/** Removing something already gone is done: a retry after a lost answer must not fail the action. */
const GONE_IS_DONE = new Set<string>([
  RemediationKind.REMOVE_ADMIN,
  RemediationKind.DELETE_COMMENT,
  RemediationKind.DELETE_POST,
]);

interface Failure {
  code: string;
  message: string;
  transient: boolean;
  retryAfterSeconds: number | null;
}

export interface RunnerDependencies {
  snapshots: SnapshotService;
  compliance: ComplianceService;
  refresher: TokenRefresher;
  offboarding: OffboardingService;
  queue: RemediationQueue;
}

/**
 * Applies one remediation action through the platform's connector: claims it (a lease, so two workers or a
 * retry racing the request never apply it twice), calls the platform for each operation not yet applied,
 * records each answer, and decides: APPLIED (then re-checks the account), FAILED with a next attempt (5xx,
 * rate limit: a job comes back), or FAILED for good (the platform refused: a person follows the steps).
 */
export class RemediationRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly dependencies: RunnerDependencies,
    private readonly random: () => number = Math.random,
  ) {}

  /** Returns the action as it ends, or null when it was not due or someone else holds it. */
  async run(districtId: string, actionId: string): Promise<RemediationAction | null> {
    const claimToken = newId();
    const claimed = await sqlExecutor(this.dataSource.manager)(
      `UPDATE remediation_action
          SET claim_token = $3, lease_until = now() + make_interval(secs => $4::double precision), updated_at = now()
        WHERE id = $1 AND district_id = $2 AND status IN ($5, $6) AND next_attempt_at IS NOT NULL AND next_attempt_at <= now()
          AND (lease_until IS NULL OR lease_until < now())
      RETURNING id`,
      [actionId, districtId, claimToken, this.config.remediation.leaseSeconds, RemediationStatus.REQUESTED, RemediationStatus.FAILED],
    );
    if (claimed.length === 0) return null;
    const scope = new TenantScope(systemActor(districtId, 'remediation'), this.dataSource.manager);
    const action = (await scope.findById(RemediationAction, actionId)) as RemediationAction;
    const operations = action.operations.map((operation) => ({ ...operation }));
    const failure = await this.applyAll(scope, action, operations);
    const finished = await this.record(scope, action, claimToken, operations, failure);
    if (finished?.status === RemediationStatus.APPLIED && finished.ruleId) await this.recheck(scope, finished);
    if (finished?.offboardingId) await this.dependencies.offboarding.refreshStatus(scope, finished.offboardingId);
    return scope.findById(RemediationAction, actionId);
  }

  private async applyAll(scope: TenantScope, action: RemediationAction, operations: RemediationOperation[]): Promise<Failure | null> {
    const account = await scope.findById(SocialAccount, action.accountId);
    const connection = await scope.select(PlatformConnection, 'connection').andWhere('connection.accountId = :accountId', { accountId: action.accountId }).getOne();
    const resolved = account ? resolvePlatform(this.config, account.platform) : null;
    if (!account || !connection || !resolved?.configured) {
      return { code: 'NOT_CONNECTED', message: 'The account is not connected to its platform.', transient: false, retryAfterSeconds: null };
    }
    let lease: Lease;
    try {
      lease = await this.dependencies.refresher.lease(connection, resolved);
    } catch (error) {
      if (!(error instanceof ConnectionUnusable)) throw error;
      return { code: error.code, message: 'The connection needs to be renewed before Proctor can change the account.', transient: false, retryAfterSeconds: null };
    }
    const context = connectorContext(resolved);
    let failure: Failure | null = null;
    for (const operation of operations) {
      if (operation.status !== 'PENDING') continue;
      const outcome = await this.applyOne(context, resolved, account, lease, operation);
      if (outcome === null) continue;
      failure = outcome;
      // The platform is down or throttling us: the rest would fare no better now.
      if (outcome.transient) break;
    }
    return failure;
  }

  private async applyOne(
    context: ConnectorContext,
    resolved: ResolvedProvider,
    account: SocialAccount,
    lease: Lease,
    operation: RemediationOperation,
  ): Promise<Failure | null> {
    const target = (credentials: Lease['credentials']): SnapshotTarget => ({
      key: lease.connection.id,
      externalId: account.externalId ?? '',
      handle: account.handle,
      credentials,
    });
    const request = { kind: operation.kind as RemediationKind, params: operation.params };
    try {
      let result;
      try {
        result = await resolved.provider.connector.applyAction(context, target(lease.credentials), request);
      } catch (error) {
        // The platform says expired before our clock does: refresh once and try again.
        if (!isPlatformError(error) || error.kind !== PlatformErrorKind.TOKEN_EXPIRED) throw error;
        const fresh = await this.dependencies.refresher.lease(lease.connection, resolved, { force: true });
        result = await resolved.provider.connector.applyAction(context, target(fresh.credentials), request);
      }
      Object.assign(operation, { status: 'APPLIED', response: result.platformResponse, errorCode: null, errorMessage: null, appliedAt: new Date().toISOString() });
      return null;
    } catch (error) {
      if (error instanceof ConnectionUnusable) {
        Object.assign(operation, { status: 'FAILED', errorCode: error.code, errorMessage: 'The connection needs to be renewed.' });
        return { code: error.code, message: 'The connection needs to be renewed before Proctor can change the account.', transient: false, retryAfterSeconds: null };
      }
      if (!isPlatformError(error)) throw error;
      return this.refused(operation, error);
    }
  }

  private refused(operation: RemediationOperation, error: PlatformError): Failure | null {
    if (error.kind === PlatformErrorKind.NOT_FOUND && GONE_IS_DONE.has(operation.kind)) {
      Object.assign(operation, { status: 'APPLIED', response: { alreadyDone: true }, errorCode: null, errorMessage: null, appliedAt: new Date().toISOString() });
      return null;
    }
    const disposition = dispositionOf(error.kind);
    const transient = disposition === 'TRANSIENT' || disposition === 'RATE_LIMITED';
    Object.assign(operation, { status: transient ? 'PENDING' : 'FAILED', errorCode: error.kind, errorMessage: error.message.slice(0, 500) });
    return { code: error.kind, message: error.message.slice(0, 500), transient, retryAfterSeconds: error.retryAfterSeconds };
  }

  /** Writes the outcome while still holding the claim; a lost claim (lease ran out, someone else took over) writes nothing. */
  private async record(
    scope: TenantScope,
    action: RemediationAction,
    claimToken: string,
    operations: RemediationOperation[],
    failure: Failure | null,
  ): Promise<RemediationAction | null> {
    const attempts = action.attempts + 1;
    const allApplied = operations.every((operation) => operation.status === 'APPLIED');
    const retry = !allApplied && failure?.transient === true && operations.every((operation) => operation.status !== 'FAILED') && attempts < this.config.remediation.maxAttempts;
    const now = new Date();
    const waitMs = Math.max(backoffMs(attempts, this.config.remediation.retryBaseSeconds, this.random), (failure?.retryAfterSeconds ?? 0) * 1000);
    const next = {
      status: allApplied ? RemediationStatus.APPLIED : RemediationStatus.FAILED,
      nextAttemptAt: retry ? new Date(now.getTime() + waitMs) : null,
      appliedAt: allApplied ? now : null,
      lastErrorCode: allApplied ? null : (failure?.code ?? null),
      lastErrorMessage: allApplied ? null : (failure?.message ?? null),
    };
    return scope.transaction(async (transaction) => {
      const updated = await transaction.sql(
        `UPDATE remediation_action
            SET status = $3, operations = $4::jsonb, attempts = $5, next_attempt_at = $6, applied_at = $7, last_error_code = $8,
                last_error_message = $9, claim_token = NULL, lease_until = NULL, updated_at = now()
          WHERE id = $1 AND claim_token = $2
        RETURNING id`,
        [action.id, claimToken, next.status, JSON.stringify(operations), attempts, next.nextAttemptAt, next.appliedAt, next.lastErrorCode, next.lastErrorMessage],
      );
      transaction.audit({
        action: 'remediation.apply',
        targetType: 'RemediationAction',
        targetId: action.id,
        schoolId: action.schoolId,
        before: { status: action.status, attempts: action.attempts },
        after: { ...next, attempts, claimLost: updated.length === 0, operations: operations.map(({ kind, target, status, errorCode }) => ({ kind, target, status, errorCode })) },
      });
      if (updated.length === 0) return null;
      if (next.nextAttemptAt) await this.dependencies.queue.apply(transaction, [{ id: action.id, attempts, nextAttemptAt: next.nextAttemptAt }]);
      return (await transaction.findById(RemediationAction, action.id)) as RemediationAction;
    });
  }

  /** Reads the account again and judges it: the rule's new status tells whether the fix took. */
  private async recheck(scope: TenantScope, action: RemediationAction): Promise<void> {
    const account = (await scope.findById(SocialAccount, action.accountId)) as SocialAccount;
    const [checked] = await this.dependencies.snapshots.fetchAndStore(scope, [account], 'remediation.recheck');
    let status: string = 'ERROR';
    if (!checked.error) {
      await this.dependencies.compliance.judge(scope, [account]);
      const result = await scope
        .select(ComplianceResult, 'result')
        .andWhere('result.accountId = :accountId', { accountId: account.id })
        .andWhere('result.ruleId = :ruleId', { ruleId: action.ruleId })
        .getOne();
      status = result?.status ?? 'NOT_APPLICABLE';
    }
    await scope.transaction(async (transaction) => {
      await transaction.update(RemediationAction, action.id, { recheckStatus: status, recheckedAt: new Date() });
      transaction.audit({ action: 'remediation.recheck', targetType: 'RemediationAction', targetId: action.id, schoolId: action.schoolId, after: { ruleId: action.ruleId, status } });
    });
  }
}

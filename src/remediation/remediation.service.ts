import { providerFor } from '../../integrations/registry';
import { AccountAdmin } from '../accounts/account-admin.entity';
import { SocialAccount } from '../accounts/social-account.entity';
import { ComplianceResult } from '../compliance/compliance-result.entity';
import { ComplianceStatus } from '../compliance/compliance.enums';
import { ruleById } from '../compliance/rules';
import { ConnectionStatus } from '../connections/connection.enums';
import { PlatformConnection } from '../connections/platform-connection.entity';
import { isId, newId } from '../db/ids';
import { newestFirstPage, pageRequest, type PageArgs } from '../graphql/connection';
import { isUniqueViolation } from '../db/postgres-errors';
import type { Logger } from '../logging/logger';
import { SnapshotRecord } from '../snapshots/snapshot-record.entity';
import type { TenantScope } from '../tenancy/tenant-scope';
import { RemediationAction } from './remediation-action.entity';
import { planRemediation, type Plan } from './remediation-planner';
import type { RemediationQueue } from './remediation-queue';
import type { RemediationRunner } from './remediation-runner';
import { RemediationOrigin, RemediationStatus } from './remediation.enums';
import { keyUsedForAnotherAction, unknownRule } from './remediation.errors';
import type { RemediateInput, RemediationFilter } from './remediation.inputs';
import { RemediateOutcome, RemediatePayload, RemediationActionConnection, RemediationActionView } from './remediation.types';

const REMEDIATION_LIST = { kind: 'remediation', isValidKey: isId };

/** Waiting for a worker (REQUESTED, or FAILED and retrying) or for a person (MANUAL or FAILED for good, not yet seen done). */
const OPEN_ACTION = `(action.nextAttemptAt IS NOT NULL OR (action.status IN ('MANUAL', 'FAILED') AND action.resolvedAt IS NULL))`;

const payload = (outcome: RemediateOutcome, action: RemediationActionView | null) => Object.assign(new RemediatePayload(), { outcome, action });

/**
 * "Fix" on a finding: the action is planned from the rule's latest evidence and the connector's capabilities,
 * recorded with its idempotency key (and a job, in the same transaction), then applied at once by this
 * process; if it crashes or the platform is down, the job and the sweeper carry it on.
 */
export class RemediationService {
  constructor(
    private readonly queue: RemediationQueue,
    private readonly runner: () => RemediationRunner,
    private readonly maxPageSize: number,
    private readonly logger: Logger | null = null,
  ) {}

  async remediate(scope: TenantScope, input: RemediateInput): Promise<RemediatePayload> {
    if (!ruleById(input.ruleId)) throw unknownRule();
    const account = await scope.getById(SocialAccount, input.accountId, 'Account', 'input.accountId');
    if (!input.dryRun) {
      const replay = await this.byKey(scope, input);
      if (replay) return replay;
    }
    const result = await scope
      .select(ComplianceResult, 'result')
      .andWhere('result.accountId = :accountId', { accountId: account.id })
      .andWhere('result.ruleId = :ruleId', { ruleId: input.ruleId })
      .getOne();
    if (!result || result.status !== ComplianceStatus.FAIL) {
      await scope.transaction(async (transaction) => {
        transaction.audit({ action: 'remediation.request', targetType: 'SocialAccount', targetId: account.id, schoolId: account.schoolId, after: { ruleId: input.ruleId, outcome: RemediateOutcome.NOTHING_TO_FIX, status: result?.status ?? null } });
      });
      return payload(RemediateOutcome.NOTHING_TO_FIX, null);
    }
    const plan = await this.plan(scope, account, result);
    const draft = this.draft(scope, account, result, plan, input);
    if (input.dryRun) {
      await scope.transaction(async (transaction) => {
        transaction.audit({ action: 'remediation.plan', targetType: 'SocialAccount', targetId: account.id, schoolId: account.schoolId, after: { ruleId: input.ruleId, kind: plan.kind, status: plan.status, operations: plan.operations } });
      });
      return payload(RemediateOutcome.DRY_RUN, RemediationActionView.of(draft, true));
    }
    let outcome: { outcome: RemediateOutcome; action: RemediationAction };
    try {
      outcome = await this.record(scope, draft, plan);
    } catch (error) {
      // The same key sent twice at once: the first one won; answer its action.
      if (!isUniqueViolation(error)) throw error;
      const replay = await this.byKey(scope, input);
      if (replay) return replay;
      throw error;
    }
    let current = outcome.action;
    if (outcome.outcome === RemediateOutcome.CREATED && current.status === RemediationStatus.REQUESTED) {
      try {
        // Null when a worker took it first: then it is as recorded, REQUESTED.
        current = (await this.runner().run(scope.districtId, current.id)) ?? current;
      } catch (error) {
        // Not lost: the action stays REQUESTED and its job (or the sweeper) applies it.
        this.logger?.warn({ actionId: current.id, error: error instanceof Error ? error.message : String(error) }, 'remediation deferred to the job');
        current = (await scope.findById(RemediationAction, current.id)) ?? current;
      }
    }
    return payload(outcome.outcome, RemediationActionView.of(current));
  }

  /** The district's remediations, newest first; `open: true` is the to-do list (waiting for a worker or a person). */
  async list(scope: TenantScope, page: PageArgs, filter: RemediationFilter | undefined): Promise<RemediationActionConnection> {
    const request = pageRequest(page, REMEDIATION_LIST, this.maxPageSize);
    const query = scope.select(RemediationAction, 'action');
    if (filter?.accountId) query.andWhere('action.accountId = :accountId', { accountId: filter.accountId });
    if (filter?.offboardingId) query.andWhere('action.offboardingId = :offboardingId', { offboardingId: filter.offboardingId });
    if (filter?.status) query.andWhere('action.status = :status', { status: filter.status });
    if (filter?.origin) query.andWhere('action.origin = :origin', { origin: filter.origin });
    if (filter?.open !== undefined && filter.open !== null) query.andWhere(filter.open ? OPEN_ACTION : `NOT (${OPEN_ACTION})`);
    const connection = await newestFirstPage(RemediationActionConnection, query, { alias: 'action', kind: REMEDIATION_LIST.kind, page: request }, (row) => RemediationActionView.of(row));
    return connection as RemediationActionConnection;
  }

  async find(scope: TenantScope, id: string): Promise<RemediationActionView | null> {
    const action = await scope.findById(RemediationAction, id);
    return action ? RemediationActionView.of(action) : null;
  }

  async listForOffboardings(scope: TenantScope, offboardingIds: readonly string[]): Promise<RemediationActionView[][]> {
    const ids = [...offboardingIds];
    const rows = ids.length === 0 ? [] : await scope.select(RemediationAction, 'action').andWhere('action.offboardingId IN (:...ids)', { ids }).orderBy('action.createdAt').addOrderBy('action.id').getMany();
    return ids.map((id) => rows.filter((row) => row.offboardingId === id).map((row) => RemediationActionView.of(row)));
  }

  private async byKey(scope: TenantScope, input: RemediateInput): Promise<RemediatePayload | null> {
    const existing = await scope.select(RemediationAction, 'action').andWhere('action.idempotencyKey = :key', { key: input.idempotencyKey }).getOne();
    if (!existing) return null;
    if (existing.accountId !== input.accountId || existing.ruleId !== input.ruleId) throw keyUsedForAnotherAction();
    await scope.transaction(async (transaction) => {
      transaction.audit({ action: 'remediation.replay', targetType: 'RemediationAction', targetId: existing.id, schoolId: existing.schoolId, after: { idempotencyKey: input.idempotencyKey } });
    });
    return payload(RemediateOutcome.REPLAYED, RemediationActionView.of(existing));
  }

  private async plan(scope: TenantScope, account: SocialAccount, result: ComplianceResult): Promise<Plan> {
    const [snapshot, admins, connection] = await Promise.all([
      scope.select(SnapshotRecord, 'snapshot').andWhere('snapshot.accountId = :id', { id: account.id }).orderBy('snapshot.fetchedAt', 'DESC').getOne(),
      scope.select(AccountAdmin, 'admin').andWhere('admin.accountId = :id', { id: account.id }).andWhere('admin.removedAt IS NULL').getMany(),
      scope.select(PlatformConnection, 'connection').andWhere('connection.accountId = :id', { id: account.id }).getOne(),
    ]);
    return planRemediation({
      account,
      ruleId: result.ruleId,
      evidence: (result.evidence ?? {}) as Record<string, unknown>,
      message: result.message,
      steps: result.remediation?.steps ?? [],
      snapshot: snapshot?.data ?? null,
      admins,
      remediations: providerFor(account.platform)?.capabilities.remediations ?? [],
      connected: connection?.status === ConnectionStatus.CONNECTED,
    });
  }

  private draft(scope: TenantScope, account: SocialAccount, result: ComplianceResult, plan: Plan, input: RemediateInput): RemediationAction {
    const now = new Date();
    return Object.assign(new RemediationAction(), {
      id: newId(),
      districtId: scope.districtId,
      accountId: account.id,
      schoolId: account.schoolId,
      ruleId: result.ruleId,
      kind: plan.kind,
      origin: RemediationOrigin.FINDING,
      status: plan.status,
      operations: plan.operations,
      steps: plan.steps,
      reason: result.message,
      idempotencyKey: input.idempotencyKey,
      offboardingId: null,
      requestedBy: scope.actor.label,
      requestedByRole: scope.actor.role,
      attempts: 0,
      nextAttemptAt: plan.status === RemediationStatus.REQUESTED ? now : null,
      claimToken: null,
      leaseUntil: null,
      lastErrorCode: null,
      lastErrorMessage: null,
      appliedAt: null,
      recheckStatus: null,
      recheckedAt: null,
      resolvedAt: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  private async record(scope: TenantScope, draft: RemediationAction, plan: Plan): Promise<{ outcome: RemediateOutcome; action: RemediationAction }> {
    return scope.transaction(async (transaction) => {
      await transaction.lock('remediation', [`${draft.accountId}:${draft.ruleId}`]);
      // Two clicks on "Fix" with different keys: the one still being applied answers for both.
      const open = await transaction
        .select(RemediationAction, 'action')
        .andWhere('action.accountId = :accountId', { accountId: draft.accountId })
        .andWhere('action.ruleId = :ruleId', { ruleId: draft.ruleId })
        .andWhere('action.origin = :origin', { origin: RemediationOrigin.FINDING })
        .andWhere('action.nextAttemptAt IS NOT NULL')
        .getOne();
      if (open) {
        transaction.audit({ action: 'remediation.request', targetType: 'RemediationAction', targetId: open.id, schoolId: open.schoolId, after: { outcome: RemediateOutcome.ALREADY_UNDER_WAY, idempotencyKey: draft.idempotencyKey } });
        return { outcome: RemediateOutcome.ALREADY_UNDER_WAY, action: open };
      }
      const { createdAt: _created, updatedAt: _updated, ...row } = draft;
      await transaction.insert(RemediationAction, [row]);
      if (plan.registryRemovals.length > 0) await transaction.updateMany(AccountAdmin, plan.registryRemovals, { removedAt: new Date() });
      transaction.audit({
        action: 'remediation.request',
        targetType: 'RemediationAction',
        targetId: draft.id,
        schoolId: draft.schoolId,
        after: { accountId: draft.accountId, ruleId: draft.ruleId, kind: draft.kind, status: draft.status, operations: draft.operations, registryRemovals: plan.registryRemovals, idempotencyKey: draft.idempotencyKey },
      });
      await this.queue.apply(transaction, [{ id: draft.id, attempts: 0, nextAttemptAt: draft.nextAttemptAt }]);
      return { outcome: RemediateOutcome.CREATED, action: (await transaction.findById(RemediationAction, draft.id)) as RemediationAction };
    });
  }
}

import { providerFor } from '../../integrations/registry';
import { AccountStatus } from '../accounts/account.enums';
import { AccountAdmin } from '../accounts/account-admin.entity';
import { SocialAccount } from '../accounts/social-account.entity';
import { ConnectionStatus } from '../connections/connection.enums';
import { PlatformConnection } from '../connections/platform-connection.entity';
import { isId, newId } from '../db/ids';
import { newestFirstPage, pageRequest, type PageArgs } from '../graphql/connection';
import { NotFoundError } from '../errors/app-errors';
import { StaffStatus } from '../people/people.enums';
import { Staff } from '../people/staff.entity';
import { RemediationAction } from '../remediation/remediation-action.entity';
import { RemediationOrigin, RemediationStatus } from '../remediation/remediation.enums';
import type { RemediationQueue } from '../remediation/remediation-queue';
import type { TenantScope } from '../tenancy/tenant-scope';
import { Offboarding } from './offboarding.entity';
import { OffboardingSource, OffboardingStatus } from './offboarding.enums';
import { badEffectiveAt, idempotencyKeyReused } from './offboarding.errors';
import { planOffboarding, type AccountAccess } from './offboarding-planner';
import { OffboardingConnection, OffboardingView } from './offboarding.types';
import { latestSnapshots } from '../snapshots/latest-snapshots';

export interface OffboardRequest {
  employeeId: string;
  /** Null: now. */
  effectiveAt: Date | null;
  /** Null (SCIM): the person's own replay rule decides (see offboard). */
  idempotencyKey: string | null;
  source: OffboardingSource;
}

export interface OffboardResult {
  offboarding: Offboarding;
  /** True when nothing changed: the same key again, or the person is already being (or was) offboarded. */
  replayed: boolean;
}

/** A little clock skew between the HR system and us does not turn "now" into a schedule. */
const SCHEDULE_SKEW_MS = 60_000;
const MAX_SCHEDULE_AHEAD_MS = 400 * 86_400_000;
const OPEN = [OffboardingStatus.SCHEDULED, OffboardingStatus.IN_PROGRESS];
const OFFBOARDING_LIST = { kind: 'offboarding', isValidKey: isId };

/**
 * HR offboarding (GraphQL offboardStaff and every SCIM deactivation): recorded once per departure, the
 * person marked DEPARTED when it takes effect, and the per-account work written as remediation actions in the
 * same transaction, with the jobs that apply them. Replays change nothing.
 */
export class OffboardingService {
  constructor(
    private readonly queue: RemediationQueue,
    private readonly maxPageSize: number,
  ) {}

  /** The district's offboardings, newest first; one employee's when employeeId is given. */
  async list(scope: TenantScope, page: PageArgs, employeeId: string | null): Promise<OffboardingConnection> {
    const request = pageRequest(page, OFFBOARDING_LIST, this.maxPageSize);
    const query = scope.select(Offboarding, 'offboarding');
    if (employeeId) query.andWhere('offboarding.employeeId = :employeeId', { employeeId });
    const connection = await newestFirstPage(OffboardingConnection, query, { alias: 'offboarding', kind: OFFBOARDING_LIST.kind, page: request }, (row) => OffboardingView.of(row));
    return connection as OffboardingConnection;
  }

  async offboard(scope: TenantScope, request: OffboardRequest, now: Date = new Date()): Promise<OffboardResult> {
    const effectiveAt = request.effectiveAt ?? now;
    if (Number.isNaN(effectiveAt.getTime())) throw badEffectiveAt('effectiveAt must be a date');
    if (effectiveAt.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) throw badEffectiveAt('effectiveAt may be at most 400 days ahead');
    return scope.transaction(async (transaction) => {
      await transaction.lock('offboarding', [request.employeeId]);
      if (request.idempotencyKey !== null) {
        const byKey = await transaction
          .select(Offboarding, 'offboarding')
          .andWhere('offboarding.idempotencyKey = :key', { key: request.idempotencyKey })
          .getOne();
        if (byKey) {
          if (byKey.employeeId !== request.employeeId) throw idempotencyKeyReused();
          transaction.audit({ action: 'offboarding.replay', targetType: 'Offboarding', targetId: byKey.id, after: { idempotencyKey: request.idempotencyKey } });
          return { offboarding: byKey, replayed: true };
        }
      }
      const staff = await transaction.select(Staff, 'staff').andWhere('staff.employeeId = :employeeId', { employeeId: request.employeeId }).getOne();
      if (!staff) throw new NotFoundError('Employee', 'input.employeeId');
      const latest = await transaction
        .select(Offboarding, 'offboarding')
        .andWhere('offboarding.staffId = :staffId', { staffId: staff.id })
        .andWhere('offboarding.status <> :cancelled', { cancelled: OffboardingStatus.CANCELLED })
        .orderBy('offboarding.createdAt', 'DESC')
        .getOne();
      // Already leaving, or left and not reinstated since: the same departure told again.
      if (latest && (OPEN.includes(latest.status) || staff.status === StaffStatus.DEPARTED)) {
        if (latest.status === OffboardingStatus.SCHEDULED && effectiveAt < latest.effectiveAt) {
          return { offboarding: await this.bringForward(transaction, latest, effectiveAt, now), replayed: false };
        }
        transaction.audit({ action: 'offboarding.replay', targetType: 'Offboarding', targetId: latest.id, after: { idempotencyKey: request.idempotencyKey, source: request.source } });
        return { offboarding: latest, replayed: true };
      }
      const due = effectiveAt.getTime() <= now.getTime() + SCHEDULE_SKEW_MS;
      const offboarding = Object.assign(new Offboarding(), {
        id: newId(),
        districtId: scope.districtId,
        staffId: staff.id,
        employeeId: staff.employeeId,
        effectiveAt,
        idempotencyKey: request.idempotencyKey ?? `${request.source.toLowerCase()}:${newId()}`,
        source: request.source,
        status: OffboardingStatus.SCHEDULED,
        requestedBy: scope.actor.label,
        requestedByRole: scope.actor.role,
        startedAt: null,
        completedAt: null,
      });
      await transaction.insert(Offboarding, [offboarding]);
      transaction.audit({
        action: 'offboarding.request',
        targetType: 'Offboarding',
        targetId: offboarding.id,
        after: { employeeId: staff.employeeId, effectiveAt, source: request.source, idempotencyKey: offboarding.idempotencyKey },
      });
      if (due) await this.begin(transaction, offboarding, staff, now);
      else await this.queue.start(transaction, offboarding);
      return { offboarding: (await transaction.findById(Offboarding, offboarding.id)) as Offboarding, replayed: false };
    });
  }

  /** A scheduled offboarding whose time has come (job or sweeper). Does nothing if it already began or was cancelled. */
  async startDue(scope: TenantScope, offboardingId: string, now: Date = new Date()): Promise<boolean> {
    return scope.transaction(async (transaction) => {
      await transaction.lock('offboarding-start', [offboardingId]);
      const offboarding = await transaction.findById(Offboarding, offboardingId);
      if (!offboarding || offboarding.status !== OffboardingStatus.SCHEDULED || offboarding.effectiveAt > now) {
        transaction.audit({ action: 'offboarding.start', targetType: 'Offboarding', targetId: offboardingId, after: { skipped: offboarding?.status ?? 'MISSING' } });
        return false;
      }
      const staff = (await transaction.findById(Staff, offboarding.staffId)) as Staff;
      await this.begin(transaction, offboarding, staff, now);
      return true;
    });
  }

  /** The person came back (SCIM active=true, or HR changed its mind): a scheduled departure is cancelled. */
  async reinstate(scope: TenantScope, staffId: string): Promise<void> {
    await scope.transaction(async (transaction) => {
      const staff = await transaction.findById(Staff, staffId);
      if (!staff) throw new NotFoundError('Employee');
      await transaction.lock('offboarding', [staff.employeeId]);
      const scheduled = await transaction
        .select(Offboarding, 'offboarding')
        .andWhere('offboarding.staffId = :staffId', { staffId })
        .andWhere('offboarding.status = :status', { status: OffboardingStatus.SCHEDULED })
        .getMany();
      if (scheduled.length > 0) await transaction.updateMany(Offboarding, scheduled.map((row) => row.id), { status: OffboardingStatus.CANCELLED, completedAt: new Date() });
      if (staff.status === StaffStatus.DEPARTED) await transaction.update(Staff, staff.id, { status: StaffStatus.ACTIVE, departedAt: null });
      transaction.audit({
        action: 'staff.reinstate',
        targetType: 'Staff',
        targetId: staff.id,
        schoolId: staff.schoolId,
        before: { status: staff.status, departedAt: staff.departedAt },
        after: { status: StaffStatus.ACTIVE, cancelledOffboardings: scheduled.map((row) => row.id) },
      });
    });
  }

  /** Recomputes an offboarding's status from its actions (after a worker applied or gave up on one). */
  async refreshStatus(scope: TenantScope, offboardingId: string): Promise<void> {
    await scope.transaction(async (transaction) => {
      const offboarding = await transaction.findById(Offboarding, offboardingId);
      if (!offboarding || !OPEN.includes(offboarding.status) || offboarding.status === OffboardingStatus.SCHEDULED) {
        transaction.audit({ action: 'offboarding.status', targetType: 'Offboarding', targetId: offboardingId, after: { unchanged: offboarding?.status ?? 'MISSING' } });
        return;
      }
      const actions = await transaction.select(RemediationAction, 'action').andWhere('action.offboardingId = :offboardingId', { offboardingId }).getMany();
      const next = statusOf(actions);
      if (next !== offboarding.status) {
        await transaction.update(Offboarding, offboarding.id, { status: next, completedAt: next === OffboardingStatus.IN_PROGRESS ? null : new Date() });
      }
      transaction.audit({ action: 'offboarding.status', targetType: 'Offboarding', targetId: offboardingId, before: { status: offboarding.status }, after: { status: next } });
    });
  }

  private async bringForward(transaction: TenantScope, offboarding: Offboarding, effectiveAt: Date, now: Date): Promise<Offboarding> {
    await transaction.update(Offboarding, offboarding.id, { effectiveAt });
    transaction.audit({ action: 'offboarding.reschedule', targetType: 'Offboarding', targetId: offboarding.id, before: { effectiveAt: offboarding.effectiveAt }, after: { effectiveAt } });
    const moved = { ...offboarding, effectiveAt };
    if (effectiveAt.getTime() <= now.getTime() + SCHEDULE_SKEW_MS) {
      await this.begin(transaction, moved, (await transaction.findById(Staff, offboarding.staffId)) as Staff, now);
    } else {
      await this.queue.start(transaction, moved);
    }
    return (await transaction.findById(Offboarding, offboarding.id)) as Offboarding;
  }

  /** The departure takes effect: the person is DEPARTED, off every registry roster, and each account's work is written. */
  private async begin(transaction: TenantScope, offboarding: Offboarding, staff: Staff, now: Date): Promise<void> {
    const departedAt = staff.status === StaffStatus.DEPARTED && staff.departedAt ? staff.departedAt : offboarding.effectiveAt;
    if (staff.status !== StaffStatus.DEPARTED || staff.departedAt?.getTime() !== departedAt.getTime()) {
      await transaction.update(Staff, staff.id, { status: StaffStatus.DEPARTED, departedAt });
      transaction.audit({
        action: 'staff.update',
        targetType: 'Staff',
        targetId: staff.id,
        schoolId: staff.schoolId,
        before: { status: staff.status, departedAt: staff.departedAt },
        after: { status: StaffStatus.DEPARTED, departedAt, offboardingId: offboarding.id },
      });
    }
    const person = { employeeId: staff.employeeId, name: staff.name, email: staff.email.toLowerCase() };
    const accesses = await this.accessesOf(transaction, person);
    const planned = planOffboarding(person, accesses);
    const registryRows = accesses.flatMap((access) => access.registryRows.map((row) => row.id));
    if (registryRows.length > 0) await transaction.updateMany(AccountAdmin, registryRows, { removedAt: now });
    const accountsById = new Map(accesses.map((access) => [access.account.id, access.account]));
    const rows: Partial<RemediationAction>[] = planned.map((action) => ({
      id: newId(),
      districtId: transaction.districtId,
      accountId: action.accountId,
      schoolId: accountsById.get(action.accountId)?.schoolId ?? null,
      ruleId: action.ruleId,
      kind: action.kind,
      origin: RemediationOrigin.OFFBOARDING,
      status: action.status,
      operations: action.operations,
      steps: action.steps,
      reason: action.reason,
      idempotencyKey: null,
      offboardingId: offboarding.id,
      requestedBy: offboarding.requestedBy,
      requestedByRole: offboarding.requestedByRole,
      attempts: 0,
      nextAttemptAt: action.status === RemediationStatus.REQUESTED ? now : null,
      appliedAt: action.status === RemediationStatus.APPLIED ? now : null,
    }));
    if (rows.length > 0) await transaction.insert(RemediationAction, rows);
    const status = statusOf(rows as RemediationAction[]);
    await transaction.update(Offboarding, offboarding.id, {
      status,
      startedAt: now,
      completedAt: status === OffboardingStatus.IN_PROGRESS ? null : now,
    });
    transaction.audit({
      action: 'offboarding.start',
      targetType: 'Offboarding',
      targetId: offboarding.id,
      after: {
        employeeId: staff.employeeId,
        accounts: accesses.map((access) => access.account.id),
        actions: planned.map((action) => ({ accountId: action.accountId, kind: action.kind, status: action.status })),
        status,
      },
    });
    await this.queue.apply(
      transaction,
      rows.map((row) => ({ id: row.id as string, attempts: 0, nextAttemptAt: row.nextAttemptAt ?? null })),
    );
  }

  /** Every live account the person could reach: on its registry roster, or its custodian. Four queries. */
  private async accessesOf(transaction: TenantScope, person: { employeeId: string; email: string }): Promise<AccountAccess[]> {
    const rosterRows = await transaction
      .select(AccountAdmin, 'admin')
      .andWhere('admin.removedAt IS NULL')
      .andWhere('(admin.employeeId = :employeeId OR lower(admin.email) = :email)', person)
      .getMany();
    const custodianOf = await transaction
      .select(SocialAccount, 'account')
      .andWhere('lower(account.custodianEmail) = :email', { email: person.email })
      .getMany();
    const accountIds = [...new Set([...rosterRows.map((row) => row.accountId), ...custodianOf.map((account) => account.id)])];
    if (accountIds.length === 0) return [];
    // One after another: they share the transaction's connection.
    const accounts = await transaction
      .select(SocialAccount, 'account')
      .andWhere('account.id IN (:...accountIds)', { accountIds })
      .andWhere('account.status <> :retired', { retired: AccountStatus.RETIRED })
      .getMany();
    const snapshots = await latestSnapshots(transaction, accountIds);
    const connections = await transaction.select(PlatformConnection, 'connection').andWhere('connection.accountId IN (:...accountIds)', { accountIds }).getMany();
    const snapshotOf = new Map(snapshots.map((snapshot) => [snapshot.accountId, snapshot.data]));
    const connectionOf = new Map(connections.map((connection) => [connection.accountId, connection]));
    return accounts
      .sort((a, b) => a.handle.localeCompare(b.handle))
      .map((account) => ({
        account,
        registryRows: rosterRows.filter((row) => row.accountId === account.id),
        snapshot: snapshotOf.get(account.id) ?? null,
        remediations: providerFor(account.platform)?.capabilities.remediations ?? [],
        connected: connectionOf.get(account.id)?.status === ConnectionStatus.CONNECTED,
      }));
  }
}

/** An offboarding is done when no action still waits for a worker; it needs a person when one failed for good. */
export function statusOf(actions: Array<Pick<RemediationAction, 'status' | 'nextAttemptAt'>>): OffboardingStatus {
  if (actions.some((action) => action.status === RemediationStatus.REQUESTED || (action.status === RemediationStatus.FAILED && action.nextAttemptAt !== null))) {
    return OffboardingStatus.IN_PROGRESS;
  }
  if (actions.some((action) => action.status === RemediationStatus.FAILED)) return OffboardingStatus.NEEDS_ATTENTION;
  return OffboardingStatus.COMPLETED;
}

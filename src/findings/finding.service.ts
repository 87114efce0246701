import type { ClassType } from 'type-graphql';
import { SocialAccount } from '../accounts/social-account.entity';
import { ComplianceResult } from '../compliance/compliance-result.entity';
import { ComplianceStatus } from '../compliance/compliance.enums';
import { ruleById } from '../compliance/rules';
import { isId, newId } from '../db/ids';
import { keysetConnection, pageRequest, type ConnectionShape, type PageArgs } from '../graphql/connection';
import type { TenantScope } from '../tenancy/tenant-scope';
import { badExpiry, ruleNotManual, unknownRule } from './finding.errors';
import { Finding, FindingEvent, FindingState } from './finding.entity';
import type { AttestInput, FindingFilter, GrantExceptionInput } from './finding.inputs';
import { FindingConnection, FindingEventView, FindingView } from './finding.types';
import { Attestation, RuleException } from './rule-exception.entity';

const FINDING_LIST = { kind: 'finding', isValidKey: isId };
const MAX_EXPIRY_MS = 366 * 24 * 3_600_000;
const ACTIVE_EXCEPTION = `EXISTS (SELECT 1 FROM rule_exception e WHERE e.district_id = finding.district_id AND e.account_id = finding.account_id AND e.rule_id = finding.rule_id AND e.expires_at > :now)`;

/** Findings (read, filter, export), exceptions and attestations. */
export class FindingService {
  constructor(private readonly maxPageSize: number) {}

  private filtered(scope: TenantScope, filter: FindingFilter | undefined, now: Date) {
    const query = scope.select(Finding, 'finding');
    if (filter?.schoolId) query.andWhere('finding.schoolId = :schoolId', { schoolId: filter.schoolId });
    if (filter?.accountId) query.andWhere('finding.accountId = :accountId', { accountId: filter.accountId });
    if (filter?.ruleId) query.andWhere('finding.ruleId = :ruleId', { ruleId: filter.ruleId });
    if (filter?.severity) query.andWhere('finding.severity = :severity', { severity: filter.severity });
    if (filter?.state) query.andWhere('finding.state = :state', { state: filter.state });
    if (filter?.status === ComplianceStatus.EXEMPT) {
      query.andWhere(`finding.state = 'OPEN' AND ${ACTIVE_EXCEPTION}`, { now });
    } else if (filter?.status === ComplianceStatus.FAIL) {
      query.andWhere(`finding.state = 'OPEN' AND NOT ${ACTIVE_EXCEPTION}`, { now });
    } else if (filter?.status === ComplianceStatus.PASS) {
      query.andWhere(`finding.state = 'RESOLVED'`);
    } else if (filter?.status) {
      query.andWhere('FALSE');
    }
    return query;
  }

  async list(scope: TenantScope, page: PageArgs, filter: FindingFilter | undefined, now: Date = new Date()): Promise<FindingConnection> {
    const request = pageRequest(page, FINDING_LIST, this.maxPageSize);
    // Paged over the entity, then each node becomes its view (with its exemption) in one batch.
    const rows = await keysetConnection(FindingConnection as unknown as ClassType<ConnectionShape<Finding>>, this.filtered(scope, filter, now), {
      alias: 'finding',
      keyColumn: 'id',
      keyOf: (finding) => finding.id,
      direction: 'DESC',
      kind: FINDING_LIST.kind,
      page: request,
    });
    const views = await this.views(scope, rows.edges.map((edge) => edge.node), now);
    const connection = rows as unknown as FindingConnection;
    connection.edges = rows.edges.map((edge, index) => ({ cursor: edge.cursor, node: views[index] }));
    return connection;
  }

  /** Every matching finding, newest first, in chunks (exports); the caller streams them out. */
  async *all(scope: TenantScope, filter: FindingFilter | undefined, now: Date = new Date()): AsyncGenerator<FindingView[]> {
    let after: string | null = null;
    for (;;) {
      const query = this.filtered(scope, filter, now);
      if (after) query.andWhere('finding.id < :after', { after });
      const rows = await query.orderBy('finding.id', 'DESC').limit(1000).getMany();
      if (rows.length === 0) return;
      yield this.views(scope, rows, now);
      after = rows[rows.length - 1].id;
    }
  }

  /** Open findings of a page of accounts, in one query plus one for their exemptions. */
  async openFor(scope: TenantScope, accountIds: readonly string[], now: Date = new Date()): Promise<FindingView[]> {
    const ids = [...accountIds];
    const rows = await scope
      .select(Finding, 'finding')
      .andWhere('finding.accountId IN (:...ids)', { ids })
      .andWhere('finding.state = :open', { open: FindingState.OPEN })
      .orderBy('finding.id', 'DESC')
      .getMany();
    return this.views(scope, rows, now);
  }

  private async views(scope: TenantScope, findings: Finding[], now: Date): Promise<FindingView[]> {
    if (findings.length === 0) return [];
    const accountIds = [...new Set(findings.map((finding) => finding.accountId))];
    const exceptions = await scope
      .select(RuleException, 'exception')
      .andWhere('exception.accountId IN (:...accountIds)', { accountIds })
      .andWhere('exception.expiresAt > :now', { now })
      .getMany();
    const until = new Map<string, Date>();
    for (const exception of exceptions) {
      const key = `${exception.accountId}:${exception.ruleId}`;
      if (!until.has(key) || until.get(key)! < exception.expiresAt) until.set(key, exception.expiresAt);
    }
    return findings.map((finding) => {
      const exemptUntil = finding.state === FindingState.OPEN ? (until.get(`${finding.accountId}:${finding.ruleId}`) ?? null) : null;
      return Object.assign(new FindingView(), {
        ...finding,
        title: ruleById(finding.ruleId)?.title ?? finding.ruleId,
        status: finding.state === FindingState.RESOLVED ? ComplianceStatus.PASS : exemptUntil ? ComplianceStatus.EXEMPT : ComplianceStatus.FAIL,
        exemptUntil,
      });
    });
  }

  async history(scope: TenantScope, findingIds: readonly string[]): Promise<FindingEventView[][]> {
    const ids = [...findingIds];
    const events = await scope.select(FindingEvent, 'event').andWhere('event.findingId IN (:...ids)', { ids }).orderBy('event.at', 'ASC').getMany();
    return ids.map((id) => events.filter((event) => event.findingId === id).map((event) => Object.assign(new FindingEventView(), event)));
  }

  async grantException(scope: TenantScope, input: GrantExceptionInput, now: Date = new Date()): Promise<RuleException> {
    const account = await scope.getById(SocialAccount, input.accountId, 'Account', 'input.accountId');
    if (!ruleById(input.ruleId)) throw unknownRule('input.ruleId');
    this.checkExpiry(input.expiresAt, now, 'input.expiresAt');
    const exception = Object.assign(new RuleException(), {
      id: newId(),
      accountId: account.id,
      ruleId: input.ruleId,
      reason: input.reason.trim(),
      grantedBy: scope.actor.label,
      grantedAt: now,
      expiresAt: input.expiresAt,
    });
    await scope.transaction(async (transaction) => {
      await transaction.insert(RuleException, [exception]);
      transaction.audit({
        action: 'exception.grant',
        targetType: 'SocialAccount',
        targetId: account.id,
        schoolId: account.schoolId,
        after: { exceptionId: exception.id, ruleId: exception.ruleId, reason: exception.reason, expiresAt: exception.expiresAt },
      });
    });
    return Object.assign(exception, { districtId: scope.districtId });
  }

  async attest(scope: TenantScope, input: AttestInput, now: Date = new Date()): Promise<Attestation> {
    const account = await scope.getById(SocialAccount, input.accountId, 'Account', 'input.accountId');
    if (!ruleById(input.ruleId)) throw unknownRule('input.ruleId');
    this.checkExpiry(input.expiresAt, now, 'input.expiresAt');
    const result = await scope
      .select(ComplianceResult, 'result')
      .andWhere('result.accountId = :accountId AND result.ruleId = :ruleId', { accountId: account.id, ruleId: input.ruleId })
      .getOne();
    if (result?.status !== ComplianceStatus.MANUAL) throw ruleNotManual(result?.status ?? 'not judged yet');
    const attestation = Object.assign(new Attestation(), {
      id: newId(),
      accountId: account.id,
      ruleId: input.ruleId,
      statement: input.statement.trim(),
      compliant: input.compliant ?? true,
      attestedBy: scope.actor.label,
      attestedAt: now,
      expiresAt: input.expiresAt,
    });
    await scope.transaction(async (transaction) => {
      await transaction.insert(Attestation, [attestation]);
      transaction.audit({
        action: 'attestation.create',
        targetType: 'SocialAccount',
        targetId: account.id,
        schoolId: account.schoolId,
        after: { attestationId: attestation.id, ruleId: attestation.ruleId, compliant: attestation.compliant, statement: attestation.statement, expiresAt: attestation.expiresAt },
      });
    });
    return attestation;
  }

  private checkExpiry(expiresAt: Date, now: Date, path: string): void {
    const ms = expiresAt.getTime() - now.getTime();
    if (!(ms > 0 && ms <= MAX_EXPIRY_MS)) throw badExpiry(path);
  }
}

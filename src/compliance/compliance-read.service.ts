import type { DataSource } from 'typeorm';
import { Attestation, RuleException } from '../findings/rule-exception.entity';
import type { TenantScope } from '../tenancy/tenant-scope';
import { ComplianceResult } from './compliance-result.entity';
import { ComplianceStatus, worstStatus } from './compliance.enums';
import {
  AccountComplianceView,
  CitationView,
  ComplianceResultView,
  ComplianceSummaryView,
  RemediationView,
  RuleStatusCounts,
  SchoolStatusCounts,
  StatusCount,
} from './compliance.types';
import { effectiveStatus } from './engine';
import { ruleById } from './rules';


/** SQL for the status a person sees (engine.effectiveStatus, in SQL): unexpired exceptions and attestations apply. */
const EFFECTIVE_STATUS_SQL = `
  CASE
    WHEN r.status = 'MANUAL' AND att.compliant IS TRUE THEN 'PASS'
    WHEN r.status = 'MANUAL' AND att.compliant IS FALSE AND ex.account_id IS NOT NULL THEN 'EXEMPT'
    WHEN r.status = 'MANUAL' AND att.compliant IS FALSE THEN 'FAIL'
    WHEN r.status = 'FAIL' AND ex.account_id IS NOT NULL THEN 'EXEMPT'
    ELSE r.status::text
  END`;

/** Reads stored results with exceptions and attestations applied as of now, so an expiry takes effect by itself. */
export class ComplianceReadService {
  constructor(private readonly dataSource: DataSource) {}

  /** Per account, for a page of accounts: 3 queries whatever the page size. */
  async complianceOf(scope: TenantScope, accountIds: readonly string[], now: Date = new Date()): Promise<AccountComplianceView[]> {
    const ids = [...accountIds];
    const [results, exceptions, attestations] = await Promise.all([
      scope.select(ComplianceResult, 'result').andWhere('result.accountId IN (:...ids)', { ids }).getMany(),
      scope.select(RuleException, 'exception').andWhere('exception.accountId IN (:...ids)', { ids }).andWhere('exception.expiresAt > :now', { now }).getMany(),
      scope
        .select(Attestation, 'attestation')
        .andWhere('attestation.accountId IN (:...ids)', { ids })
        .andWhere('attestation.expiresAt > :now', { now })
        .orderBy('attestation.attestedAt', 'DESC')
        .getMany(),
    ]);
    const key = (accountId: string, ruleId: string) => `${accountId}:${ruleId}`;
    const exceptionByKey = new Map<string, RuleException>();
    for (const exception of exceptions) {
      const existing = exceptionByKey.get(key(exception.accountId, exception.ruleId));
      if (!existing || existing.expiresAt < exception.expiresAt) exceptionByKey.set(key(exception.accountId, exception.ruleId), exception);
    }
    const attestationByKey = new Map<string, Attestation>();
    for (const attestation of attestations) {
      if (!attestationByKey.has(key(attestation.accountId, attestation.ruleId))) attestationByKey.set(key(attestation.accountId, attestation.ruleId), attestation);
    }
    const byAccount = new Map<string, ComplianceResultView[]>();
    for (const result of results) {
      const exception = exceptionByKey.get(key(result.accountId, result.ruleId)) ?? null;
      const attestation = attestationByKey.get(key(result.accountId, result.ruleId)) ?? null;
      const view = Object.assign(new ComplianceResultView(), {
        ruleId: result.ruleId,
        title: ruleById(result.ruleId)?.title ?? result.ruleId,
        rawStatus: result.status,
        status: effectiveStatus(
          result.status,
          exception ? { kind: 'exception', expiresAt: exception.expiresAt } : null,
          attestation ? { kind: 'attestation', expiresAt: attestation.expiresAt, compliant: attestation.compliant } : null,
          now,
        ),
        severity: result.severity,
        message: result.message,
        evidence: result.evidence,
        citations: result.citations.map((citation) => Object.assign(new CitationView(), citation)),
        remediation: Object.assign(new RemediationView(), {
          automatic: result.remediation.action !== null,
          action: result.remediation.action,
          steps: result.remediation.steps,
        }),
        checkedAt: result.checkedAt,
        snapshotId: result.snapshotId,
        exception: exception && effectiveStatus(result.status, { kind: 'exception', expiresAt: exception.expiresAt }, null, now) === ComplianceStatus.EXEMPT ? exception : null,
        attestation: result.status === ComplianceStatus.MANUAL ? attestation : null,
      });
      byAccount.set(result.accountId, [...(byAccount.get(result.accountId) ?? []), view]);
    }
    return ids.map((id) => {
      const views = (byAccount.get(id) ?? []).sort((left, right) => left.ruleId.localeCompare(right.ruleId));
      return Object.assign(new AccountComplianceView(), {
        status: views.length ? worstStatus(views.map((view) => view.status)) : ComplianceStatus.NOT_APPLICABLE,
        checkedAt: views.length ? new Date(Math.max(...views.map((view) => view.checkedAt.getTime()))) : null,
        results: views,
      });
    });
  }

  /**
   * Counts by status, by rule and by school. The raw counts come from one narrow aggregate (no joins); the few
   * results an unexpired exception or attestation changes are then moved between buckets, so the cost does not
   * grow with the exceptions. Raw SQL for the aggregates; the district (and a principal's school) predicates are
   * applied here explicitly.
   */
  async summary(scope: TenantScope, schoolId: string | null, now: Date = new Date()): Promise<ComplianceSummaryView> {
    const school = scope.schoolLimit ?? schoolId;
    const params: unknown[] = [scope.districtId, now];
    if (school) params.push(school);
    const schoolFilter = school ? 'AND r.school_id = $3' : '';
    const overrides = `
      WITH ex AS (
        SELECT DISTINCT account_id, rule_id FROM rule_exception WHERE district_id = $1 AND expires_at > $2
      ), att AS (
        SELECT DISTINCT ON (account_id, rule_id) account_id, rule_id, compliant FROM attestation
         WHERE district_id = $1 AND expires_at > $2 ORDER BY account_id, rule_id, attested_at DESC
      ), touched AS (
        SELECT account_id, rule_id FROM ex UNION SELECT account_id, rule_id FROM att
      )`;
    type Bucket = { school_id: string | null; rule_id: string; status: ComplianceStatus; count: number };
    const [raw, moved, accounts] = await Promise.all([
      this.dataSource.query(
        `SELECT r.school_id, r.rule_id, r.status, count(*)::int AS count FROM compliance_result r
          WHERE r.district_id = $1 ${schoolFilter.replace('$3', '$2')} GROUP BY 1, 2, 3`,
        school ? [scope.districtId, school] : [scope.districtId],
      ) as Promise<Bucket[]>,
      this.dataSource.query(
        `${overrides}
         SELECT r.school_id, r.rule_id, r.status AS raw, ${EFFECTIVE_STATUS_SQL} AS status, count(*)::int AS count
           FROM touched t JOIN compliance_result r ON r.district_id = $1 AND r.account_id = t.account_id AND r.rule_id = t.rule_id
           LEFT JOIN ex ON ex.account_id = r.account_id AND ex.rule_id = r.rule_id
           LEFT JOIN att ON att.account_id = r.account_id AND att.rule_id = r.rule_id
          WHERE TRUE ${schoolFilter} GROUP BY 1, 2, 3, 4`,
        params,
      ) as Promise<Array<Bucket & { raw: ComplianceStatus }>>,
      this.dataSource.query(
        `${overrides}
         SELECT (SELECT count(DISTINCT r.account_id) FROM compliance_result r WHERE r.district_id = $1 ${schoolFilter})::int AS accounts,
                (SELECT count(DISTINCT r.account_id) FROM compliance_result r
                   LEFT JOIN ex ON ex.account_id = r.account_id AND ex.rule_id = r.rule_id
                   LEFT JOIN att ON att.account_id = r.account_id AND att.rule_id = r.rule_id
                  WHERE r.district_id = $1 ${schoolFilter} AND r.status IN ('FAIL', 'ERROR', 'MANUAL')
                    AND ${EFFECTIVE_STATUS_SQL} IN ('FAIL', 'ERROR'))::int AS failing`,
        params,
      ) as Promise<Array<{ accounts: number; failing: number }>>,
    ]);
    const buckets = new Map<string, Bucket>();
    const add = (bucket: Bucket, delta: number) => {
      const key = `${bucket.school_id}|${bucket.rule_id}|${bucket.status}`;
      const existing = buckets.get(key) ?? { ...bucket, count: 0 };
      existing.count += delta;
      buckets.set(key, existing);
    };
    for (const bucket of raw) add(bucket, bucket.count);
    for (const change of moved) {
      if (change.raw === change.status) continue;
      add({ ...change, status: change.raw }, -change.count);
      add(change, change.count);
    }
    const counted = [...buckets.values()].filter((bucket) => bucket.count > 0);
    const sum = (rows: Bucket[], key: (bucket: Bucket) => string | null) => {
      const totals = new Map<string | null, Map<ComplianceStatus, number>>();
      for (const row of rows) {
        const group = totals.get(key(row)) ?? new Map<ComplianceStatus, number>();
        group.set(row.status, (group.get(row.status) ?? 0) + row.count);
        totals.set(key(row), group);
      }
      return totals;
    };
    const groups = [
      ...[...sum(counted, () => 'all').get('all') ?? new Map()].map(([status, n]) => ({ no_rule: 1, no_school: 1, rule_id: null, school_id: null, status, count: n })),
      ...[...sum(counted, (row) => row.rule_id)].flatMap(([ruleId, statuses]) =>
        [...statuses].map(([status, n]) => ({ no_rule: 0, no_school: 1, rule_id: ruleId, school_id: null, status, count: n })),
      ),
      ...[...sum(counted, (row) => row.school_id)].flatMap(([id, statuses]) =>
        [...statuses].map(([status, n]) => ({ no_rule: 1, no_school: 0, rule_id: null, school_id: id, status, count: n })),
      ),
    ];
    const accountCounts = [{ accounts: accounts[0]?.accounts ?? 0, compliant: (accounts[0]?.accounts ?? 0) - (accounts[0]?.failing ?? 0) }];
    const count = (status: ComplianceStatus, value: number) => Object.assign(new StatusCount(), { status, count: value });
    const byStatus = groups.filter((row) => row.no_rule === 1 && row.no_school === 1).map((row) => count(row.status, row.count));
    const byRule = new Map<string, StatusCount[]>();
    const bySchool = new Map<string | null, StatusCount[]>();
    for (const row of groups) {
      if (row.no_rule === 0) byRule.set(row.rule_id!, [...(byRule.get(row.rule_id!) ?? []), count(row.status, row.count)]);
      else if (row.no_school === 0) bySchool.set(row.school_id, [...(bySchool.get(row.school_id) ?? []), count(row.status, row.count)]);
    }
    const total = (status: ComplianceStatus) => byStatus.find((entry) => entry.status === status)?.count ?? 0;
    const applicable = byStatus.reduce((sum, entry) => sum + entry.count, 0) - total(ComplianceStatus.NOT_APPLICABLE);
    return Object.assign(new ComplianceSummaryView(), {
      accounts: accountCounts[0].accounts,
      compliantAccounts: accountCounts[0].compliant,
      complianceRate: applicable === 0 ? 1 : (total(ComplianceStatus.PASS) + total(ComplianceStatus.EXEMPT)) / applicable,
      byStatus,
      byRule: [...byRule].sort(([left], [right]) => left.localeCompare(right)).map(([ruleId, counts]) => Object.assign(new RuleStatusCounts(), { ruleId, counts })),
      bySchool: [...bySchool].map(([id, counts]) => Object.assign(new SchoolStatusCounts(), { schoolId: id, school: null, counts })),
    });
  }
}

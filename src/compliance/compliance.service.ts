import { providerFor } from '../../integrations/registry';
import type { SocialAccount } from '../accounts/social-account.entity';
import { newId } from '../db/ids';
import { Finding, FindingEvent } from '../findings/finding.entity';
import { moveFinding, type FindingChange } from '../findings/finding-transitions';
import type { TenantScope } from '../tenancy/tenant-scope';
import { buildAccountFacts, candidateHandles, loadAccountRows, loadDistrictFacts } from './compliance-facts';
import { ComplianceResult } from './compliance-result.entity';
import { ComplianceStatus } from './compliance.enums';
import { evaluateAccount, preparePolicy, type JudgedRule } from './engine';
import { policyProfileById } from './profiles';
import { RULES } from './rules';

const CURRENT_STAFF_RULE = 'admins.current-staff-only';

export interface JudgeSummary {
  accounts: number;
  results: number;
  failing: number;
  opened: number;
  resolved: number;
  reopened: number;
}

/**
 * snapshot → rules → results and findings. Judging is Proctor's own act (whoever asked for the check), so it
 * writes as the system actor of the caller's district; the caller's own scope only decides which accounts it
 * may judge.
 */
export class ComplianceService {
  constructor(private readonly handleHashKey: Buffer) {}

  async judge(callerScope: TenantScope, accounts: Pick<SocialAccount, 'id'>[], now: Date = new Date()): Promise<JudgeSummary> {
    const district = await callerScope.district();
    const scope = callerScope.asSystem('compliance');
    const profile = policyProfileById(district.policyProfileId);
    if (!profile) throw new Error(`district ${district.id} has unknown policy profile ${district.policyProfileId}`);
    const overrides = district.policyOverrides ?? {};
    const policy = preparePolicy({
      rules: RULES,
      profile,
      overrides,
      remediationsOf: (platform) => providerFor(platform)?.capabilities.remediations ?? [],
    });
    const allowPlus = overrides[CURRENT_STAFF_RULE]?.allowPlusAddressing === true || profile.rules[CURRENT_STAFF_RULE]?.parameters.allowPlusAddressing === true;
    const rows = await loadAccountRows(scope, accounts.map((account) => account.id));
    const shared = await loadDistrictFacts(scope, district, this.handleHashKey, allowPlus, candidateHandles(rows));
    const judged = buildAccountFacts(rows, shared, now).map(({ account, facts }) => ({
      account,
      snapshotId: facts.snapshot?.id ?? null,
      results: evaluateAccount(policy, facts),
    }));
    return this.store(scope, judged, policy.entries.map((entry) => entry.rule.id), now);
  }

  private async store(
    scope: TenantScope,
    judged: Array<{ account: SocialAccount; snapshotId: string | null; results: JudgedRule[] }>,
    enabledRuleIds: string[],
    now: Date,
  ): Promise<JudgeSummary> {
    const summary: JudgeSummary = { accounts: judged.length, results: 0, failing: 0, opened: 0, resolved: 0, reopened: 0 };
    if (judged.length === 0) return summary;
    const accountIds = judged.map((entry) => entry.account.id);
    return scope.transaction(async (transaction) => {
      // Two checks of one account at once must not both open its finding: one judges after the other.
      await transaction.lock('judge', accountIds);
      const existing = await transaction.select(Finding, 'finding').andWhere('finding.accountId IN (:...accountIds)', { accountIds }).getMany();
      const findingByKey = new Map(existing.map((finding) => [`${finding.accountId}:${finding.ruleId}`, finding]));
      const rows: Partial<ComplianceResult>[] = [];
      const changes: FindingChange[] = [];
      for (const { account, snapshotId, results } of judged) {
        for (const result of results) {
          rows.push({
            id: newId(),
            accountId: account.id,
            schoolId: account.schoolId,
            ruleId: result.ruleId,
            status: result.status,
            severity: result.severity,
            message: result.message,
            evidence: result.evidence,
            citations: result.citations,
            remediation: result.remediation,
            snapshotId,
            checkedAt: now,
          });
          if (result.status === ComplianceStatus.FAIL) summary.failing += 1;
          const change = moveFinding(findingByKey.get(`${account.id}:${result.ruleId}`), result, {
            districtId: scope.districtId,
            accountId: account.id,
            schoolId: account.schoolId,
            snapshotId,
            now,
          });
          if (change) changes.push(change);
        }
      }
      summary.results = rows.length;
      await transaction.upsert(ComplianceResult, rows, {
        conflict: ['districtId', 'accountId', 'ruleId'],
        update: ['schoolId', 'status', 'severity', 'message', 'evidence', 'citations', 'remediation', 'snapshotId', 'checkedAt'],
      });
      // A rule the profile no longer enables yields no result at all.
      const stale = await transaction
        .select(ComplianceResult, 'result')
        .andWhere('result.accountId IN (:...accountIds)', { accountIds })
        .andWhere(enabledRuleIds.length ? 'result.ruleId NOT IN (:...enabledRuleIds)' : 'TRUE', { enabledRuleIds })
        .getMany();
      await transaction.delete(ComplianceResult, stale.map((result) => result.id));
      if (changes.length > 0) {
        await transaction.upsert(
          Finding,
          changes.map((change) => change.finding),
          {
            conflict: ['districtId', 'accountId', 'ruleId'],
            update: ['schoolId', 'severity', 'state', 'message', 'evidence', 'snapshotId', 'lastSeenAt', 'resolvedAt', 'reopenedCount'],
          },
        );
        const events = changes.flatMap((change) => (change.event ? [change.event] : []));
        if (events.length > 0) await transaction.insert(FindingEvent, events);
        for (const event of events) {
          if (event.type === 'OPENED') summary.opened += 1;
          if (event.type === 'RESOLVED') summary.resolved += 1;
          if (event.type === 'REOPENED') summary.reopened += 1;
        }
      }
      transaction.audit({
        action: 'compliance.evaluate',
        targetType: judged.length === 1 ? 'SocialAccount' : 'District',
        targetId: judged.length === 1 ? judged[0].account.id : scope.districtId,
        schoolId: judged.length === 1 ? judged[0].account.schoolId : null,
        after: { ...summary },
      });
      return summary;
    });
  }
}

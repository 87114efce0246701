import { providerFor } from '../../integrations/registry';
import { SocialAccount } from '../accounts/social-account.entity';
import { newId } from '../db/ids';
import { Finding, FindingEvent, FindingState } from '../findings/finding.entity';
import { closeFinding, moveFinding, type FindingChange } from '../findings/finding-transitions';
import type { TenantScope } from '../tenancy/tenant-scope';
import { buildAccountFacts, candidateHandles, loadAccountRows, loadDistrictFacts } from './compliance-facts';
import { ComplianceResult } from './compliance-result.entity';
import { ComplianceStatus } from './compliance.enums';
import { evaluateAccount, preparePolicy, type JudgedRule } from './engine';
import { policyProfileById } from './profiles';
import { RULES, ruleById } from './rules';
import { resolveParameters } from './parameters';

const CURRENT_STAFF_RULE = 'admins.current-staff-only';

/**
 * A manual task (or a fix that failed for good) is done once its rule passes: a person did the steps. One
 * statement for the whole judgement, whatever the number of accounts.
 */
async function resolveDoneTasks(scope: TenantScope, rows: Partial<ComplianceResult>[], now: Date): Promise<void> {
  // EXEMPT is muted, not done: its task stays open.
  const passing = rows.filter((row) => row.status === ComplianceStatus.PASS);
  if (passing.length === 0) return;
  await scope.sql(
    `UPDATE remediation_action SET resolved_at = $2, updated_at = now()
      WHERE district_id = $1 AND resolved_at IS NULL AND next_attempt_at IS NULL AND status IN ('MANUAL', 'FAILED')
        AND (account_id, rule_id) IN (SELECT * FROM unnest($3::uuid[], $4::text[]))`,
    [scope.districtId, now, passing.map((row) => row.accountId), passing.map((row) => row.ruleId)],
  );
}

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
    const requested = [...new Set(accounts.map((account) => account.id))];
    if (requested.length === 0) return { accounts: 0, results: 0, failing: 0, opened: 0, resolved: 0, reopened: 0 };
    // Only accounts the caller may see (a principal: its school) are judged.
    const visible = await callerScope.select(SocialAccount, 'account').select('account.id').andWhere('account.id IN (:...requested)', { requested }).getMany();
    const accountIds = visible.map((account) => account.id);
    const district = await callerScope.district();
    const profile = policyProfileById(district.policyProfileId);
    if (!profile) throw new Error(`district ${district.id} has unknown policy profile ${district.policyProfileId}`);
    const overrides = district.policyOverrides ?? {};
    const policy = preparePolicy({
      rules: RULES,
      profile,
      overrides,
      remediationsOf: (platform) => providerFor(platform)?.capabilities.remediations ?? [],
      unavailableOf: (platform) => providerFor(platform)?.capabilities.unavailable ?? [],
    });
    const staffRule = ruleById(CURRENT_STAFF_RULE);
    const allowPlus = staffRule ? resolveParameters(staffRule, profile.rules[CURRENT_STAFF_RULE]?.parameters, overrides[CURRENT_STAFF_RULE]).allowPlusAddressing === true : false;
    const enabledRuleIds = policy.entries.map((entry) => entry.rule.id);
    return callerScope.asSystem('compliance').transaction(async (transaction) => {
      // One judgement of an account at a time, on facts read after the lock: a slower, older check can
      // neither open the same finding twice nor overwrite a newer judgement with older evidence.
      await transaction.lock('judge', accountIds);
      const rows = await loadAccountRows(transaction, accountIds);
      const shared = await loadDistrictFacts(transaction, district, this.handleHashKey, allowPlus, candidateHandles(rows));
      const judged = buildAccountFacts(rows, shared, now).map(({ account, facts }) => ({
        account,
        snapshotId: facts.snapshot?.id ?? null,
        results: evaluateAccount(policy, facts),
      }));
      return this.store(transaction, judged, enabledRuleIds, now);
    });
  }

  private async store(
    scope: TenantScope,
    judged: Array<{ account: SocialAccount; snapshotId: string | null; results: JudgedRule[] }>,
    enabledRuleIds: string[],
    now: Date,
  ): Promise<JudgeSummary> {
    const summary: JudgeSummary = { accounts: judged.length, results: 0, failing: 0, opened: 0, resolved: 0, reopened: 0 };
    const accountIds = judged.map((entry) => entry.account.id);
    const transaction = scope;
    {
      if (judged.length === 0) {
        transaction.audit({ action: 'compliance.evaluate', targetType: 'District', targetId: scope.districtId, after: { ...summary } });
        return summary;
      }
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
      // A rule the profile no longer enables cannot keep a finding open.
      for (const finding of existing) {
        if (finding.state === FindingState.OPEN && !enabledRuleIds.includes(finding.ruleId)) {
          changes.push(closeFinding(finding, 'The policy profile no longer enables this rule.', now));
        }
      }
      summary.results = rows.length;
      await resolveDoneTasks(transaction, rows, now);
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
    }
  }
}

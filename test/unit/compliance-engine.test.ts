import { Platform } from '../../src/accounts/account.enums';
import { ComplianceStatus } from '../../src/compliance/compliance.enums';
import { effectiveStatus, evaluateAccount, preparePolicy } from '../../src/compliance/engine';
import { parameterProblems, resolveParameters } from '../../src/compliance/parameters';
import { POLICY_PROFILES, policyProfileById } from '../../src/compliance/profiles';
import type { RuleDefinition } from '../../src/compliance/rule';
import { RULES } from '../../src/compliance/rules';
import { RemediationKind } from '../../integrations/provider';
import { providerFor } from '../../integrations/registry';
import type { PolicyProfile } from '../../src/compliance/policy-profile';
import { ruleInput } from '../support/rule-fixtures';

function allRulesProfile(): PolicyProfile {
  return { ...profile, rules: Object.fromEntries(RULES.map((rule) => [rule.id, { enabled: true, parameters: {}, citations: [] }])) };
}

const profile = policyProfileById('ap1311-social-media-for-learning')!;
const everything = (kinds: RemediationKind[] = Object.values(RemediationKind)) => () => kinds;

function facts(overrides: Parameters<typeof ruleInput>[1] = {}, fetchError: { code: string; at: Date | null } | null = null) {
  const { parameters: _parameters, ...input } = ruleInput(RULES[0], overrides);
  return { ...input, fetchError };
}

describe('compliance engine', () => {
  it('has the 16 rules of rules.md, each with unique id and valid parameter defaults', () => {
    expect(RULES).toHaveLength(16);
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(16);
    for (const rule of RULES) {
      const defaults = Object.fromEntries(rule.parameters.map((spec) => [spec.name, spec.default]));
      expect(parameterProblems(rule, defaults)).toEqual([]);
    }
  });

  it('every profile names every rule, with parameters the rules accept', () => {
    for (const candidate of POLICY_PROFILES) {
      expect(Object.keys(candidate.rules).sort()).toEqual(RULES.map((rule) => rule.id).sort());
      for (const rule of RULES) expect([candidate.id, rule.id, parameterProblems(rule, candidate.rules[rule.id].parameters)]).toEqual([candidate.id, rule.id, []]);
    }
  });

  it('judges only the rules the profile enables, with its citations', () => {
    const policy = preparePolicy({ rules: RULES, profile, overrides: {}, remediationsOf: everything() });
    const results = evaluateAccount(policy, facts());
    const enabled = RULES.filter((rule) => profile.rules[rule.id].enabled).map((rule) => rule.id);
    expect(results.map((result) => result.ruleId).sort()).toEqual(enabled.sort());
    for (const result of results) {
      expect(result.citations.length).toBeGreaterThan(0);
      expect(result.citations.every((citation) => citation.profileId === profile.id)).toBe(true);
    }
  });

  it('answers ERROR, never PASS, for evidence rules when the platform could not be read', () => {
    const all = allRulesProfile();
    const policy = preparePolicy({
      rules: RULES,
      profile: all,
      overrides: {},
      remediationsOf: everything(),
      unavailableOf: (platform) => providerFor(platform)?.capabilities.unavailable ?? [],
    });
    for (const platform of [Platform.FACEBOOK, Platform.X]) {
      const base = facts();
      const results = evaluateAccount(policy, { ...facts({ snapshot: null }, { code: 'TOKEN_REVOKED', at: new Date() }), account: { ...base.account, platform } });
      expect(results).toHaveLength(16);
      for (const result of results) {
        const rule = RULES.find((candidate) => candidate.id === result.ruleId)!;
        // Roster rules read the platform's roster where it has one (Facebook): a failed read is ERROR there; X has none.
        const needsPlatform = rule.evidence === 'snapshot' || (platform === Platform.FACEBOOK && (rule.snapshotFields ?? []).length > 0);
        if (needsPlatform) {
          expect([platform, result.ruleId, result.status, result.evidence.fetchError]).toEqual([platform, result.ruleId, ComplianceStatus.ERROR, 'TOKEN_REVOKED']);
        } else {
          expect([platform, result.ruleId, result.status]).not.toEqual([platform, result.ruleId, ComplianceStatus.ERROR]);
        }
      }
    }
  });

  it('turns a rule that throws into ERROR, and offers automatic remediation only where the platform can apply it', () => {
    const exploding: RuleDefinition = {
      ...RULES[0],
      id: 'account.approved',
      evaluate: () => {
        throw new TypeError('boom');
      },
    };
    const noWrites = preparePolicy({ rules: [exploding, ...RULES.slice(1)], profile, overrides: {}, remediationsOf: everything([]) });
    const results = evaluateAccount(noWrites, facts());
    expect(results.find((result) => result.ruleId === 'account.approved')).toMatchObject({ status: ComplianceStatus.ERROR, evidence: { ruleError: 'TypeError' } });
    expect(results.every((result) => result.remediation.action === null)).toBe(true);
    const withWrites = evaluateAccount(preparePolicy({ rules: RULES, profile, overrides: {}, remediationsOf: everything() }), facts({ account: { ...facts().account, platform: Platform.FACEBOOK } }));
    expect(withWrites.find((result) => result.ruleId === 'profile.website-link')?.remediation.action).toBe(RemediationKind.UPDATE_WEBSITE);
  });

  it('applies district overrides over profile values over defaults, ignoring invalid stored values', () => {
    const rule = RULES.find((candidate) => candidate.id === 'account.active-use')!;
    expect(resolveParameters(rule, {}, {}).maxDaysSinceLastPost).toBe(180);
    expect(resolveParameters(rule, { maxDaysSinceLastPost: 90 }, {}).maxDaysSinceLastPost).toBe(90);
    expect(resolveParameters(rule, { maxDaysSinceLastPost: 90 }, { maxDaysSinceLastPost: 30 }).maxDaysSinceLastPost).toBe(30);
    expect(resolveParameters(rule, { maxDaysSinceLastPost: 90 }, { maxDaysSinceLastPost: 'soon' }).maxDaysSinceLastPost).toBe(90);
  });

  it('computes the status a person sees from exceptions and attestations', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const later = new Date('2026-12-01T00:00:00Z');
    const earlier = new Date('2026-11-01T00:00:00Z');
    expect(effectiveStatus(ComplianceStatus.FAIL, { kind: 'exception', expiresAt: later }, null, now)).toBe(ComplianceStatus.EXEMPT);
    expect(effectiveStatus(ComplianceStatus.FAIL, { kind: 'exception', expiresAt: earlier }, null, now)).toBe(ComplianceStatus.FAIL);
    expect(effectiveStatus(ComplianceStatus.PASS, { kind: 'exception', expiresAt: later }, null, now)).toBe(ComplianceStatus.PASS);
    expect(effectiveStatus(ComplianceStatus.MANUAL, null, { kind: 'attestation', expiresAt: later, compliant: true }, now)).toBe(ComplianceStatus.PASS);
    expect(effectiveStatus(ComplianceStatus.MANUAL, null, { kind: 'attestation', expiresAt: later, compliant: false }, now)).toBe(ComplianceStatus.FAIL);
    expect(effectiveStatus(ComplianceStatus.MANUAL, { kind: 'exception', expiresAt: later }, { kind: 'attestation', expiresAt: later, compliant: false }, now)).toBe(ComplianceStatus.EXEMPT);
    expect(effectiveStatus(ComplianceStatus.MANUAL, null, { kind: 'attestation', expiresAt: earlier, compliant: true }, now)).toBe(ComplianceStatus.MANUAL);
    expect(effectiveStatus(ComplianceStatus.ERROR, { kind: 'exception', expiresAt: later }, { kind: 'attestation', expiresAt: later }, now)).toBe(ComplianceStatus.ERROR);
  });
});

import type { RemediationKind } from '../../integrations/provider';
import type { Platform } from '../accounts/account.enums';
import { ComplianceStatus, SeverityLevel } from './compliance.enums';
import { resolveParameters } from './parameters';
import type { PolicyCitation, PolicyProfile } from './policy-profile';
import type { SnapshotField } from '../../integrations/snapshot';
import type { RuleDefinition, RuleInput } from './rule';

/** One rule's raw judgement of one account, ready to store. */
export interface JudgedRule {
  ruleId: string;
  status: ComplianceStatus;
  severity: SeverityLevel;
  message: string;
  evidence: Record<string, unknown>;
  /** The active profile's citations, each naming the profile, as shown with the result. */
  citations: StoredCitation[];
  remediation: { action: RemediationKind | null; steps: string[] };
}

export type StoredCitation = PolicyCitation & { profileId: string };

export interface EvaluationPolicy {
  rules: readonly RuleDefinition[];
  profile: PolicyProfile;
  /** The district's parameter overrides, by rule id. */
  overrides: Record<string, Record<string, unknown>>;
  /** What the platform's API can fix (from the provider registry). */
  remediationsOf(platform: Platform): readonly RemediationKind[];
  /** What the platform's API cannot show (from the provider registry). */
  unavailableOf?(platform: Platform): readonly SnapshotField[];
}

export interface AccountEvaluation extends Omit<RuleInput, 'parameters'> {
  /** Why the latest read failed (or NOT_CONNECTED), when it did: snapshot rules then answer ERROR. */
  fetchError: { code: string; at: Date | null } | null;
}

/** Resolved per rule once per district, not per account. */
export interface PreparedPolicy {
  entries: Array<{ rule: RuleDefinition; parameters: RuleInput['parameters']; citations: StoredCitation[] }>;
  remediationsOf(platform: Platform): readonly RemediationKind[];
  unavailableOf(platform: Platform): readonly SnapshotField[];
}

export function preparePolicy(policy: EvaluationPolicy): PreparedPolicy {
  const entries = policy.rules
    .filter((rule) => policy.profile.rules[rule.id]?.enabled)
    .map((rule) => {
      const profileRule = policy.profile.rules[rule.id];
      return {
        rule,
        parameters: resolveParameters(rule, profileRule.parameters, policy.overrides[rule.id]),
        citations: profileRule.citations.map((citation) => ({ ...citation, profileId: policy.profile.id })),
      };
    });
  return { entries, remediationsOf: policy.remediationsOf, unavailableOf: policy.unavailableOf ?? (() => []) };
}

/**
 * Judges one account against every rule its district's profile enables (a rule switched off yields no
 * result). Pure: same facts, same results. A rule that needs the platform's evidence answers ERROR when the
 * latest read failed, never PASS; a rule that throws answers ERROR too.
 */
export function evaluateAccount(policy: PreparedPolicy, facts: AccountEvaluation): JudgedRule[] {
  const remediations = policy.remediationsOf(facts.account.platform);
  const snapshotEvidence = facts.snapshot ? { snapshotId: facts.snapshot.id, fetchedAt: facts.snapshot.fetchedAt.toISOString() } : {};
  return policy.entries.map(({ rule, parameters, citations }) => {
    const automatic = rule.remediation.automatic && remediations.includes(rule.remediation.automatic) ? rule.remediation.automatic : null;
    const base = {
      ruleId: rule.id,
      severity: rule.severity as SeverityLevel,
      citations,
      remediation: { action: automatic, steps: rule.remediation.steps },
    };
    const platformCouldShow = (rule.snapshotFields ?? []).some((field) => !policy.unavailableOf(facts.account.platform).includes(field));
    if (!facts.snapshot && (rule.evidence === 'snapshot' || platformCouldShow)) {
      const code = facts.fetchError?.code ?? 'NOT_CONNECTED';
      return {
        ...base,
        status: ComplianceStatus.ERROR,
        message: code === 'NOT_CONNECTED' ? 'Proctor is not connected to this account, so this cannot be checked.' : 'The platform could not be read, so this cannot be checked.',
        evidence: { fetchError: code, fetchErrorAt: facts.fetchError?.at?.toISOString() ?? null },
      };
    }
    try {
      const outcome = rule.evaluate({ ...facts, parameters });
      return { ...base, status: outcome.status as ComplianceStatus, message: outcome.message, evidence: { ...outcome.evidence, ...snapshotEvidence } };
    } catch (error) {
      return {
        ...base,
        status: ComplianceStatus.ERROR,
        message: 'This rule could not be evaluated.',
        evidence: { ruleError: error instanceof Error ? error.name : 'unknown', ...snapshotEvidence },
      };
    }
  });
}

export interface Override {
  kind: 'exception' | 'attestation';
  expiresAt: Date;
  compliant?: boolean;
}

/**
 * The status a person sees: an unexpired exception turns FAIL into EXEMPT; an unexpired attestation decides
 * a MANUAL rule (PASS or FAIL). Applied when read, so expiry needs no re-check.
 */
export function effectiveStatus(raw: ComplianceStatus, exception: Override | null, attestation: Override | null, now: Date): ComplianceStatus {
  let status = raw;
  if (status === ComplianceStatus.MANUAL && attestation && attestation.expiresAt > now) {
    status = attestation.compliant === false ? ComplianceStatus.FAIL : ComplianceStatus.PASS;
  }
  if (status === ComplianceStatus.FAIL && exception && exception.expiresAt > now) status = ComplianceStatus.EXEMPT;
  return status;
}

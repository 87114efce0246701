import type { District } from '../districts/district.entity';
import { BadUserInputError } from '../errors/app-errors';
import type { TenantScope } from '../tenancy/tenant-scope';
import { CitationView } from './compliance.types';
import { parameterProblems, resolveParameters } from './parameters';
import type { PolicyProfile } from './policy-profile';
import { POLICY_PROFILES, policyProfileById } from './profiles';
import type { PolicyParametersInput } from './policy.types';
import { PolicyProfileView, ProfileRuleView, RuleParameterView, RuleRemediationView, RuleView } from './policy.types';
import type { RuleDefinition } from './rule';
import { RULES } from './rules';

const citations = (profile: PolicyProfile, ruleId: string) =>
  (profile.rules[ruleId]?.citations ?? []).map((citation) => Object.assign(new CitationView(), { ...citation, profileId: profile.id }));

/** The catalogue as a district sees it (its profile and overrides), the shipped profiles, and parameter overrides. */
export class PolicyService {
  async rules(scope: TenantScope): Promise<RuleView[]> {
    const district = await scope.district();
    const profile = policyProfileById(district.policyProfileId);
    return RULES.map((rule) => this.view(rule, profile, district.policyOverrides ?? {}));
  }

  profiles(): PolicyProfileView[] {
    return POLICY_PROFILES.map((profile) =>
      Object.assign(new PolicyProfileView(), {
        id: profile.id,
        name: profile.name,
        document: profile.document,
        summary: profile.summary,
        rules: RULES.map((rule) =>
          Object.assign(new ProfileRuleView(), {
            ruleId: rule.id,
            enabled: profile.rules[rule.id]?.enabled ?? false,
            parameters: profile.rules[rule.id]?.parameters ?? {},
            citations: citations(profile, rule.id),
          }),
        ),
      }),
    );
  }

  /** Validates and stores the district's override of one rule's parameters (null values remove an override). */
  async updateParameters(scope: TenantScope, input: PolicyParametersInput): Promise<RuleView> {
    const rule = RULES.find((candidate) => candidate.id === input.ruleId);
    if (!rule) throw BadUserInputError.field('input.ruleId', 'rule', 'not a rule of the catalogue');
    const setting = Object.fromEntries(Object.entries(input.parameters).filter(([, value]) => value !== null));
    const problems = parameterProblems(rule, setting);
    const unknownRemovals = Object.keys(input.parameters).filter((name) => input.parameters[name] === null && !rule.parameters.some((spec) => spec.name === name));
    const fields = [
      ...problems.map((problem) => ({ path: `input.parameters.${problem.name}`, constraint: 'parameter', message: `${problem.name} ${problem.problem}` })),
      ...unknownRemovals.map((name) => ({ path: `input.parameters.${name}`, constraint: 'parameter', message: `${name} is not a parameter of ${rule.id}` })),
    ];
    if (fields.length > 0) throw new BadUserInputError(fields, 'Some parameters are not valid for this rule.');
    return scope.transaction(async (transaction) => {
      const district = await transaction.district();
      const before = district.policyOverrides?.[rule.id] ?? {};
      const after: Record<string, unknown> = { ...before };
      for (const [name, value] of Object.entries(input.parameters)) {
        if (value === null) delete after[name];
        else after[name] = value;
      }
      const overrides = { ...(district.policyOverrides ?? {}) } as District['policyOverrides'];
      if (Object.keys(after).length > 0) overrides[rule.id] = after as District['policyOverrides'][string];
      else delete overrides[rule.id];
      await transaction.updateDistrict({ policyOverrides: overrides });
      transaction.audit({ action: 'policy.parameters', targetType: 'District', targetId: district.id, before: { [rule.id]: before }, after: { [rule.id]: after } });
      return this.view(rule, policyProfileById(district.policyProfileId), overrides);
    });
  }

  private view(rule: RuleDefinition, profile: PolicyProfile | undefined, overrides: Record<string, Record<string, unknown>>): RuleView {
    const values = resolveParameters(rule, profile?.rules[rule.id]?.parameters, overrides[rule.id]);
    return Object.assign(new RuleView(), {
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      rationale: rule.rationale,
      evidence: rule.evidence,
      enabled: profile?.rules[rule.id]?.enabled ?? false,
      parameters: rule.parameters.map((spec) =>
        Object.assign(new RuleParameterView(), {
          name: spec.name,
          type: spec.type,
          description: spec.description,
          default: spec.default,
          value: values[spec.name],
          allowed: spec.allowed ? [...spec.allowed] : null,
        }),
      ),
      citations: profile ? citations(profile, rule.id) : [],
      remediation: Object.assign(new RuleRemediationView(), { action: rule.remediation.automatic, steps: rule.remediation.steps }),
    });
  }
}

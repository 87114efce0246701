import type { ParameterSpec, ParameterValue, RuleDefinition } from './rule';

/** Why an override was refused, by parameter name. */
export interface ParameterProblem {
  name: string;
  problem: string;
}

function checkValue(spec: ParameterSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer';
      if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (spec.allowed && !spec.allowed.includes(value)) return `must be one of ${spec.allowed.join(', ')}`;
      return null;
    case 'string[]': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return 'must be a list of strings';
      if (value.length > 500) return 'must have at most 500 entries';
      if (value.some((item: string) => item.length === 0 || item.length > 500)) return 'entries must be 1-500 characters';
      const bad = spec.allowed ? value.filter((item: string) => !spec.allowed!.includes(item)) : [];
      return bad.length > 0 ? `unknown values ${bad.join(', ')} (allowed: ${spec.allowed!.join(', ')})` : null;
    }
  }
}

/** Problems with a set of values for a rule: unknown names and wrong types or ranges. */
export function parameterProblems(rule: RuleDefinition, values: Record<string, unknown>): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  for (const [name, value] of Object.entries(values)) {
    const spec = rule.parameters.find((candidate) => candidate.name === name);
    if (!spec) {
      problems.push({ name, problem: `is not a parameter of ${rule.id}` });
      continue;
    }
    const problem = checkValue(spec, value);
    if (problem) problems.push({ name, problem });
  }
  return problems;
}

/** Rule defaults, then the profile's values, then the district's overrides (invalid stored values are skipped, never trusted). */
export function resolveParameters(
  rule: RuleDefinition,
  profileValues: Record<string, ParameterValue> = {},
  overrides: Record<string, unknown> = {},
): Record<string, ParameterValue> {
  const resolved: Record<string, ParameterValue> = {};
  for (const spec of rule.parameters) {
    resolved[spec.name] = spec.default;
    for (const source of [profileValues, overrides]) {
      if (spec.name in source && checkValue(spec, source[spec.name]) === null) resolved[spec.name] = source[spec.name] as ParameterValue;
    }
  }
  return resolved;
}

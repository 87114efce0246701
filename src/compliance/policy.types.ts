import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { SeverityLevel } from './compliance.enums';
import { CitationView } from './compliance.types';

@ObjectType('RuleParameter')
export class RuleParameterView {
  @Field()
  name: string;

  @Field({ description: 'integer, boolean, string or string[].' })
  type: string;

  @Field()
  description: string;

  @Field(() => GraphQLJSON)
  default: unknown;

  @Field(() => GraphQLJSON, { description: "The value in force for the caller's district (profile, then the district's override)." })
  value: unknown;

  @Field(() => [String], { nullable: true })
  allowed: string[] | null;
}

@ObjectType('RuleRemediation')
export class RuleRemediationView {
  @Field(() => String, { nullable: true, description: 'The platform action that fixes it, where a platform allows it.' })
  action: string | null;

  @Field(() => [String])
  steps: string[];
}

@ObjectType('Rule', { description: 'A rule of the catalogue, as the caller district\'s active profile configures it.' })
export class RuleView {
  @Field()
  id: string;

  @Field()
  title: string;

  @Field(() => SeverityLevel)
  severity: SeverityLevel;

  @Field()
  rationale: string;

  @Field({ description: 'registry or snapshot: what the rule judges from.' })
  evidence: string;

  @Field({ description: "Whether the district's active profile enables it." })
  enabled: boolean;

  @Field(() => [RuleParameterView])
  parameters: RuleParameterView[];

  @Field(() => [CitationView], { description: "The active profile's citations." })
  citations: CitationView[];

  @Field(() => RuleRemediationView)
  remediation: RuleRemediationView;
}

@ObjectType('ProfileRule')
export class ProfileRuleView {
  @Field()
  ruleId: string;

  @Field()
  enabled: boolean;

  @Field(() => GraphQLJSONObject, { description: 'Values that differ from the rule defaults.' })
  parameters: Record<string, unknown>;

  @Field(() => [CitationView])
  citations: CitationView[];
}

@ObjectType('PolicyProfile')
export class PolicyProfileView {
  @Field()
  id: string;

  @Field()
  name: string;

  @Field()
  document: string;

  @Field()
  summary: string;

  @Field(() => [ProfileRuleView])
  rules: ProfileRuleView[];
}

@InputType()
export class PolicyParametersInput {
  @Field()
  @MaxLength(64)
  ruleId: string;

  @Field(() => GraphQLJSONObject, { description: 'Parameter values by name; null removes the override (back to the profile value).' })
  parameters: Record<string, unknown>;
}

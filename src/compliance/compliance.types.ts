import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { School } from '../schools/school.entity';
import { Attestation, RuleException } from '../findings/rule-exception.entity';
import { ComplianceStatus, SeverityLevel } from './compliance.enums';

@ObjectType('Citation', { description: "A clause of the district's procedure (its active profile) that requires this." })
export class CitationView {
  @Field({ description: '`§1.2.4`, or a heading name.' })
  clause: string;

  @Field()
  text: string;

  @Field({ description: 'The profile (procedure) the clause belongs to.' })
  profileId: string;
}

@ObjectType('Remediation')
export class RemediationView {
  @Field({ description: "True when Proctor can apply the fix through the platform's API (remediate mutation)." })
  automatic: boolean;

  @Field(() => String, { nullable: true, description: 'The platform action remediate would apply.' })
  action: string | null;

  @Field(() => [String], { description: 'What a person does otherwise.' })
  steps: string[];
}

@ObjectType('ComplianceResult', { description: "One rule's judgement of one account." })
export class ComplianceResultView {
  @Field()
  ruleId: string;

  @Field()
  title: string;

  @Field(() => ComplianceStatus, { description: 'After exceptions and attestations.' })
  status: ComplianceStatus;

  @Field(() => ComplianceStatus, { description: 'What the rule itself concluded.' })
  rawStatus: ComplianceStatus;

  @Field(() => SeverityLevel)
  severity: SeverityLevel;

  @Field()
  message: string;

  @Field(() => GraphQLJSONObject, { description: 'The values the verdict rests on, with the snapshot id and fetch time.' })
  evidence: Record<string, unknown>;

  @Field(() => [CitationView])
  citations: CitationView[];

  @Field(() => RemediationView)
  remediation: RemediationView;

  @Field()
  checkedAt: Date;

  @Field(() => ID, { nullable: true })
  snapshotId: string | null;

  @Field(() => RuleException, { nullable: true, description: 'The unexpired exception muting it, if any.' })
  exception: RuleException | null;

  @Field(() => Attestation, { nullable: true, description: 'The unexpired attestation deciding it, if any.' })
  attestation: Attestation | null;
}

@ObjectType('AccountCompliance')
export class AccountComplianceView {
  @Field(() => ComplianceStatus, { description: 'The worst result: FAIL, ERROR, MANUAL, EXEMPT, PASS, NOT_APPLICABLE in that order.' })
  status: ComplianceStatus;

  @Field(() => Date, { nullable: true, description: 'Null until the account has been judged.' })
  checkedAt: Date | null;

  @Field(() => [ComplianceResultView])
  results: ComplianceResultView[];
}

@ObjectType()
export class StatusCount {
  @Field(() => ComplianceStatus)
  status: ComplianceStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class RuleStatusCounts {
  @Field()
  ruleId: string;

  @Field(() => [StatusCount])
  counts: StatusCount[];
}

@ObjectType()
export class SchoolStatusCounts {
  @Field(() => ID, { nullable: true, description: 'Null for district-wide accounts.' })
  schoolId: string | null;

  @Field(() => School, { nullable: true })
  school: School | null;

  @Field(() => [StatusCount])
  counts: StatusCount[];
}

@ObjectType('ComplianceSummary')
export class ComplianceSummaryView {
  @Field(() => Int, { description: 'Judged accounts.' })
  accounts: number;

  @Field(() => Int, { description: 'Accounts with no FAIL and no ERROR result.' })
  compliantAccounts: number;

  @Field(() => Float, { description: '(PASS + EXEMPT) / (results that apply); 1 when nothing applies.' })
  complianceRate: number;

  @Field(() => [StatusCount])
  byStatus: StatusCount[];

  @Field(() => [RuleStatusCounts])
  byRule: RuleStatusCounts[];

  @Field(() => [SchoolStatusCounts])
  bySchool: SchoolStatusCounts[];
}

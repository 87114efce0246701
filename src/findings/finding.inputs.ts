import { IsEnum, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ComplianceStatus, SeverityLevel } from '../compliance/compliance.enums';
import { IsNotBlank } from '../validation/validators';
import { FindingState } from './finding.entity';

@InputType()
export class FindingFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'schoolId must be an id' })
  schoolId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an id' })
  accountId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(64)
  ruleId?: string;

  @Field(() => SeverityLevel, { nullable: true })
  @IsOptional()
  @IsEnum(SeverityLevel, { message: 'severity must be critical, high, medium or low' })
  severity?: SeverityLevel;

  @Field(() => FindingState, { nullable: true, description: 'OPEN or RESOLVED.' })
  @IsOptional()
  @IsEnum(FindingState, { message: 'state must be OPEN or RESOLVED' })
  state?: FindingState;

  @Field(() => ComplianceStatus, { nullable: true, description: 'FAIL (open, not muted) or EXEMPT (open, muted by an unexpired exception).' })
  @IsOptional()
  @IsEnum(ComplianceStatus, { message: 'status must be a ComplianceStatus' })
  status?: ComplianceStatus;
}

@InputType()
export class GrantExceptionInput {
  @Field(() => ID)
  accountId: string;

  @Field()
  @MaxLength(64)
  ruleId: string;

  @Field({ description: 'Why the FAIL is acceptable for now (10-2000 characters).' })
  @IsNotBlank()
  @Length(10, 2000, { message: 'reason must be 10-2000 characters' })
  reason: string;

  @Field({ description: 'When the FAIL comes back by itself (in the future, within a year).' })
  expiresAt: Date;
}

@InputType()
export class AttestInput {
  @Field(() => ID)
  accountId: string;

  @Field()
  @MaxLength(64)
  ruleId: string;

  @Field({ description: 'What the person checked and states (10-4000 characters).' })
  @IsNotBlank()
  @Length(10, 4000, { message: 'statement must be 10-4000 characters' })
  statement: string;

  @Field({ description: 'When the statement stops deciding the rule (in the future, within a year).' })
  expiresAt: Date;

  @Field({ nullable: true, defaultValue: true, description: 'True: the account complies (PASS); false: it does not (FAIL).' })
  @IsOptional()
  compliant?: boolean;
}

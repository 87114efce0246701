import { IsBoolean, IsEnum, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { RemediationOrigin, RemediationStatus } from './remediation.enums';

@InputType({ description: 'Fix one failing rule on one account.' })
export class RemediateInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId: string;

  @Field({ description: 'A rule id of the catalogue, e.g. profile.website-link.' })
  @Matches(/^[a-z]+(?:[.-][a-z]+)+$/, { message: 'ruleId must be a rule id such as profile.website-link' })
  @Length(3, 64)
  ruleId: string;

  @Field({ description: 'The client’s key for this request: the same key again answers the same action and changes nothing.' })
  @Length(1, 200)
  @Matches(/^[\x21-\x7e]+$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey: string;

  @Field({ defaultValue: false, description: 'Answer what would be done, changing nothing.' })
  @IsOptional()
  @IsBoolean()
  dryRun: boolean;
}

@InputType({ description: 'Narrows remediations; every given field must match.' })
export class RemediationFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'offboardingId must be an offboarding id' })
  offboardingId?: string;

  @Field(() => RemediationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(RemediationStatus)
  status?: RemediationStatus;

  @Field(() => RemediationOrigin, { nullable: true })
  @IsOptional()
  @IsEnum(RemediationOrigin)
  origin?: RemediationOrigin;

  @Field({ nullable: true, description: 'True: only what still waits for a worker or a person (the to-do list); false: only what is done.' })
  @IsOptional()
  @IsBoolean()
  open?: boolean;
}

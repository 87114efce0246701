import {
  ArrayMaxSize,
  IsEmail,
  IsEnum,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsNotBlank } from '../validation/validators';
import { AccountKind, AccountScope, AccountStatus, Audience, Platform } from './account.enums';

export const MAX_ADMINS = 50;

@InputType({ description: 'One person (or the IT service account) with access; give at least one identity.' })
export class AccountAdminInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:\/-]{0,63}$/, { message: 'employeeId must be 1-64 letters, digits or . _ : / -' })
  employeeId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 255)
  @IsNotBlank()
  platformUserId?: string;

  @Field({ defaultValue: 'ADMIN', description: 'ADMIN, EDITOR, MODERATOR, ... as the platform names it.' })
  @Matches(/^[A-Z][A-Z_]{0,63}$/, { message: 'platformRole must be upper case letters and underscores' })
  platformRole: string;

  @Field({ defaultValue: false })
  isServiceAccount: boolean;
}

@InputType()
export class RegisterAccountInput {
  @Field(() => Platform)
  @IsEnum(Platform)
  platform: Platform;

  @Field({ description: "Handle or username, with or without '@'." })
  @Length(1, 255)
  @IsNotBlank()
  handle: string;

  @Field({ nullable: true, description: "The platform's id for the account, when known." })
  @IsOptional()
  @Length(1, 255)
  externalId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 255)
  displayName?: string;

  @Field(() => AccountScope)
  @IsEnum(AccountScope)
  scope: AccountScope;

  @Field(() => ID, { nullable: true, description: 'Required for SCHOOL, CLASSROOM and CLUB; not allowed for DISTRICT.' })
  @IsOptional()
  @IsUUID('all', { message: 'schoolId must be a school id' })
  schoolId?: string;

  @Field(() => Audience)
  @IsEnum(Audience)
  audience: Audience;

  @Field({ nullable: true, description: 'The educational need for a PUBLIC account (required when PUBLIC).' })
  @IsOptional()
  @Length(10, 2000, { message: 'publicJustification must be 10 to 2000 characters' })
  publicJustification?: string;

  @Field({ description: 'The staff member responsible for the account.' })
  @IsEmail({}, { message: 'custodianEmail must be an email address' })
  @MaxLength(320)
  custodianEmail: string;

  @Field({ nullable: true, description: 'The email the account logs in with or is registered to.' })
  @IsOptional()
  @IsEmail({}, { message: 'loginEmail must be an email address' })
  @MaxLength(320)
  loginEmail?: string;

  @Field(() => AccountKind)
  @IsEnum(AccountKind)
  kind: AccountKind;

  @Field(() => [AccountAdminInput], { defaultValue: [], description: 'Everyone who can access or administer it.' })
  @ArrayMaxSize(MAX_ADMINS)
  @ValidateNested()
  admins: AccountAdminInput[];
}

@InputType()
export class AccountFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'schoolId must be a school id' })
  schoolId?: string;

  @Field(() => Platform, { nullable: true })
  @IsOptional()
  @IsEnum(Platform)
  platform?: Platform;

  @Field(() => AccountStatus, { nullable: true })
  @IsOptional()
  @IsEnum(AccountStatus)
  status?: AccountStatus;

  @Field(() => AccountScope, { nullable: true })
  @IsOptional()
  @IsEnum(AccountScope)
  scope?: AccountScope;
}

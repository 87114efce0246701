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
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Platform } from '../accounts/account.enums';
import { IsNotBlank } from '../validation/validators';
import { EnrolmentStatus, StaffRole, StaffStatus } from './people.enums';
import { Staff } from './staff.entity';

export const MAX_FEED_ROWS = 5000;
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:\/-]{0,63}$/;
const IDENTIFIER_MESSAGE = '$property must be 1-64 letters, digits or . _ : / -';

@InputType({ description: 'One employee as the HR system knows them; upserts match on employeeId.' })
export class StaffInput {
  @Field()
  @Matches(IDENTIFIER, { message: IDENTIFIER_MESSAGE })
  employeeId: string;

  @Field()
  @Length(1, 200)
  @IsNotBlank()
  name: string;

  @Field()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @Field(() => ID, { nullable: true, description: 'Null for district office staff.' })
  @IsOptional()
  @IsUUID('all', { message: 'schoolId must be a school id' })
  schoolId?: string | null;

  @Field(() => StaffRole)
  @IsEnum(StaffRole)
  role: StaffRole;

  @Field(() => StaffStatus)
  @IsEnum(StaffStatus)
  status: StaffStatus;

  @Field(() => Date, { nullable: true, description: 'When status is DEPARTED; defaults to now (or the date already recorded).' })
  @IsOptional()
  departedAt?: Date | null;
}

/** What a feed did: rows it created, changed, and found already up to date. */
@ObjectType()
export abstract class FeedResult {
  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;
}

@ObjectType()
export class UpsertStaffPayload extends FeedResult {
  @Field(() => [Staff], { description: 'The staff members of the input, in input order, as now stored.' })
  staff: Staff[];
}

@InputType()
export class SocialHandleInput {
  @Field(() => Platform)
  @IsEnum(Platform)
  platform: Platform;

  @Field({ description: "The handle, with or without '@'; stored only as a keyed hash." })
  @Length(1, 255)
  @IsNotBlank()
  handle: string;
}

@InputType({ description: 'One student as the SIS knows them; upserts match on studentId.' })
export class StudentInput {
  @Field()
  @Matches(IDENTIFIER, { message: IDENTIFIER_MESSAGE })
  studentId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'schoolId must be a school id' })
  schoolId: string;

  @Field({ description: 'Whether a guardian consented to the student appearing in district media.' })
  mediaConsent: boolean;

  @Field(() => [SocialHandleInput], { defaultValue: [], description: "Replaces the student's recorded handles." })
  @ArrayMaxSize(20)
  @ValidateNested()
  handles: SocialHandleInput[];

  @Field(() => EnrolmentStatus, { defaultValue: EnrolmentStatus.ENROLLED })
  @IsEnum(EnrolmentStatus)
  status: EnrolmentStatus;
}

@ObjectType()
export class ImportStudentsPayload extends FeedResult {
  @Field(() => Int, { description: 'Students marked WITHDRAWN and therefore removed.' })
  withdrawn: number;
}

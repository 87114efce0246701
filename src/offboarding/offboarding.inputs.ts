import { IsDate, IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'HR says an employee leaves: Proctor takes them off every account it can and lists what a person must do.' })
export class OffboardStaffInput {
  @Field()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:\/-]{0,63}$/, { message: 'employeeId must be 1-64 letters, digits or . _ : / -' })
  employeeId: string;

  @Field(() => Date, { nullable: true, description: 'When the departure takes effect; omitted or past: now. A future time schedules it.' })
  @IsOptional()
  @IsDate()
  effectiveAt?: Date | null;

  @Field({ description: "The HR system's key for this request: the same key again changes nothing and answers the same offboarding." })
  @Length(1, 200)
  @Matches(/^[\x21-\x7e]+$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey: string;
}

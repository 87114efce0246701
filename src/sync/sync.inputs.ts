import { Field, InputType, Int } from 'type-graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsTimeZone } from '../validation/validators';

@InputType({ description: 'When the nightly sync runs for the district.' })
export class SyncScheduleInput {
  @Field({ nullable: true, description: 'IANA time zone, e.g. America/Chicago.' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @Field(() => Int, { nullable: true, description: 'Local hour, 0-23, after which the nightly run starts.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  hour?: number;
}

import { IsOptional, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsNotBlank, WEB_URL_OPTIONS } from '../validation/validators';

const SCHOOL_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const SCHOOL_CODE_MESSAGE = 'code must be 1-32 letters, digits, hyphens or underscores';

@InputType()
export class CreateSchoolInput {
  @Field()
  @Length(1, 200)
  @IsNotBlank()
  name: string;

  @Field({ description: 'District school code; stored upper case, unique within the district.' })
  @Matches(SCHOOL_CODE, { message: SCHOOL_CODE_MESSAGE })
  code: string;

  @Field({ description: "The school's website (http or https)." })
  @IsUrl(WEB_URL_OPTIONS)
  @MaxLength(2048)
  websiteUrl: string;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateSchoolInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  @IsNotBlank()
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(SCHOOL_CODE, { message: SCHOOL_CODE_MESSAGE })
  code?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsUrl(WEB_URL_OPTIONS)
  @MaxLength(2048)
  websiteUrl?: string;
}

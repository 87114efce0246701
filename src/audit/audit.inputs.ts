import { IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class AuditLogFilter {
  @Field({ nullable: true, description: 'e.g. account.approve' })
  @IsOptional()
  @Matches(/^[a-zA-Z]+(\.[a-zA-Z]+)*$/, { message: 'action looks like account.approve' })
  action?: string;

  @Field({ nullable: true, description: 'e.g. SocialAccount' })
  @IsOptional()
  @Length(1, 64)
  targetType?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 64)
  targetId?: string;
}

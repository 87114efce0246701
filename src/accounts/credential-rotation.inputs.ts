import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { ComplianceResultView } from '../compliance/compliance.types';
import { CredentialRotation } from './credential-rotation.entity';
import { SocialAccount } from './social-account.entity';

@ArgsType()
export class RecordCredentialRotationArgs {
  @Field(() => ID, { description: 'A SHARED_LOGIN account.' })
  accountId: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When the password was changed on the platform; defaults to now. Not in the future, not more than a year before the account was registered.',
  })
  rotatedAt?: Date | null;
}

@ObjectType({ description: 'The rotation as recorded, and the credentials.rotation judgement made with it.' })
export class RecordCredentialRotationPayload {
  @Field(() => CredentialRotation)
  rotation: CredentialRotation;

  @Field(() => SocialAccount)
  account: SocialAccount;

  @Field(() => ComplianceResultView, {
    nullable: true,
    description: "The account's fresh credentials.rotation result; null when the district's policy profile does not enable the rule.",
  })
  result: ComplianceResultView | null;
}

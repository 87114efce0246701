import { Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Roles } from '../auth/roles';
import type { GraphQLContext } from '../graphql/context';
import { CredentialRotation } from './credential-rotation.entity';
import { RecordCredentialRotationArgs, RecordCredentialRotationPayload } from './credential-rotation.inputs';
import { RECENT_ROTATIONS } from './credential-rotation.service';
import { SocialAccount } from './social-account.entity';

const ROTATION_RULE = 'credentials.rotation';

@Resolver(() => SocialAccount)
export class CredentialRotationResolver {
  @Authorized(Roles.accountManagers)
  @Mutation(() => RecordCredentialRotationPayload, {
    description: "Records that a shared login's password was changed on the platform, and judges credentials.rotation again.",
  })
  async recordCredentialRotation(@Args() args: RecordCredentialRotationArgs, @Ctx() context: GraphQLContext): Promise<RecordCredentialRotationPayload> {
    const { account, rotation } = await context.services.credentialRotations.record(context.scope, args.accountId, args.rotatedAt);
    // Judged at once, so the dashboard shows the effect of the rotation without waiting for the nightly sync.
    await context.services.compliance.judge(context.scope, [account]);
    const [compliance] = await context.services.complianceRead.complianceOf(context.scope, [account.id]);
    context.loaders.complianceByAccountId.clear(account.id).prime(account.id, compliance);
    context.loaders.credentialRotationsByAccountId.clear(account.id);
    return Object.assign(new RecordCredentialRotationPayload(), {
      rotation,
      account,
      result: compliance.results.find((result) => result.ruleId === ROTATION_RULE) ?? null,
    });
  }

  @FieldResolver(() => [CredentialRotation], { description: `Recorded password rotations, newest first (the last ${RECENT_ROTATIONS}).` })
  credentialRotations(@Root() account: SocialAccount, @Ctx() context: GraphQLContext): Promise<CredentialRotation[]> {
    return context.loaders.credentialRotationsByAccountId.load(account.id);
  }
}

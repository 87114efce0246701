import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SocialAccount } from '../accounts/social-account.entity';
import { Roles } from '../auth/roles';
import { PageArgs } from '../graphql/connection';
import type { GraphQLContext } from '../graphql/context';
import { AttestInput, FindingFilter, GrantExceptionInput } from './finding.inputs';
import { FindingConnection, FindingEventView, FindingView } from './finding.types';
import { Attestation, RuleException } from './rule-exception.entity';

@Resolver(() => FindingView)
export class FindingResolver {
  @Authorized(Roles.readers)
  @Query(() => FindingConnection, { description: 'Findings, newest first.' })
  findings(
    @Args() page: PageArgs,
    @Arg('filter', () => FindingFilter, { nullable: true }) filter: FindingFilter | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<FindingConnection> {
    return context.services.findings.list(context.scope, page, filter);
  }

  @Authorized(Roles.districtAdmin)
  @Mutation(() => RuleException, { description: "Mutes a rule's FAIL on one account until expiresAt (EXEMPT)." })
  grantException(@Arg('input') input: GrantExceptionInput, @Ctx() context: GraphQLContext): Promise<RuleException> {
    return context.services.findings.grantException(context.scope, input);
  }

  @Authorized(Roles.accountManagers)
  @Mutation(() => Attestation, { description: 'States the outcome of a MANUAL rule for one account until expiresAt.' })
  attest(@Arg('input') input: AttestInput, @Ctx() context: GraphQLContext): Promise<Attestation> {
    return context.services.findings.attest(context.scope, input);
  }

  @FieldResolver(() => SocialAccount, { nullable: true })
  account(@Root() finding: FindingView, @Ctx() context: GraphQLContext): Promise<SocialAccount | null> {
    return context.loaders.accountById.load(finding.accountId);
  }

  @FieldResolver(() => [FindingEventView], { description: 'Opened, resolved and reopened, oldest first.' })
  history(@Root() finding: FindingView, @Ctx() context: GraphQLContext): Promise<FindingEventView[]> {
    return context.loaders.findingHistory.load(finding.id);
  }
}

@Resolver(() => SocialAccount)
export class AccountFindingsResolver {
  @FieldResolver(() => [FindingView], { description: "The account's open findings." })
  async findings(@Root() account: SocialAccount, @Ctx() context: GraphQLContext): Promise<FindingView[]> {
    return context.loaders.openFindingsByAccountId.load(account.id);
  }
}

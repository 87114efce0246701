import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SocialAccount } from '../accounts/social-account.entity';
import { Roles } from '../auth/roles';
import type { GraphQLContext } from '../graphql/context';
import { School } from '../schools/school.entity';
import { AccountComplianceView, ComplianceSummaryView, SchoolStatusCounts } from './compliance.types';
import { PolicyParametersInput, PolicyProfileView, RuleView } from './policy.types';

@Resolver(() => SocialAccount)
export class ComplianceResolver {
  @Authorized(Roles.readers)
  @Query(() => [RuleView], { description: "Every rule of the catalogue, as the district's active profile configures it." })
  rules(@Ctx() context: GraphQLContext): Promise<RuleView[]> {
    return context.services.policy.rules(context.scope);
  }

  @Authorized(Roles.readers)
  @Query(() => [PolicyProfileView], { description: 'The shipped policy profiles, one per district procedure.' })
  policyProfiles(@Ctx() context: GraphQLContext): PolicyProfileView[] {
    return context.services.policy.profiles();
  }

  @Authorized(Roles.readers)
  @Query(() => ComplianceSummaryView, { description: 'Counts by status, rule and school (a principal sees its school).' })
  complianceSummary(
    @Arg('schoolId', () => ID, { nullable: true }) schoolId: string | null | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<ComplianceSummaryView> {
    return context.services.complianceRead.summary(context.scope, schoolId ?? null);
  }

  @Authorized(Roles.districtAdmin)
  @Mutation(() => RuleView, { description: "Overrides a rule's parameters for the district (null removes an override)." })
  updatePolicyParameters(@Arg('input') input: PolicyParametersInput, @Ctx() context: GraphQLContext): Promise<RuleView> {
    return context.services.policy.updateParameters(context.scope, input);
  }

  @FieldResolver(() => AccountComplianceView, { description: 'The latest judgement, with exceptions and attestations applied now.' })
  compliance(@Root() account: SocialAccount, @Ctx() context: GraphQLContext): Promise<AccountComplianceView> {
    return context.loaders.complianceByAccountId.load(account.id);
  }
}

@Resolver(() => SchoolStatusCounts)
export class SchoolStatusCountsResolver {
  @FieldResolver(() => School, { nullable: true })
  school(@Root() counts: SchoolStatusCounts, @Ctx() context: GraphQLContext): Promise<School | null> | null {
    return counts.schoolId ? context.loaders.schoolById.load(counts.schoolId) : null;
  }
}

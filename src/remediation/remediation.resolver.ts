import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../graphql/connection';
import { Roles } from '../auth/roles';
import type { GraphQLContext } from '../graphql/context';
import { RemediateInput, RemediationFilter } from './remediation.inputs';
import { RemediatePayload, RemediationActionConnection, RemediationActionView } from './remediation.types';

@Resolver(() => RemediationActionView)
export class RemediationResolver {
  @Authorized(Roles.accountManagers)
  @Mutation(() => RemediatePayload, {
    description: "Fixes a failing rule on an account through the platform's API where it allows, then re-checks; else records a manual task with the steps.",
  })
  remediate(@Arg('input') input: RemediateInput, @Ctx() context: GraphQLContext): Promise<RemediatePayload> {
    return context.services.remediations.remediate(context.scope, input);
  }

  @Authorized(Roles.readers)
  @Query(() => RemediationActionConnection, { description: 'Remediations, newest first. filter.open = true is the to-do list: what still waits for a worker or a person.' })
  remediations(
    @Args() page: PageArgs,
    @Arg('filter', () => RemediationFilter, { nullable: true }) filter: RemediationFilter | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<RemediationActionConnection> {
    return context.services.remediations.list(context.scope, page, filter);
  }

  @Authorized(Roles.readers)
  @Query(() => RemediationActionView, { nullable: true, description: 'One remediation action (null for an unknown or foreign id).' })
  remediation(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<RemediationActionView | null> {
    return context.services.remediations.find(context.scope, id);
  }
}

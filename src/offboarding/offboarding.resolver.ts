import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../graphql/connection';
import { Roles } from '../auth/roles';
import type { GraphQLContext } from '../graphql/context';
import { RemediationStatus } from '../remediation/remediation.enums';
import { Offboarding } from './offboarding.entity';
import { OffboardingSource } from './offboarding.enums';
import { OffboardStaffInput } from './offboarding.inputs';
import { OffboardingAccountView, OffboardingConnection, OffboardingView, OffboardStaffPayload } from './offboarding.types';

@Resolver(() => OffboardingView)
export class OffboardingResolver {
  @Authorized(Roles.offboarders)
  @Mutation(() => OffboardStaffPayload, {
    description: 'HR: an employee leaves. Removes them from every account roster Proctor can, flags shared passwords for rotation, and lists per account what was done and what a person must do. Replays change nothing.',
  })
  async offboardStaff(@Arg('input') input: OffboardStaffInput, @Ctx() context: GraphQLContext): Promise<OffboardStaffPayload> {
    const { offboarding, replayed } = await context.services.offboarding.offboard(context.scope, {
      employeeId: input.employeeId,
      effectiveAt: input.effectiveAt ?? null,
      idempotencyKey: input.idempotencyKey,
      source: OffboardingSource.GRAPHQL,
    });
    return Object.assign(new OffboardStaffPayload(), { replayed, offboarding: OffboardingView.of(offboarding) });
  }

  @Authorized(Roles.offboardingReaders)
  @Query(() => OffboardingConnection, { description: "Offboardings, newest first (one employee's with employeeId)." })
  offboardings(
    @Args() page: PageArgs,
    @Arg('employeeId', () => String, { nullable: true }) employeeId: string | null | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<OffboardingConnection> {
    return context.services.offboarding.list(context.scope, page, employeeId ?? null);
  }

  @Authorized(Roles.offboardingReaders)
  @Query(() => OffboardingView, { nullable: true, description: 'One offboarding and its progress (null for an unknown or foreign id).' })
  async offboarding(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<OffboardingView | null> {
    const row = await context.scope.findById(Offboarding, id);
    return row ? OffboardingView.of(row) : null;
  }

  @FieldResolver(() => [OffboardingAccountView], { description: 'Per account, the actions and their status.' })
  async accounts(@Root() offboarding: OffboardingView, @Ctx() context: GraphQLContext): Promise<OffboardingAccountView[]> {
    const actions = await context.loaders.remediationsByOffboardingId.load(offboarding.id);
    const accountIds = [...new Set(actions.map((action) => action.accountId))];
    const accounts = await context.loaders.accountById.loadMany(accountIds);
    return accountIds.flatMap((accountId, index) => {
      const account = accounts[index];
      if (!account || account instanceof Error) return [];
      const own = actions.filter((action) => action.accountId === accountId);
      return [
        Object.assign(new OffboardingAccountView(), {
          accountId,
          platform: account.platform,
          handle: account.handle,
          actions: own,
          needsPerson: own.some(
            (action) => (action.status === RemediationStatus.MANUAL && !action.resolvedAt) || (action.status === RemediationStatus.FAILED && action.nextAttemptAt === null),
          ),
        }),
      ];
    });
  }
}

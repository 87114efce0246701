import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Roles } from '../auth/roles';
import { District } from '../districts/district.entity';
import type { GraphQLContext } from '../graphql/context';
import { SyncTrigger } from './sync.enums';
import { SyncScheduleInput } from './sync.inputs';
import { SyncDeadLetter, SyncRunView } from './sync.types';

@Resolver(() => SyncRunView)
export class SyncResolver {
  @Authorized(Roles.districtAdmin)
  @Mutation(() => SyncRunView, { description: 'Syncs every account of the district now; answers the run already under way if there is one.' })
  async startSync(@Ctx() context: GraphQLContext): Promise<SyncRunView> {
    const { run } = await context.services.sync.start(context.scope, SyncTrigger.API);
    return context.services.sync.view(run);
  }

  @Authorized(Roles.districtReaders)
  @Query(() => SyncRunView, { nullable: true, description: 'Progress and outcome of one sync (null for an unknown id or another district\'s).' })
  syncRun(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<SyncRunView | null> {
    return context.services.sync.find(context.scope, id);
  }

  @Authorized(Roles.districtReaders)
  @Query(() => [SyncRunView], { description: 'The most recent syncs, newest first.' })
  syncRuns(@Arg('first', () => Int, { defaultValue: 10 }) first: number, @Ctx() context: GraphQLContext): Promise<SyncRunView[]> {
    return context.services.sync.recent(context.scope, Math.max(1, first));
  }

  @Authorized(Roles.districtAdmin)
  @Mutation(() => District, { description: 'Sets the time zone and local hour of the district\'s nightly sync.' })
  updateSyncSchedule(@Arg('input', () => SyncScheduleInput) input: SyncScheduleInput, @Ctx() context: GraphQLContext): Promise<District> {
    return context.services.sync.updateSchedule(context.scope, input);
  }

  @FieldResolver(() => [SyncDeadLetter])
  deadLetters(@Root() run: SyncRunView, @Ctx() context: GraphQLContext): Promise<SyncDeadLetter[]> {
    return context.services.sync.deadLetters(context.scope, run.id);
  }
}

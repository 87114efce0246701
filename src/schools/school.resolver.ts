import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Roles } from '../auth/roles';
import type { GraphQLContext } from '../graphql/context';
import { School } from './school.entity';
import { CreateSchoolInput, UpdateSchoolInput } from './school.inputs';

@Resolver(() => School)
export class SchoolResolver {
  @Authorized(Roles.anyone)
  @Query(() => [School], { description: "The district's schools; a principal key sees its own." })
  schools(@Ctx() context: GraphQLContext): Promise<School[]> {
    return context.services.schools.list(context.scope);
  }

  @Authorized(Roles.districtAdmin)
  @Mutation(() => School)
  createSchool(@Arg('input') input: CreateSchoolInput, @Ctx() context: GraphQLContext): Promise<School> {
    return context.services.schools.create(context.scope, input);
  }

  @Authorized(Roles.districtAdmin)
  @Mutation(() => School)
  updateSchool(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateSchoolInput,
    @Ctx() context: GraphQLContext,
  ): Promise<School> {
    return context.services.schools.update(context.scope, id, input);
  }
}

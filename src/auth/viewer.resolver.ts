import { Authorized, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { District } from '../districts/district.entity';
import type { GraphQLContext } from '../graphql/context';
import { School } from '../schools/school.entity';
import { ApiRole } from './api-role';
import { Roles } from './roles';

@ObjectType({ description: 'The caller: its district, role and (for a principal) school.' })
export class Viewer {
  @Field(() => District)
  district: District;

  @Field(() => ApiRole)
  role: ApiRole;

  @Field(() => School, { nullable: true, description: 'The school a PRINCIPAL key is limited to.' })
  school: School | null;

  @Field({ description: 'Public id of the API key in use.' })
  keyId: string;

  @Field()
  label: string;
}

@Resolver()
export class ViewerResolver {
  @Authorized(Roles.anyone)
  @Query(() => Viewer)
  async viewer(@Ctx() context: GraphQLContext): Promise<Viewer> {
    const { actor, scope } = context;
    return Object.assign(new Viewer(), {
      district: await scope.district(),
      role: actor.role,
      school: actor.schoolId ? await context.loaders.schoolById.load(actor.schoolId) : null,
      keyId: actor.id,
      label: actor.label,
    });
  }
}

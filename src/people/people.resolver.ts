import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Roles } from '../auth/roles';
import type { GraphQLContext } from '../graphql/context';
import { School } from '../schools/school.entity';
import { ImportStudentsPayload, StaffInput, StudentInput, UpsertStaffPayload } from './people.inputs';
import { Staff } from './staff.entity';

@Resolver(() => Staff)
export class PeopleResolver {
  @Authorized(Roles.staffFeeds)
  @Mutation(() => UpsertStaffPayload, { description: 'HR feed: create or update employees by employeeId (one transaction).' })
  upsertStaff(@Arg('input', () => [StaffInput]) input: StaffInput[], @Ctx() context: GraphQLContext): Promise<UpsertStaffPayload> {
    return context.services.staff.upsert(context.scope, input);
  }

  @Authorized(Roles.studentFeeds)
  @Mutation(() => ImportStudentsPayload, { description: 'SIS feed: create, update or withdraw students by studentId (one transaction).' })
  importStudents(
    @Arg('input', () => [StudentInput]) input: StudentInput[],
    @Ctx() context: GraphQLContext,
  ): Promise<ImportStudentsPayload> {
    return context.services.students.import(context.scope, input);
  }

  @FieldResolver(() => School, { nullable: true })
  school(@Root() staff: Staff, @Ctx() context: GraphQLContext): Promise<School | null> | null {
    return staff.schoolId ? context.loaders.schoolById.load(staff.schoolId) : null;
  }
}

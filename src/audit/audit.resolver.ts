import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Roles } from '../auth/roles';
import { PageArgs } from '../graphql/connection';
import type { GraphQLContext } from '../graphql/context';
import { AuditLogFilter } from './audit.inputs';
import { AuditEntryConnection } from './audit.service';

@Resolver()
export class AuditResolver {
  @Authorized(Roles.readers)
  @Query(() => AuditEntryConnection, { description: 'Every change, newest first; a principal key sees its school.' })
  auditLog(
    @Args() page: PageArgs,
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<AuditEntryConnection> {
    return context.services.audit.list(context.scope, page, filter);
  }
}

import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Roles } from '../auth/roles';
import { PageArgs } from '../graphql/connection';
import type { GraphQLContext } from '../graphql/context';
import { School } from '../schools/school.entity';
import { AccountAdmin } from './account-admin.entity';
import { AccountFilter, RegisterAccountInput } from './account.inputs';
import { SocialAccountConnection } from './account.service';
import { SocialAccount } from './social-account.entity';

@Resolver(() => SocialAccount)
export class AccountResolver {
  @Authorized(Roles.readers)
  @Query(() => SocialAccountConnection, { description: 'The account registry, in registration order.' })
  accounts(
    @Args() page: PageArgs,
    @Arg('filter', () => AccountFilter, { nullable: true }) filter: AccountFilter | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<SocialAccountConnection> {
    return context.services.accounts.list(context.scope, page, filter);
  }

  @Authorized(Roles.readers)
  @Query(() => SocialAccount, { nullable: true, description: "Null when there is no such account in the caller's view." })
  account(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<SocialAccount | null> {
    return context.services.accounts.get(context.scope, id);
  }

  @Authorized(Roles.accountManagers)
  @Mutation(() => SocialAccount, { description: 'Adds an account to the registry; it awaits approval.' })
  registerAccount(@Arg('input') input: RegisterAccountInput, @Ctx() context: GraphQLContext): Promise<SocialAccount> {
    return context.services.accounts.register(context.scope, input);
  }

  @Authorized(Roles.accountManagers)
  @Mutation(() => SocialAccount, { description: 'Approves an account awaiting approval.' })
  approveAccount(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<SocialAccount> {
    return context.services.accounts.approve(context.scope, id, note);
  }

  @FieldResolver(() => School, { nullable: true, description: 'Null for district-wide accounts.' })
  school(@Root() account: SocialAccount, @Ctx() context: GraphQLContext): Promise<School | null> | null {
    return account.schoolId ? context.loaders.schoolById.load(account.schoolId) : null;
  }

  @FieldResolver(() => [AccountAdmin], { description: 'The registered roster (current members).' })
  admins(@Root() account: SocialAccount, @Ctx() context: GraphQLContext): Promise<AccountAdmin[]> {
    return context.loaders.adminsByAccountId.load(account.id);
  }
}

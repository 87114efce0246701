import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { SocialAccount } from '../accounts/social-account.entity';
import { Roles } from '../auth/roles';
import type { GraphQLContext } from '../graphql/context';
import { AccountComplianceView } from '../compliance/compliance.types';
import { AccountSnapshotView } from '../snapshots/snapshot.types';
import { ConnectionStatus } from './connection.enums';
import { ConnectionError, PlatformConnection } from './platform-connection.entity';

@ObjectType({ description: 'A one-time link that starts the OAuth flow; open it in the browser of the person who will consent.' })
export class ConnectionLink {
  @Field()
  url: string;

  @Field()
  expiresAt: Date;
}

@ObjectType({ description: 'The outcome of checking an account now: a fresh snapshot, or why there is none.' })
export class CheckAccountPayload {
  @Field(() => SocialAccount)
  account: SocialAccount;

  @Field(() => AccountSnapshotView, { nullable: true })
  snapshot: AccountSnapshotView | null;

  @Field(() => ConnectionError, { nullable: true, description: 'Why the platform could not be read (null on success).' })
  error: ConnectionError | null;

  @Field(() => AccountComplianceView, { description: 'The judgement made from this check (ERROR results where the platform could not be read).' })
  compliance: AccountComplianceView;
}

function notConnected(account: SocialAccount): PlatformConnection {
  return Object.assign(new PlatformConnection(), {
    accountId: account.id,
    platform: account.platform,
    status: ConnectionStatus.NOT_CONNECTED,
    scopes: [],
    connectedAt: null,
    connectedBy: null,
    accessTokenExpiresAt: null,
    refreshTokenExpiresAt: null,
    lastRefreshedAt: null,
    refreshFailureDays: 0,
    lastErrorCode: null,
    lastErrorAt: null,
    lastFetchedAt: null,
  });
}

@Resolver(() => SocialAccount)
export class ConnectionResolver {
  @Authorized(Roles.accountManagers)
  @Mutation(() => ConnectionLink, { description: "Starts connecting the account to its platform: returns the consent link." })
  startConnection(@Arg('accountId', () => ID) accountId: string, @Ctx() context: GraphQLContext): Promise<ConnectionLink> {
    return context.services.connections.startConnection(context.scope, accountId);
  }

  @Authorized(Roles.accountManagers)
  @Mutation(() => CheckAccountPayload, { description: 'Reads the account from its platform now, keeps the snapshot as evidence, and judges it.' })
  async checkAccount(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<CheckAccountPayload> {
    const result = await context.services.snapshots.checkAccount(context.scope, id);
    await context.services.compliance.judge(context.scope, [result.account]);
    const [compliance] = await context.services.complianceRead.complianceOf(context.scope, [result.account.id]);
    context.loaders.complianceByAccountId.clear(result.account.id).prime(result.account.id, compliance);
    context.loaders.connectionByAccountId.clear(result.account.id);
    return Object.assign(new CheckAccountPayload(), {
      account: result.account,
      snapshot: result.snapshot ? AccountSnapshotView.from(result.snapshot) : null,
      error: result.error,
      compliance,
    });
  }

  @FieldResolver(() => PlatformConnection, { description: 'Never null: NOT_CONNECTED until someone connects the account.' })
  async connection(@Root() account: SocialAccount, @Ctx() context: GraphQLContext): Promise<PlatformConnection> {
    return (await context.loaders.connectionByAccountId.load(account.id)) ?? notConnected(account);
  }

  @FieldResolver(() => AccountSnapshotView, { nullable: true, description: 'The newest snapshot read from the platform.' })
  async latestSnapshot(@Root() account: SocialAccount, @Ctx() context: GraphQLContext): Promise<AccountSnapshotView | null> {
    const record = await context.loaders.latestSnapshotByAccountId.load(account.id);
    return record ? AccountSnapshotView.from(record) : null;
  }
}

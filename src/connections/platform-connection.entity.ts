import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, ManyToOne, OneToOne, JoinColumn, PrimaryColumn } from 'typeorm';
import { Platform } from '../accounts/account.enums';
import { SocialAccount } from '../accounts/social-account.entity';
import { Timestamped } from '../db/timestamps';
import { District } from '../districts/district.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import { ConnectionStatus } from './connection.enums';

@ObjectType({ description: 'Why the last platform call for this account failed, and what to do about it.' })
export class ConnectionError {
  @Field({ description: 'TOKEN_EXPIRED, TOKEN_REVOKED, RATE_LIMITED, UNAVAILABLE, PERMISSION_DENIED, ...' })
  code: string;

  @Field({ description: 'What happened, in words for a principal.' })
  message: string;

  @Field({ description: 'What to do next.' })
  action: string;

  @Field()
  occurredAt: Date;
}

/**
 * The OAuth link between a registry account and its platform. The credentials are one AES-256-GCM
 * ciphertext (integrations/oauth/token-vault.ts) with the id of the key that sealed it; no column holds a
 * token in clear and no GraphQL field exposes one.
 */
@ObjectType('AccountConnection', { description: "The account's OAuth connection to its platform." })
@TenantOwned({ via: { parent: () => SocialAccount, key: 'accountId' } })
@Entity()
@Index(['status', 'accessTokenExpiresAt'])
export class PlatformConnection extends Timestamped {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  /** One connection per account (the one-to-one join makes it unique). */
  @Column('uuid')
  accountId: string;

  @OneToOne(() => SocialAccount, { onDelete: 'CASCADE' })
  @JoinColumn()
  account?: SocialAccount;

  @Column({ type: 'enum', enum: Platform })
  platform: Platform;

  @Field(() => ConnectionStatus)
  @Column({ type: 'enum', enum: ConnectionStatus })
  status: ConnectionStatus;

  @Column({ length: 32 })
  credentialsKeyId: string;

  @Column('bytea')
  credentialsCiphertext: Buffer;

  @Field(() => [String], { description: 'Scopes the platform granted.' })
  @Column('text', { array: true, default: () => "'{}'" })
  scopes: string[];

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  connectedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Label of the API key whose link was used to connect.' })
  @Column('varchar', { length: 200, nullable: true })
  connectedBy: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the current access token expires (null: it does not). Proctor refreshes before then where the platform allows.',
  })
  @Column('timestamptz', { nullable: true })
  accessTokenExpiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the refresh token expires; after that only reconnecting helps.' })
  @Column('timestamptz', { nullable: true })
  refreshTokenExpiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  lastRefreshedAt: Date | null;

  @Field({ description: 'Separate days on which refreshing failed in a row (0 after a success).' })
  @Column('int', { default: 0 })
  refreshFailureDays: number;

  @Column('timestamptz', { nullable: true })
  lastRefreshFailureAt: Date | null;

  @Column('varchar', { length: 64, nullable: true })
  lastErrorCode: string | null;

  @Column('text', { nullable: true })
  lastErrorMessage: string | null;

  @Column('text', { nullable: true })
  lastErrorAction: string | null;

  @Column('timestamptz', { nullable: true })
  lastErrorAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When Proctor last read the account successfully.' })
  @Column('timestamptz', { nullable: true })
  lastFetchedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Alias of accessTokenExpiresAt (api.md).' })
  get expiresAt(): Date | null {
    return this.accessTokenExpiresAt;
  }

  @Field(() => ConnectionError, { nullable: true, description: 'Null while everything works.' })
  get lastError(): ConnectionError | null {
    if (!this.lastErrorCode || !this.lastErrorAt) return null;
    return Object.assign(new ConnectionError(), {
      code: this.lastErrorCode,
      message: this.lastErrorMessage ?? '',
      action: this.lastErrorAction ?? '',
      occurredAt: this.lastErrorAt,
    });
  }
}

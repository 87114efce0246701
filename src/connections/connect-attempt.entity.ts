import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { Platform } from '../accounts/account.enums';
import { SocialAccount } from '../accounts/social-account.entity';
import { ActorType } from '../audit/audit-entry.entity';
import { ApiRole } from '../auth/api-role';
import { District } from '../districts/district.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import { ConnectAttemptStage } from './connection.enums';

/**
 * One run of the connect flow: the one-time link startConnection hands out (only its hash is kept), then the
 * OAuth `state` it becomes (single use, expiring, bound to this account and district) and the PKCE verifier
 * (sealed by the token vault). Kept after completion as the record of who connected what.
 */
@TenantOwned({ via: { parent: () => SocialAccount, key: 'accountId' } })
@Entity('oauth_attempt')
export class ConnectAttempt {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  @Column('uuid')
  accountId: string;

  @ManyToOne(() => SocialAccount, { onDelete: 'CASCADE' })
  account?: SocialAccount;

  @Column({ type: 'enum', enum: Platform })
  platform: Platform;

  @Column({ type: 'enum', enum: ConnectAttemptStage })
  stage: ConnectAttemptStage;

  /** SHA-256 of the link's secret. */
  @Column('bytea')
  ticketHash: Buffer;

  @Column('timestamptz')
  ticketExpiresAt: Date;

  @Column('timestamptz', { nullable: true })
  stateExpiresAt: Date | null;

  @Column('varchar', { length: 32, nullable: true })
  verifierKeyId: string | null;

  @Column('bytea', { nullable: true })
  verifierCiphertext: Buffer | null;

  /** Who asked for the link: the connection is made on their behalf and audited as theirs. */
  @Column({ type: 'enum', enum: ActorType })
  actorType: ActorType;

  @Column({ length: 64 })
  actorId: string;

  @Column({ length: 200 })
  actorLabel: string;

  @Column({ type: 'enum', enum: ApiRole })
  actorRole: ApiRole;

  @Column('uuid', { nullable: true })
  actorSchoolId: string | null;

  @Column('varchar', { length: 64, nullable: true })
  failureCode: string | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

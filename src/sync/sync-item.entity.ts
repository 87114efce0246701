import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { Platform } from '../accounts/account.enums';
import { SocialAccount } from '../accounts/social-account.entity';
import { Timestamped } from '../db/timestamps';
import { TenantOwned } from '../tenancy/tenant-owned';
import { SyncItemStatus } from './sync.enums';
import { SyncRun } from './sync-run.entity';

/**
 * One account within a sync run: the unit of work, of idempotence and of progress. A worker may change an
 * item only while it holds it (`claimToken`, until `leaseUntil`); a second delivery of the same job finds the
 * item held or finished and leaves it alone, so a run records one result per account.
 */
@TenantOwned({ via: { parent: () => SocialAccount, key: 'accountId' } })
@Entity()
@Index(['runId', 'accountId'], { unique: true })
// Progress counts items by status within a run.
@Index(['runId', 'status'])
export class SyncItem extends Timestamped {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @Column('uuid')
  runId: string;

  @ManyToOne(() => SyncRun, { onDelete: 'CASCADE' })
  run?: SyncRun;

  @Column('uuid')
  accountId: string;

  @ManyToOne(() => SocialAccount, { onDelete: 'CASCADE' })
  account?: SocialAccount;

  @Column({ type: 'enum', enum: Platform })
  platform: Platform;

  @Column({ type: 'enum', enum: SyncItemStatus })
  status: SyncItemStatus;

  /** Transient failures so far (rate-limit waits are not failures and are counted apart). */
  @Column('integer', { default: 0 })
  attempts: number;

  @Column('integer', { default: 0 })
  rateLimitWaits: number;

  /** Who holds the item: a random token per job delivery. */
  @Column('uuid', { nullable: true })
  claimToken: string | null;

  @Column('timestamptz', { nullable: true })
  leaseUntil: Date | null;

  /** The process (host:pid) that last held it: which worker did what, when several share a run. */
  @Column('varchar', { length: 100, nullable: true })
  worker: string | null;

  /** When a waiting item's job is due. */
  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  /** Platform calls spent on this account in this run (every attempt). */
  @Column('integer', { default: 0 })
  apiCalls: number;

  /** The snapshot this run read (set in the same transaction that stored it). */
  @Column('uuid', { nullable: true })
  snapshotId: string | null;

  /** Why the latest attempt did not check the account (PlatformErrorKind, NOT_CONNECTED, REFRESH_EXHAUSTED, ...). */
  @Column('varchar', { length: 64, nullable: true })
  reasonCode: string | null;

  @Column('varchar', { length: 500, nullable: true })
  reasonMessage: string | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}

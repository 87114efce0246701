import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { Platform } from '../accounts/account.enums';
import { SocialAccount } from '../accounts/social-account.entity';
import { District } from '../districts/district.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import type { AccountSnapshot } from '../../integrations/snapshot';

/**
 * What one fetch read from one account, kept as it came (normalised) with its fetch time: the evidence every
 * compliance result will point at (rules.md, "Evidence, findings and history").
 */
@TenantOwned({ via: { parent: () => SocialAccount, key: 'accountId' } })
@Entity('account_snapshot')
@Index(['accountId', 'fetchedAt'])
export class SnapshotRecord {
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

  @Column('timestamptz')
  fetchedAt: Date;

  @Column('jsonb')
  data: AccountSnapshot;

  @Column('int')
  apiCalls: number;

  @Column('int')
  durationMs: number;
}

import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { Timestamped } from '../db/timestamps';
import { District } from '../districts/district.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import { SyncRunStatus, SyncTrigger } from './sync.enums';

/**
 * One sync of a district's accounts. Progress is not kept in counters here (two workers would race on them):
 * it is counted from the run's items, which each worker changes only for the accounts it holds.
 */
@TenantOwned()
@Entity()
// One nightly run per district and local night, however many schedulers tick at once.
@Index(['districtId', 'nightOf'], { unique: true, where: `"night_of" IS NOT NULL` })
@Index(['districtId', 'createdAt'])
export class SyncRun extends Timestamped {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  @Column({ type: 'enum', enum: SyncTrigger })
  trigger: SyncTrigger;

  /** The district's local date of a nightly run; null for runs started by hand. */
  @Column('date', { nullable: true })
  nightOf: string | null;

  @Column({ type: 'enum', enum: SyncRunStatus })
  status: SyncRunStatus;

  /** Who asked (API key label, cli:user, proctor:nightly). */
  @Column({ length: 200 })
  requestedBy: string;

  /** Accounts in the run; known once the fan-out job has listed them. */
  @Column('integer', { default: 0 })
  total: number;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;

  /** Why the run as a whole failed, when it did. */
  @Column('varchar', { length: 64, nullable: true })
  failureCode: string | null;
}

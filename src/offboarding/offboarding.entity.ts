import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { District } from '../districts/district.entity';
import { Timestamped } from '../db/timestamps';
import { Staff } from '../people/staff.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import { OffboardingSource, OffboardingStatus } from './offboarding.enums';

/**
 * HR said an employee leaves at `effectiveAt`. One row per departure: replays (same key, or the same person
 * again while departed) answer this row and change nothing. The per-account work is RemediationAction rows
 * with this offboardingId.
 */
@TenantOwned()
@Entity()
@Index(['districtId', 'idempotencyKey'], { unique: true })
@Index(['districtId', 'staffId', 'createdAt'])
@Index(['status', 'effectiveAt'])
export class Offboarding extends Timestamped {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  @Column('uuid')
  staffId: string;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  staff?: Staff;

  @Column({ length: 64 })
  employeeId: string;

  @Column('timestamptz')
  effectiveAt: Date;

  @Column({ length: 200 })
  idempotencyKey: string;

  @Column({ type: 'enum', enum: OffboardingSource })
  source: OffboardingSource;

  @Column({ type: 'enum', enum: OffboardingStatus })
  status: OffboardingStatus;

  @Column({ length: 200 })
  requestedBy: string;

  @Column({ length: 32 })
  requestedByRole: string;

  /** When the work began (effectiveAt reached); null while SCHEDULED. */
  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;
}

import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import { District } from '../districts/district.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import { SeverityLevel } from '../compliance/compliance.enums';

export enum FindingState {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}

/**
 * An (account, rule) pair that failed (rules.md): opened at the first FAIL, kept open while it fails,
 * resolved (never deleted) at the first later PASS, reopened when it fails again. Its events are the history.
 */
@TenantOwned({ school: 'schoolId' })
@Entity()
@Index(['districtId', 'accountId', 'ruleId'], { unique: true })
@Index(['districtId', 'id'])
@Index(['districtId', 'state', 'id'])
export class Finding {
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

  @Column('uuid', { nullable: true })
  schoolId: string | null;

  @Column({ length: 64 })
  ruleId: string;

  @Column({ type: 'enum', enum: SeverityLevel })
  severity: SeverityLevel;

  @Column({ type: 'enum', enum: FindingState })
  state: FindingState;

  @Column('text')
  message: string;

  @Column('jsonb')
  evidence: Record<string, unknown>;

  @Column('uuid', { nullable: true })
  snapshotId: string | null;

  @Column('timestamptz')
  firstSeenAt: Date;

  @Column('timestamptz')
  lastSeenAt: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;

  @Column('int', { default: 0 })
  reopenedCount: number;
}

export enum FindingEventType {
  OPENED = 'OPENED',
  RESOLVED = 'RESOLVED',
  REOPENED = 'REOPENED',
}

@TenantOwned({ via: { parent: () => Finding, key: 'findingId' } })
@Entity()
@Index(['findingId', 'at'])
export class FindingEvent {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  @Column('uuid')
  findingId: string;

  @ManyToOne(() => Finding, { onDelete: 'CASCADE' })
  finding?: Finding;

  @Column({ type: 'enum', enum: FindingEventType })
  type: FindingEventType;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  message: string;

  @Column('uuid', { nullable: true })
  snapshotId: string | null;
}

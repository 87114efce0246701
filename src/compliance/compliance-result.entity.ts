import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import { District } from '../districts/district.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import { ComplianceStatus, SeverityLevel } from './compliance.enums';
import type { StoredCitation } from './engine';

export interface StoredRemediation {
  /** The platform action that would fix it, when the rule has one and the platform's API can apply it. */
  action: string | null;
  steps: string[];
}

/**
 * The latest judgement of one rule on one account: the raw verdict (PASS, FAIL, MANUAL, ERROR,
 * NOT_APPLICABLE). EXEMPT and attested outcomes are applied when read, so an exception's expiry takes
 * effect by itself, without a re-check.
 */
@TenantOwned({ school: 'schoolId' })
@Entity()
@Index(['districtId', 'accountId', 'ruleId'], { unique: true })
@Index(['districtId', 'ruleId', 'status'])
export class ComplianceResult {
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

  /** Copied from the account so summaries group by school without a join, and principals see their school's. */
  @Column('uuid', { nullable: true })
  schoolId: string | null;

  @Column({ length: 64 })
  ruleId: string;

  @Column({ type: 'enum', enum: ComplianceStatus })
  status: ComplianceStatus;

  @Column({ type: 'enum', enum: SeverityLevel })
  severity: SeverityLevel;

  @Column('text')
  message: string;

  @Column('jsonb')
  evidence: Record<string, unknown>;

  @Column('jsonb')
  citations: StoredCitation[];

  @Column('jsonb')
  remediation: StoredRemediation;

  @Column('uuid', { nullable: true })
  snapshotId: string | null;

  @Column('timestamptz')
  checkedAt: Date;
}

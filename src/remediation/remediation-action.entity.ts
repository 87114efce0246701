import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import { District } from '../districts/district.entity';
import { Timestamped } from '../db/timestamps';
import { TenantOwned } from '../tenancy/tenant-owned';
import { RemediationActionKind, RemediationOrigin, RemediationStatus } from './remediation.enums';

/** One platform call of an action (an action may need several: one per departed admin, per open post). */
export interface RemediationOperation {
  /** The connector's RemediationKind. */
  kind: string;
  params: Record<string, string | string[] | boolean>;
  /** What it is about, for people: "post 123", "admin Pat Lee". */
  target: string;
  status: 'PENDING' | 'APPLIED' | 'FAILED';
  /** The platform's answer (never a token). */
  response?: unknown;
  errorCode?: string | null;
  errorMessage?: string | null;
  appliedAt?: string | null;
}

/**
 * A remediation: what Proctor did (or a person must do) about one rule on one account, with its lifecycle,
 * who asked, the idempotency key, the platform's answers and the re-check after applying.
 */
@TenantOwned({ school: 'schoolId' })
@Entity()
@Index(['districtId', 'idempotencyKey'], { unique: true, where: '"idempotency_key" IS NOT NULL' })
@Index(['districtId', 'accountId', 'createdAt'])
@Index(['offboardingId'])
// The sweeper's scan: due actions that still need a worker.
@Index(['status', 'nextAttemptAt'])
export class RemediationAction extends Timestamped {
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

  @Column('varchar', { length: 64, nullable: true })
  ruleId: string | null;

  @Column({ type: 'enum', enum: RemediationActionKind })
  kind: RemediationActionKind;

  @Column({ type: 'enum', enum: RemediationOrigin })
  origin: RemediationOrigin;

  @Column({ type: 'enum', enum: RemediationStatus })
  status: RemediationStatus;

  @Column('jsonb', { default: () => "'[]'" })
  operations: RemediationOperation[];

  /** What a person does (MANUAL), or would do if the platform keeps refusing (FAILED). */
  @Column('jsonb', { default: () => "'[]'" })
  steps: string[];

  /** Why this action: the finding's message or the offboarding's reason. */
  @Column('text')
  reason: string;

  @Column('varchar', { length: 200, nullable: true })
  idempotencyKey: string | null;

  @Column('uuid', { nullable: true })
  offboardingId: string | null;

  @Column({ length: 200 })
  requestedBy: string;

  @Column({ length: 32 })
  requestedByRole: string;

  @Column('int', { default: 0 })
  attempts: number;

  /** When a worker should (re)try: set while REQUESTED or FAILED-and-retrying, null otherwise. */
  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  /** A worker's claim: another worker leaves the action alone until the lease runs out. */
  @Column('uuid', { nullable: true })
  claimToken: string | null;

  @Column('timestamptz', { nullable: true })
  leaseUntil: Date | null;

  @Column('varchar', { length: 64, nullable: true })
  lastErrorCode: string | null;

  @Column('text', { nullable: true })
  lastErrorMessage: string | null;

  @Column('timestamptz', { nullable: true })
  appliedAt: Date | null;

  /** The rule's status on the re-check after applying (PASS when the fix took). */
  @Column('varchar', { length: 32, nullable: true })
  recheckStatus: string | null;

  @Column('timestamptz', { nullable: true })
  recheckedAt: Date | null;

  /** For MANUAL tasks: when a later check (or a recorded rotation) showed it done. */
  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;
}

import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { ApiRole } from '../auth/api-role';
import { Timestamped } from '../db/timestamps';
import { District } from '../districts/district.entity';
import { School } from '../schools/school.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import { AccountAdmin } from './account-admin.entity';
import { AccountKind, AccountScope, AccountStatus, Audience, Platform } from './account.enums';

@ObjectType({ description: 'An approval decision on a social account.' })
export class AccountApproval {
  @Field()
  approvedAt: Date;

  @Field({ description: 'Label of the API key (person or system) that approved.' })
  approvedBy: string;

  @Field(() => ApiRole)
  approverRole: ApiRole;

  @Field(() => String, { nullable: true })
  note: string | null;
}

@ObjectType({ description: "A professional social media account in the district's registry." })
@TenantOwned({ school: 'schoolId' })
@Entity()
@Index(['districtId', 'platform', 'handle'], { unique: true })
// Keyset pages: the district's accounts in id order, optionally one school's.
@Index(['districtId', 'id'])
@Index(['districtId', 'schoolId', 'id'])
export class SocialAccount extends Timestamped {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  @Field(() => Platform)
  @Column({ type: 'enum', enum: Platform })
  platform: Platform;

  @Field({ description: "The account's handle or username, without '@', lower case." })
  @Column({ length: 255 })
  handle: string;

  @Field(() => String, { nullable: true, description: "The platform's own id (page id, channel id, ...)." })
  @Column('varchar', { length: 255, nullable: true })
  externalId: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 255, nullable: true })
  displayName: string | null;

  @Field(() => AccountScope)
  @Column({ type: 'enum', enum: AccountScope })
  scope: AccountScope;

  @Column('uuid', { nullable: true })
  schoolId: string | null;

  @ManyToOne(() => School, { onDelete: 'RESTRICT', nullable: true })
  school?: School | null;

  @Field(() => Audience, { description: 'The audience the district intends (the platform may show otherwise).' })
  @Column({ type: 'enum', enum: Audience })
  audience: Audience;

  @Field(() => String, { nullable: true, description: 'The documented educational need for a public account.' })
  @Column('text', { nullable: true })
  publicJustification: string | null;

  @Field(() => AccountKind)
  @Column({ type: 'enum', enum: AccountKind })
  kind: AccountKind;

  @Field({ description: 'The staff member responsible for the account.' })
  @Column({ length: 320 })
  custodianEmail: string;

  @Field(() => String, { nullable: true, description: 'The email the account logs in with (or is registered to).' })
  @Column('varchar', { length: 320, nullable: true })
  loginEmail: string | null;

  @Field(() => AccountStatus)
  @Column({ type: 'enum', enum: AccountStatus, default: AccountStatus.PENDING_APPROVAL })
  status: AccountStatus;

  @Field()
  @Column('timestamptz')
  registeredAt: Date;

  @Field({ description: 'Label of the API key (person or system) that registered the account.' })
  @Column({ length: 200 })
  registeredBy: string;

  @Column('timestamptz', { nullable: true })
  approvedAt: Date | null;

  @Column('varchar', { length: 200, nullable: true })
  approvedBy: string | null;

  @Column({ type: 'enum', enum: ApiRole, nullable: true })
  approverRole: ApiRole | null;

  @Column('text', { nullable: true })
  approvalNote: string | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  retiredAt: Date | null;

  @OneToMany(() => AccountAdmin, (admin) => admin.account)
  adminRows?: AccountAdmin[];

  @Field(() => AccountApproval, { nullable: true, description: 'Null until approved.' })
  get approval(): AccountApproval | null {
    if (!this.approvedAt || !this.approvedBy || !this.approverRole) return null;
    return Object.assign(new AccountApproval(), {
      approvedAt: this.approvedAt,
      approvedBy: this.approvedBy,
      approverRole: this.approverRole,
      note: this.approvalNote,
    });
  }
}

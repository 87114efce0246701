import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { Timestamped } from '../db/timestamps';
import { District } from '../districts/district.entity';
import { School } from '../schools/school.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import { StaffRole, StaffStatus } from './people.enums';

@ObjectType({ description: 'A district employee, as the HR or SIS feed last described them.' })
@TenantOwned({ school: 'schoolId' })
@Entity()
@Index(['districtId', 'employeeId'], { unique: true })
@Index(['districtId', 'email'], { unique: true })
@Index(['districtId', 'sourcedId'], { unique: true, where: '"sourced_id" IS NOT NULL' })
@Index(['districtId', 'scimExternalId'], { unique: true, where: '"scim_external_id" IS NOT NULL' })
export class Staff extends Timestamped {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  @Field({ description: 'The HR system identifier; upserts match on it.' })
  @Column({ length: 64 })
  employeeId: string;

  @Field()
  @Column({ length: 200 })
  name: string;

  @Field({ description: 'Lower case.' })
  @Column({ length: 320 })
  email: string;

  @Column('uuid', { nullable: true })
  schoolId: string | null;

  @ManyToOne(() => School, { onDelete: 'SET NULL', nullable: true })
  school?: School | null;

  @Field(() => StaffRole)
  @Column({ type: 'enum', enum: StaffRole })
  role: StaffRole;

  @Field(() => StaffStatus)
  @Column({ type: 'enum', enum: StaffStatus })
  status: StaffStatus;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  departedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Given name, when a feed sends it apart (SCIM name.givenName, OneRoster givenName).' })
  @Column('varchar', { length: 100, nullable: true })
  givenName: string | null;

  @Field(() => String, { nullable: true, description: 'Family name, when a feed sends it apart.' })
  @Column('varchar', { length: 100, nullable: true })
  familyName: string | null;

  @Field(() => String, { nullable: true, description: 'The OneRoster sourcedId of the person, when the SIS import created or matched them.' })
  @Column('varchar', { length: 255, nullable: true })
  sourcedId: string | null;

  /** The identity provider's own id for the person (SCIM externalId). */
  @Column('varchar', { length: 255, nullable: true })
  scimExternalId: string | null;
}

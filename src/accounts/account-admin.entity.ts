import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { TenantOwned } from '../tenancy/tenant-owned';
import { SocialAccount } from './social-account.entity';

/**
 * One person (or the IT service account) the district says holds access to an account: the registered
 * roster. The platform's own roster arrives in snapshots; the compliance rules compare the two.
 */
@ObjectType('AccountAdmin')
@TenantOwned({ via: { parent: () => SocialAccount, key: 'accountId' } })
@Entity()
@Index(['accountId'])
@Check('"email" IS NOT NULL OR "employee_id" IS NOT NULL OR "platform_user_id" IS NOT NULL')
export class AccountAdmin {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @Column('uuid')
  accountId: string;

  @ManyToOne(() => SocialAccount, (account) => account.adminRows, { onDelete: 'CASCADE' })
  account?: SocialAccount;

  @Field(() => String, { nullable: true, description: 'Lower case.' })
  @Column('varchar', { length: 320, nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 200, nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 64, nullable: true })
  employeeId: string | null;

  @Field(() => String, { nullable: true, description: "The person's id on the platform, when known." })
  @Column('varchar', { length: 255, nullable: true })
  platformUserId: string | null;

  @Field({ description: 'Role on the platform as the district records it (ADMIN, EDITOR, MODERATOR, ...).' })
  @Column({ length: 64 })
  platformRole: string;

  @Field({ description: "True for the district IT services account that must be on every roster." })
  @Column({ default: false })
  isServiceAccount: boolean;

  @Field()
  @Column('timestamptz')
  addedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  removedAt: Date | null;
}

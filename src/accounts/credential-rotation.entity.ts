import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { District } from '../districts/district.entity';
import { TenantOwned } from '../tenancy/tenant-owned';
import { SocialAccount } from './social-account.entity';

/** A shared password was changed: the rotation log credentials.rotation judges. No password is ever stored. */
@ObjectType('CredentialRotation', { description: "A recorded change of a shared login's password." })
@TenantOwned({ via: { parent: () => SocialAccount, key: 'accountId' } })
@Entity()
@Index(['accountId', 'rotatedAt'])
export class CredentialRotation {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  districtId: string;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  district?: District;

  @Field(() => ID)
  @Column('uuid')
  accountId: string;

  @ManyToOne(() => SocialAccount, { onDelete: 'CASCADE' })
  account?: SocialAccount;

  @Field({ description: 'When the password was changed on the platform.' })
  @Column('timestamptz')
  rotatedAt: Date;

  @Field({ description: 'Label of the API key that recorded it.' })
  @Column({ length: 200 })
  recordedBy: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}

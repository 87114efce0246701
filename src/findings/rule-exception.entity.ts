import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import { District } from '../districts/district.entity';
import { TenantOwned } from '../tenancy/tenant-owned';

/** Mutes one rule's FAIL on one account until it expires (rules.md "exception"). */
@ObjectType('RuleException', { description: "Mutes one rule's FAIL on one account (EXEMPT) until it expires." })
@TenantOwned({ via: { parent: () => SocialAccount, key: 'accountId' } })
@Entity()
@Index(['accountId', 'ruleId', 'expiresAt'])
export class RuleException {
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

  @Field()
  @Column({ length: 64 })
  ruleId: string;

  @Field()
  @Column('text')
  reason: string;

  @Field({ description: 'Label of the API key that granted it.' })
  @Column({ length: 200 })
  grantedBy: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt: Date;

  @Field()
  @Column('timestamptz')
  expiresAt: Date;
}

/** A person's signed statement for a rule the platform cannot show (MANUAL), with an expiry. */
@ObjectType('Attestation', { description: "A person's statement about a MANUAL rule; it decides the rule until it expires." })
@TenantOwned({ via: { parent: () => SocialAccount, key: 'accountId' } })
@Entity()
@Index(['accountId', 'ruleId', 'expiresAt'])
export class Attestation {
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

  @Field()
  @Column({ length: 64 })
  ruleId: string;

  @Field()
  @Column('text')
  statement: string;

  @Field({ description: 'True: the person states the account complies (PASS); false: it does not (FAIL).' })
  @Column()
  compliant: boolean;

  @Field({ description: 'Label of the API key that attested.' })
  @Column({ length: 200 })
  attestedBy: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  attestedAt: Date;

  @Field()
  @Column('timestamptz')
  expiresAt: Date;
}

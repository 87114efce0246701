import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Timestamped } from '../db/timestamps';

export type PolicyParameterValue = string | number | boolean | string[] | null;

@ObjectType({ description: 'A school district: the tenant every other record belongs to.' })
@Entity()
export class District extends Timestamped {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Field()
  @Column({ length: 200 })
  name: string;

  @Field({ description: 'Short unique name used by the CLI and in URLs.' })
  @Column({ length: 63, unique: true })
  slug: string;

  @Field(() => [String], { description: 'Email domains of district staff accounts (lower case).' })
  @Column('text', { array: true })
  emailDomains: string[];

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 2048, nullable: true })
  websiteUrl: string | null;

  @Field({ description: 'The shipped policy profile this district follows.' })
  @Column({ length: 64 })
  policyProfileId: string;

  /** Parameter overrides over the profile's defaults, keyed by rule id (validated by the compliance engine). */
  @Column('jsonb', { default: () => "'{}'" })
  policyOverrides: Record<string, Record<string, PolicyParameterValue>>;

  @Field({ description: 'IANA time zone; nightly checks run at night here.' })
  @Column({ length: 64, default: 'UTC' })
  timeZone: string;

  @Field(() => Int, { nullable: true, description: 'Local hour (0-23) after which the nightly sync starts; null: the deployment default (SYNC_NIGHTLY_HOUR).' })
  @Column('smallint', { nullable: true })
  nightlySyncHour: number | null;
}
